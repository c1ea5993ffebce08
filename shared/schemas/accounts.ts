/** Issue 15 item 11: accounts as the admin's page reads them (never a password hash). */
import { z } from 'zod';
import { ZSessionUserSchema } from './auth';

/** One account (POST /api/users, PATCH /api/users/:id, POST …/active, …/password). */
export const ZUserViewSchema = ZSessionUserSchema.extend({
  active: z.boolean(),
  createdAt: z.string(),
});
export type TUserView = z.output<typeof ZUserViewSchema>;

/** GET /api/users: every account, active or disabled. */
export const ZUserListAnswerSchema = z.object({ users: z.array(ZUserViewSchema) });
