/**
 * Records what Twilio (or the simulator) says about a call: the voice webhook, status callbacks,
 * the queue's and the Dial's action requests. One transaction: lock the call row, drop a
 * callback already seen (same path and parameters), apply the signals to the call's facts,
 * log the request, and write a `call.*` event when something changed. Publishes after commit.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client';
import { calls, callStatusEvents } from '../../../db/schema';
import type { CallbackSource } from '../../../shared/events/call';
import type { CallDirection, CallStatus } from '../../../shared/schemas/call';
import type { LivePublisher } from '../../platform/live/publisher';
import { withTransaction } from '../../platform/unit-of-work';
import { applyCallSignal, callEventType, derive, type CallFacts, type CallSignal, type DialResult, type EndReason } from '../call-status';
import { toLocalPhone } from '../phone';
import { callView, roomsForCall, type CallRow } from '../present-call';

export interface RecordCallSignalOptions {
  db: Db;
  live: LivePublisher;
  now: Date;
  source: CallbackSource;
  /** The request path (without the base URL); part of the dedupe key. */
  path: string;
  /** The parameters as received: logged, and hashed to recognise a retried callback. */
  params: Record<string, string>;
  callSid: string;
  /** Our id from the callback URL (outbound calls, before Twilio's sid is stored). */
  callId?: number | undefined;
  /** Create the call when unknown: the inbound voice webhook, or a callback that beat it. */
  create?: { direction: CallDirection; from: string; to: string; simulated: boolean } | undefined;
  signals: CallSignal[];
}

export interface RecordCallSignalResult {
  call: CallRow | null;
  /** The same callback was already recorded: nothing changed. */
  duplicate: boolean;
  changed: boolean;
}

export async function recordCallSignal(opts: RecordCallSignalOptions): Promise<RecordCallSignalResult> {
  return withTransaction(opts, async (tx, emit) => {
    const dedupeKey = callbackKey(opts.path, opts.params);
    const found = await lockCall(tx, opts);
    if (!found && !opts.create) {
      // A callback about a call we never saw (another console, a deleted test number): log it only.
      await logCallback(tx, opts, dedupeKey, null, false);
      return { call: null, duplicate: false, changed: false };
    }
    const { row, created } = found ? { row: found.row, created: false } : await insertCall(tx, opts);
    // Checked with the call row locked, so a retry racing the original waits for it and is seen.
    const [seen] = await tx.select({ id: callStatusEvents.id }).from(callStatusEvents).where(eq(callStatusEvents.dedupeKey, dedupeKey)).limit(1);
    if (seen) return { call: row, duplicate: true, changed: false };

    let facts: CallFacts = factsOf(row);
    for (const s of opts.signals) facts = applyCallSignal(facts, s) ?? facts;
    const sidLearned = row.callSid !== opts.callSid && row.callSid.startsWith('pending-');
    const factsChanged = !sameFacts(facts, factsOf(row));
    const changed = created || sidLearned || factsChanged;
    let call = row;
    if (changed) {
      const [updated] = await tx
        .update(calls)
        .set({
          ...(sidLearned ? { callSid: opts.callSid } : {}),
          status: facts.status,
          queuedAt: facts.queuedAt,
          ringingAt: facts.ringingAt,
          answeredAt: facts.answeredAt,
          endedAt: facts.endedAt,
          endReason: facts.endReason,
          dialResult: facts.dialResult,
          waitSeconds: facts.waitSeconds,
          talkSeconds: facts.talkSeconds,
          version: created ? row.version : sql`${calls.version} + 1`,
          updatedAt: opts.now,
        })
        .where(eq(calls.id, row.id))
        .returning();
      if (!updated) throw new Error('call update returned no row');
      call = updated;
      if (created || factsChanged) {
        emit({
          type: created || call.status !== row.status ? callEventType(call.status as CallStatus) : 'call.updated',
          ticketId: call.ticketId,
          actorId: null,
          actorRole: 'telephony',
          at: opts.now,
          fromState: created ? null : row.status,
          toState: call.status,
          payload: { call: await callView(tx, call), source: opts.source },
          rooms: roomsForCall(call),
        });
      }
    }
    await logCallback(tx, opts, dedupeKey, call.id, changed);
    return { call, duplicate: false, changed };
  });
}

