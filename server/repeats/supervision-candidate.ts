/**
 * 000 三(六) "重复交办超过3次", 004 二.4 "重复投诉多次，且办理工作未有明显进展": a matter that
 * has come back `supervisionRepeats` times (default 3) without progress becomes a supervision
 * candidate for the supervisors to weigh. Issue 15.5: a matter is the same caller or address with
 * similar text, across categories (shared/repeats/matter.ts, the rule the operator's panel reads
 * too), and a ticket dispatched again round after round becomes a candidate as well. Later calls
 * about a matter already flagged update its candidate.
 */
import { arrayOverlaps, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { supervisionCandidates, tickets } from '../../db/schema';
import { matterRepeats, redispatchedTooOften } from '../../shared/repeats/matter';
import type { TRepeatSettings } from '../../shared/schemas/rules';
import { roleRoom } from '../platform/live/rooms';
import type { NewEvent } from '../platform/unit-of-work';
import type { EarlierCall } from './analyse-intake';
import { presentCandidate } from './present';
import { currentRepeatSettings } from './settings';

export interface CandidateTicket {
  id: number;
  number: string;
  state: string;
  address: string;
  categoryCode: string | null;
  description: string;
}

interface Actor {
  now: Date;
  actorId: number;
  actorRole: string;
}

export interface RaiseCandidateOptions extends Actor {
  ticket: CandidateTicket;
  /** The same caller's or address's earlier calls in the repeat window, any category. */
  calls: EarlierCall[];
  settings: TRepeatSettings;
}

/** At intake: the new call and the earlier calls about the same matter without progress. */
export async function raiseSupervisionCandidate(tx: Tx, opts: RaiseCandidateOptions): Promise<NewEvent | null> {
  const { ticket, settings } = opts;
  const repeats = matterRepeats(ticket, opts.calls, settings.supervisionRepeats);
  if (!repeats.candidate) return null;
  const categoryCode = ticket.categoryCode ?? repeats.matter.find((c) => c.categoryCode)?.categoryCode ?? 'other';
  return upsertCandidate(tx, opts, {
    ticket,
    categoryCode,
    matterIds: repeats.matter.map((c) => c.id),
    repeatCount: repeats.withoutProgress.length,
  });
}

export interface RedispatchCandidateOptions extends Actor {
  ticket: CandidateTicket & { round: number };
}

/**
 * 000 三(六) 重复交办: after a revisit sends the ticket back to its unit (a new round), round after
 * round. Called by the ticket command runner when a command starts a new round.
 */
export async function raiseRedispatchCandidate(tx: Tx, opts: RedispatchCandidateOptions): Promise<NewEvent | null> {
  const { ticket } = opts;
  const { settings } = await currentRepeatSettings(tx);
  if (!redispatchedTooOften(ticket.round, settings.supervisionRepeats)) return null;
  return upsertCandidate(tx, opts, { ticket, categoryCode: ticket.categoryCode ?? 'other', matterIds: [], repeatCount: ticket.round - 1 });
}

async function upsertCandidate(
  tx: Tx,
  actor: Actor,
  m: { ticket: CandidateTicket; categoryCode: string; matterIds: number[]; repeatCount: number },
): Promise<NewEvent> {
  const { ticket } = m;
  const { now } = actor;
  const [existing] = await tx
    .select()
    .from(supervisionCandidates)
    .where(arrayOverlaps(supervisionCandidates.ticketIds, [...m.matterIds, ticket.id]))
    .orderBy(desc(supervisionCandidates.id))
    .limit(1)
    .for('update');
  const ids = [...new Set([...(existing?.ticketIds ?? []), ...m.matterIds, ticket.id])].sort((a, b) => a - b);
  const values = { ticketId: ticket.id, categoryCode: m.categoryCode, ticketIds: ids, repeatCount: m.repeatCount, updatedAt: now };
  const [row] = existing
    ? await tx.update(supervisionCandidates).set(values).where(eq(supervisionCandidates.id, existing.id)).returning()
    : await tx
        .insert(supervisionCandidates)
        .values({ ...values, createdAt: now })
        .returning();
  if (!row) throw new Error('candidate write returned no row');
  const refs = await tx.select({ id: tickets.id, number: tickets.number, state: tickets.state }).from(tickets).where(inArray(tickets.id, ids));
  return {
    type: existing ? 'supervision.candidate_updated' : 'supervision.candidate',
    ticketId: null,
    actorId: actor.actorId,
    actorRole: actor.actorRole,
    at: now,
    payload: { candidate: presentCandidate(row, refs, ticket.address) },
    rooms: [roleRoom('supervisor')],
  };
}
