/** Server-side sessions: the cookie holds a random token; the database holds its SHA-256. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { sessions, users } from '../../../db/schema';
import type { Role } from '../../../shared/domain';

export const SESSION_COOKIE = 'hotline_sid';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: number | null;
}

export interface AuthContext {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  user: SessionUser;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function createSession(db: Db, userId: number, ttlHours: number, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await db.insert(sessions).values({ id: sha256(token), userId, csrfToken, createdAt: now, expiresAt });
  return { token, csrfToken, expiresAt };
}

/**
 * The session behind a cookie, if still good. Every API request runs this: its statement is built
 * once per database and prepared by name (issue 17.4; PostgreSQL parses and plans it once per
 * connection).
 */
export async function findSession(db: Db, token: string, now: Date): Promise<AuthContext | null> {
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  const [row] = await lookup.execute({ id: sha256(token), now });
  if (!row) return null;
  const { sessionId, csrfToken, expiresAt, ...user } = row;
  return { sessionId, csrfToken, expiresAt, user: { ...user, roles: user.roles as Role[] } };
}

const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

function prepareSessionLookup(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      roles: users.roles,
      unitId: users.unitId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('id')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder('now')), eq(users.active, true)))
    .prepare('session_lookup');
}

/**
 * The sessions among `sessionIds` that are still good at `now` (not revoked, not expired, their
 * user active), read fresh with their user's roles and unit; the others are absent.
 */
export async function liveSessions(db: Db, sessionIds: readonly string[], now: Date): Promise<Map<string, AuthContext>> {
  const found = new Map<string, AuthContext>();
  if (sessionIds.length === 0) return found;
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(inArray(sessions.id, [...new Set(sessionIds)]), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), eq(users.active, true)));
  for (const row of rows) {
    found.set(row.session.id, {
      sessionId: row.session.id,
      csrfToken: row.session.csrfToken,
      expiresAt: row.session.expiresAt,
      user: {
        id: row.user.id,
        username: row.user.username,
        displayName: row.user.displayName,
        roles: row.user.roles as Role[],
        unitId: row.user.unitId,
      },
    });
  }
  return found;
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}

/** Logout everywhere: ends every open session of the user. */
export async function revokeAllSessions(db: Db, userId: number, now: Date): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
