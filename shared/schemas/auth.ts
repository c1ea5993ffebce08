/** Signing in (POST /api/auth/login, GET /api/auth/me): the user the console shows and the CSRF token. */
import { z } from 'zod';
import { ROLES } from '../domain';

/**
 * POST /api/auth/login. The same rules as the server's own login schema
 * (server/platform/auth/routes.ts), which should import this one.
 */
export const ZLoginInputSchema = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, { error: '请输入用户名' }).max(64),
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(256),
});
export type TLoginInput = z.input<typeof ZLoginInputSchema>;

export const ZSessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  /** A liaison's unit; null for line staff. */
  unitId: z.number().int().nullable(),
});
export type TSessionUser = z.output<typeof ZSessionUserSchema>;

/** What login and GET /api/auth/me answer. */
export const ZAuthAnswerSchema = z.object({
  csrfToken: z.string(),
  expiresAt: z.string(),
  user: ZSessionUserSchema,
});
export type TAuthAnswer = z.output<typeof ZAuthAnswerSchema>;

/** POST /api/auth/logout-all: every session of the user ended; how many were still open. */
export const ZLogoutAllAnswerSchema = z.object({ ok: z.literal(true), sessionsEnded: z.number().int().min(0) });
