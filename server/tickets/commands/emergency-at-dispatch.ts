/**
 * Issue 16.3, the gap it left: the operator's form and intake screen every record on save, but a
 * ticket can reach the decision queue without that screen — filed through Open311, or registered
 * before the screen existed. Its first dispatch applies the same rule (shared/classify/emergency.ts):
 * a description that reads as a 110/119/120 emergency goes to a town office only with the
 * supervisor's reason, recorded as `ticket.emergency_overridden`, unless an override is already on
 * the ticket's record. Otherwise nothing changes and the refusal names the number to hand it to.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { events, tickets } from '../../../db/schema';
import { detectEmergency } from '../../../shared/classify/emergency';
import type { Role } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { SessionUser } from '../../platform/auth/sessions';
import { roomsForTicket } from '../../platform/live/rooms';
import type { Emit } from '../../platform/unit-of-work';

type TicketRow = typeof tickets.$inferSelect;

const OVERRIDDEN = 'ticket.emergency_overridden';

export interface FirstDispatch {
  row: TicketRow;
  /** The dispatch input as sent; its `emergencyOverride.reason` is read here, validated by `decide`. */
  input: unknown;
  actor: SessionUser;
  role: Role;
  now: Date;
}

export async function screenFirstDispatch(tx: Tx, emit: Emit, d: FirstDispatch): Promise<void> {
  const number = detectEmergency(d.row.description);
  if (!number) return;
  const [done] = await tx
    .select({ seq: events.seq })
    .from(events)
    .where(and(eq(events.ticketId, d.row.id), eq(events.type, OVERRIDDEN)))
    .limit(1);
  if (done) return;
  const reason = overrideReason(d.input);
  if (reason === null) {
    const message = `描述像是紧急情况（${number}）：应告知市民拨打${number}；确需派给本镇单位办理的，请填写不按紧急情况处理的理由`;
    throw new AppError('emergency_unconfirmed', message, { 'emergencyOverride.reason': message, emergency: number });
  }
  emit({
    type: OVERRIDDEN,
    ticketId: d.row.id,
    actorId: d.actor.id,
    actorRole: d.role,
    at: d.now,
    fromState: d.row.state,
    toState: d.row.state,
    payload: { number, reason },
    rooms: roomsForTicket(d.row),
  });
}

/** The reason as sent, trimmed; null when there is none (the schema checks its length afterwards). */
function overrideReason(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const override = (input as { emergencyOverride?: unknown }).emergencyOverride;
  if (typeof override !== 'object' || override === null) return null;
  const reason = (override as { reason?: unknown }).reason;
  return typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : null;
}
