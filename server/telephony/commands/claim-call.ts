/**
 * An operator takes a waiting call. Only one can: the claim is one UPDATE … WHERE claimed_by IS
 * NULL, so of two operators clicking at once exactly one row changes; the other is told who
 * has it. Releasing (a misclick, or the operator's phone did not answer) puts it back.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client';
import { calls, users } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import type { SessionUser } from '../../platform/auth/sessions';
import type { LivePublisher } from '../../platform/live/publisher';
import { withTransaction } from '../../platform/unit-of-work';
import { callView, roomsForCall, type CallRow } from '../present-call';

export interface ClaimCallOptions {
  db: Db;
  live: LivePublisher;
  actor: SessionUser;
  actorRole: string;
  callId: number;
  now: Date;
  /** browser or desk: recorded on the event. */
  via: 'browser' | 'desk';
}

export async function claimCall(opts: ClaimCallOptions): Promise<{ call: CallRow; claimed: boolean }> {
  return withTransaction(opts, async (tx, emit) => {
    const [claimed] = await tx
      .update(calls)
      .set({ claimedBy: opts.actor.id, claimedAt: opts.now, version: sql`${calls.version} + 1`, updatedAt: opts.now })
      .where(and(eq(calls.id, opts.callId), eq(calls.direction, 'inbound'), isNull(calls.claimedBy), isNull(calls.endedAt)))
      .returning();
    if (!claimed) {
      const current = await refusal(tx, opts);
      return { call: current, claimed: false };
    }
    emit({
      type: 'call.claimed',
      ticketId: claimed.ticketId,
      actorId: opts.actor.id,
      actorRole: opts.actorRole,
      at: opts.now,
      fromState: claimed.status,
      toState: claimed.status,
      payload: { call: await callView(tx, claimed), via: opts.via },
      rooms: roomsForCall(claimed),
    });
    return { call: claimed, claimed: true };
  });
}

/** Why a claim changed nothing; the same operator claiming again is not an error. */
async function refusal(tx: Tx, opts: ClaimCallOptions): Promise<CallRow> {
  const [row] = await tx.select().from(calls).where(eq(calls.id, opts.callId)).limit(1);
  if (!row) throw new AppError('not_found', '来电不存在');
  if (row.claimedBy === opts.actor.id && !row.endedAt) return row;
  if (row.direction !== 'inbound') throw new AppError('invalid_state', '外呼电话不能接听');
  if (row.endedAt) throw new AppError('invalid_state', '来电已挂断，可在未接来电中回拨');
  const [holder] = row.claimedBy === null ? [] : await tx.select({ name: users.displayName }).from(users).where(eq(users.id, row.claimedBy)).limit(1);
  throw new AppError('invalid_state', `该来电已由${holder?.name ?? '其他话务员'}接听`);
}

export interface ReleaseCallOptions {
  db: Db;
  live: LivePublisher;
  callId: number;
  now: Date;
  /** The operator letting go (only their own claim, supervisors any); null: the system (no answer). */
  actor: { user: SessionUser; role: string; any: boolean } | null;
}

/** Puts a claimed, not yet answered call back in the queue for every operator. */
export async function releaseCall(opts: ReleaseCallOptions): Promise<CallRow> {
  return withTransaction(opts, async (tx, emit) => {
    const mine = opts.actor && !opts.actor.any ? eq(calls.claimedBy, opts.actor.user.id) : undefined;
    const [released] = await tx
      .update(calls)
      .set({ claimedBy: null, claimedAt: null, version: sql`${calls.version} + 1`, updatedAt: opts.now })
      .where(and(eq(calls.id, opts.callId), isNull(calls.answeredAt), isNull(calls.endedAt), sql`${calls.claimedBy} is not null`, mine))
      .returning();
    if (!released) {
      const [row] = await tx.select().from(calls).where(eq(calls.id, opts.callId)).limit(1);
      if (!row) throw new AppError('not_found', '来电不存在');
      if (row.claimedBy === null && !row.endedAt) return row;
      throw new AppError('invalid_state', row.answeredAt || row.endedAt ? '通话已接通或已结束，不能退回队列' : '只能退回自己接听的来电');
    }
    emit({
      type: 'call.released',
      ticketId: released.ticketId,
      actorId: opts.actor?.user.id ?? null,
      actorRole: opts.actor?.role ?? 'telephony',
      at: opts.now,
      fromState: released.status,
      toState: released.status,
      payload: { call: await callView(tx, released) },
      rooms: roomsForCall(released),
    });
    return released;
  });
}
