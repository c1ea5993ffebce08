/**
 * Click to call (PRODUCT.md §8): a revisit caller, liaison or operator calls the citizen from a ticket,
 * or calls back an abandoned caller. The call row and its event are committed first (so the
 * ticket's timeline shows the attempt even if the carrier refuses); then the carrier places it
 * (Twilio `calls.create`: the staff member's leg first, TwiML dials the citizen); its callbacks
 * find the row by the callId in their URL until Twilio's sid is stored.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { calls } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import type { SessionUser } from '../../platform/auth/sessions';
import type { LivePublisher } from '../../platform/live/publisher';
import { withTransaction } from '../../platform/unit-of-work';
import type { CarrierGateway } from '../gateway';
import { toE164 } from '../phone';
import { callView, roomsForCall, type CallRow } from '../present-call';
import { bridgeToCitizen, clientIdentity, WEBHOOK_PATHS } from '../twiml';
import { recordCallSignal } from './record-call-signal';

export interface PlaceOutboundCallOptions {
  db: Db;
  live: LivePublisher;
  gateway: CarrierGateway;
  actor: SessionUser;
  actorRole: string;
  now: () => Date;
  /** The citizen's number in local form (from the ticket or the abandoned call). */
  citizenPhone: string;
  /** The line's number, shown to the citizen. */
  lineNumber: string;
  /** PUBLIC_BASE_URL (or the request's origin): Twilio's callbacks go there. */
  baseUrl: string;
  ticketId?: number | null;
  /** The abandoned inbound call this one calls back. */
  callbackOf?: CallRow | null;
  /** The staff member's phone; without it their browser softphone is called. */
  agentPhone?: string | undefined;
}

export async function placeOutboundCall(opts: PlaceOutboundCallOptions): Promise<CallRow> {
  const now = opts.now();
  const citizen = toE164(opts.citizenPhone);
  const call = await withTransaction(opts, async (tx, emit) => {
    const [row] = await tx
      .insert(calls)
      .values({
        callSid: `pending-${randomUUID()}`,
        direction: 'outbound',
        fromNumber: opts.lineNumber,
        toNumber: citizen,
        citizenPhone: opts.citizenPhone,
        status: 'initiated',
        simulated: opts.gateway.mode === 'simulator',
        ticketId: opts.ticketId ?? opts.callbackOf?.ticketId ?? null,
        requestedBy: opts.actor.id,
        callbackOf: opts.callbackOf?.id ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const base = { actorId: opts.actor.id, actorRole: opts.actorRole, at: now };
    emit({
      ...base,
      type: 'call.dialing',
      ticketId: row.ticketId,
      fromState: null,
      toState: row.status,
      payload: { call: await callView(tx, row), via: opts.agentPhone ? 'phone' : 'browser' },
      rooms: roomsForCall(row),
    });
    if (opts.callbackOf) {
      // The abandoned call leaves the call-back queue once someone calls the citizen back.
      const [abandoned] = await tx
        .update(calls)
        .set({ callbackCallId: row.id, version: sql`${calls.version} + 1`, updatedAt: now })
        .where(and(eq(calls.id, opts.callbackOf.id), isNull(calls.callbackCallId)))
        .returning();
      if (!abandoned) throw new AppError('invalid_state', '该未接来电已有人回拨');
      emit({
        ...base,
        type: 'call.called_back',
        ticketId: abandoned.ticketId,
        fromState: abandoned.status,
        toState: abandoned.status,
        payload: { call: await callView(tx, abandoned), callbackCallId: row.id },
        rooms: roomsForCall(abandoned),
      });
    }
    return row;
  });

  const to = opts.agentPhone ? toE164(opts.agentPhone) : `client:${clientIdentity(opts.actor.id)}`;
  try {
    const { sid } = await opts.gateway.placeCall({
      to,
      from: opts.lineNumber,
      twiml: bridgeToCitizen(opts.baseUrl, call.id, citizen, opts.lineNumber),
      statusCallback: `${opts.baseUrl}${WEBHOOK_PATHS.status}?callId=${call.id}`,
    });
    const [stored] = await opts.db
      .update(calls)
      .set({ callSid: sid })
      .where(and(eq(calls.id, call.id), like(calls.callSid, 'pending-%')))
      .returning();
    return stored ?? (await opts.db.select().from(calls).where(eq(calls.id, call.id)))[0] ?? call;
  } catch (err) {
    // The carrier refused: the attempt stays on record as failed.
    await recordCallSignal({
      db: opts.db,
      live: opts.live,
      now: opts.now(),
      source: 'status',
      path: '/api/calls/outbound',
      params: { callId: String(call.id), error: (err as Error).message.slice(0, 200) },
      callSid: call.callSid,
      signals: [{ kind: 'ended', at: opts.now(), reason: 'failed' }],
    });
    throw new AppError('unavailable', '外呼失败：电话平台暂时不可用，请稍后重试');
  }
}
