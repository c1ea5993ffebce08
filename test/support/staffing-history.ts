/**
 * What the staffing tests (API and browser) set up alike: the demo users' ids by username, and a
 * call history the forecast reads so the half-hour's requirement is not zero.
 */
import type { Db } from '../../db/client';
import { calls, users } from '../../db/schema';

/** Every user's id, by username. */
export async function userIds(db: Db): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const u of await db.select({ id: users.id, username: users.username }).from(users)) ids[u.username] = u.id;
  return ids;
}

/**
 * 20 answered calls, one a minute from `at` (an ISO moment), on the same weekday of each of the
 * four weeks before it: 10 s wait, 270 s talk each. `sidPrefix` keeps each file's call ids apart.
 */
export async function seedEarlierWeeksCalls(db: Db, at: string, sidPrefix: string): Promise<void> {
  const week = 7 * 86_400_000;
  const rows = [1, 2, 3, 4].flatMap((w) =>
    Array.from({ length: 20 }, (_, i) => ({
      callSid: `${sidPrefix}${w}-${i}`,
      direction: 'inbound',
      fromNumber: '+8613900000000',
      toNumber: '+862162112345',
      status: 'completed',
      queuedAt: new Date(Date.parse(at) - w * week + i * 60_000),
      answeredAt: new Date(Date.parse(at) + 10_000 - w * week + i * 60_000),
      waitSeconds: 10,
      talkSeconds: 270,
    })),
  );
  await db.insert(calls).values(rows);
}
