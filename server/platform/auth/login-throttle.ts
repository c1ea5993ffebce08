/**
 * Issue 14 item 4: login throttling that holds across spellings, usernames, processes and
 * restarts. Two limits over a sliding window (15 minutes):
 * - per address and account: LOGIN_MAX_FAILURES failures for one (normalised) username from one
 *   address, then that account is refused from that address;
 * - per address: LOGIN_MAX_FAILURES_PER_ADDRESS failures across all usernames, so trying many
 *   accounts (or spellings of unknown ones) from one address is capped too.
 *
 * Failures live in the database (`login_failures`), so every process behind a balancer and a
 * restarted one count the same rows. An attempt is counted and recorded before its password is
 * checked, one attempt of an address at a time (an advisory lock per address), so a burst of
 * concurrent guesses gets exactly the limit checked — no more, and no fewer either; a
 * right password deletes its row and the address's earlier failures at that username. Refusals are the same whether the account exists or not.
 */
import { createHash } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { loginFailures } from '../../../db/schema';
import { AppError } from '../../../shared/errors';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export interface LoginThrottleOptions {
  db: Db;
  now: () => Date;
  /** Failures allowed for one username from one address within the window. */
  maxPerAccount: number;
  /** Failures allowed from one address across all usernames within the window. */
  maxPerAddress: number;
}

/** An attempt under way: say how it ended. */
export interface LoginAttempt {
  /** The password was right: this attempt, and this address's earlier failures at this username, stop counting. */
  succeeded(): Promise<void>;
}

const usernameKeyOf = (normalised: string) => createHash('sha256').update(normalised).digest('hex');

/** With the address's hash: one attempt per address counts at a time. */
const LOGIN_LOCK = 62112351;

export function loginThrottle(opts: LoginThrottleOptions) {
  const { db } = opts;
  return {
    /**
     * Records an attempt by `address` at `username` (already normalised) and refuses it with
     * `rate_limited` when it is over either limit. The row stays (a failure) unless `succeeded()`.
     */
    async begin(address: string, username: string): Promise<LoginAttempt> {
      const now = opts.now();
      const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
      const usernameKey = usernameKeyOf(username);
      await db.transaction(async (tx) => {
        // Attempts from one address are counted one after another (a concurrent burst cannot slip
        // under the limit, nor refuse itself below it); other addresses do not wait.
        await tx.execute(sql`select pg_advisory_xact_lock(${LOGIN_LOCK}, hashtext(${address}))`);
        // Old rows first, so the table holds one window at most (cheap: indexed on `at`).
        await tx.delete(loginFailures).where(lt(loginFailures.at, since));
        // One read: this address's failures in the window, and those at this username.
        const [counts] = await tx
          .select({
            forAddress: sql<number>`count(*)::int`,
            forAccount: sql<number>`(count(*) filter (where ${loginFailures.usernameKey} = ${usernameKey}))::int`,
          })
          .from(loginFailures)
          .where(and(eq(loginFailures.address, address), gt(loginFailures.at, since)));
        // A refused attempt is not a guess: it is not recorded, so it does not push the end of the lock further out.
        if (!counts || counts.forAccount >= opts.maxPerAccount || counts.forAddress >= opts.maxPerAddress) {
          throw new AppError('rate_limited', '登录失败次数过多，请15分钟后再试');
        }
        await tx.insert(loginFailures).values({ address, usernameKey, at: now });
      });
      return {
        async succeeded() {
          // The person knows the password: their own typos from here no longer count. The
          // address's failures at other usernames stay counted.
          await db.delete(loginFailures).where(and(eq(loginFailures.address, address), eq(loginFailures.usernameKey, usernameKey)));
        },
      };
    },
  };
}

export type LoginThrottle = ReturnType<typeof loginThrottle>;