async function lockCall(tx: Tx, opts: RecordCallSignalOptions): Promise<{ row: CallRow } | null> {
  const bySid = await tx.select().from(calls).where(eq(calls.callSid, opts.callSid)).for('update').limit(1);
  if (bySid[0]) return { row: bySid[0] };
  if (opts.callId !== undefined) {
    const byId = await tx.select().from(calls).where(eq(calls.id, opts.callId)).for('update').limit(1);
    // Only a call still waiting for its sid may learn one this way; a sid never changes.
    if (byId[0] && byId[0].callSid.startsWith('pending-')) return { row: byId[0] };
  }
  return null;
}

async function insertCall(tx: Tx, opts: RecordCallSignalOptions): Promise<{ row: CallRow; created: boolean }> {
  const c = opts.create;
  if (!c) throw new Error(`call ${opts.callSid} unknown and not to be created`);
  const inserted = await tx
    .insert(calls)
    .values({
      callSid: opts.callSid,
      direction: c.direction,
      fromNumber: c.from,
      toNumber: c.to,
      citizenPhone: toLocalPhone(c.direction === 'inbound' ? c.from : c.to),
      status: c.direction === 'inbound' ? 'ringing' : 'initiated',
      simulated: c.simulated,
      createdAt: opts.now,
      updatedAt: opts.now,
    })
    .onConflictDoNothing({ target: calls.callSid })
    .returning();
  if (inserted[0]) return { row: inserted[0], created: true };
  // Another request created it between our lookup and insert (PostgreSQL, concurrent webhooks).
  const [row] = await tx.select().from(calls).where(eq(calls.callSid, opts.callSid)).for('update').limit(1);
  if (!row) throw new Error(`call ${opts.callSid} vanished`);
  return { row, created: false };
}

async function logCallback(tx: Tx, opts: RecordCallSignalOptions, dedupeKey: string, callId: number | null, applied: boolean) {
  await tx
    .insert(callStatusEvents)
    .values({
      callId,
      callSid: opts.callSid,
      source: opts.source,
      twilioStatus: opts.params.CallStatus ?? opts.params.QueueResult ?? opts.params.DialCallStatus ?? null,
      dedupeKey,
      params: opts.params,
      applied,
      receivedAt: opts.now,
    })
    .onConflictDoNothing({ target: callStatusEvents.dedupeKey });
}

export function factsOf(row: CallRow): CallFacts {
  return derive({
    direction: row.direction as CallDirection,
    status: 'ringing',
    queuedAt: row.queuedAt,
    ringingAt: row.ringingAt,
    answeredAt: row.answeredAt,
    endedAt: row.endedAt,
    endReason: row.endReason as EndReason | null,
    dialResult: row.dialResult as DialResult | null,
    waitSeconds: null,
    talkSeconds: null,
  });
}

function sameFacts(a: CallFacts, b: CallFacts): boolean {
  const t = (d: Date | null) => d?.getTime() ?? null;
  return (
    t(a.queuedAt) === t(b.queuedAt) &&
    t(a.ringingAt) === t(b.ringingAt) &&
    t(a.answeredAt) === t(b.answeredAt) &&
    t(a.endedAt) === t(b.endedAt) &&
    a.endReason === b.endReason &&
    a.dialResult === b.dialResult
  );
}

/** sha256 of the path and the sorted parameters: Twilio's retry of a callback has the same key. */
export function callbackKey(path: string, params: Record<string, string>): string {
  const body = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return createHash('sha256').update(`${path}?${body}`).digest('hex');
}
