/**
 * 000 三(六) "重复交办超过3次", 004 二.4 "重复投诉多次，且办理工作未有明显进展": a matter that
 * has come back `supervisionRepeats` times (default 3) without progress becomes a supervision
 * candidate for the supervisors to weigh. A matter = the new ticket and the earlier linked tickets
 * of the same category. Later calls about a matter already flagged update its candidate.
 */
import { arrayOverlaps, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { supervisionCandidates, tickets } from '../../db/schema';
import type { TRepeatSettings } from '../../shared/schemas/rules';
import type { TicketSnapshot } from '../../shared/ticket/snapshot';
import { roleRoom } from '../platform/live/rooms';
import type { NewEvent } from '../platform/unit-of-work';
import type { EarlierTicket } from './analyse-intake';
import { presentCandidate } from './present';

/**
 * Progress: answered or settled on the call, filed (备案), or archived after the citizen said it
 * was resolved. Archived as unreachable is not known to have helped, so it counts as no progress.
 */
export function madeProgress(t: { state: string; detail: unknown }): boolean {
  if (t.state === 'closed_on_call' || t.state === 'filed') return true;
  if (t.state === 'archived') return (t.detail as Partial<TicketSnapshot> | null)?.revisit?.resolved === true;
  return false;
}

export interface CandidateTicket {
  id: number;
  number: string;
  state: string;
  address: string;
  categoryCode: string | null;
}

export interface RaiseCandidateOptions {
  ticket: CandidateTicket;
  earlier: EarlierTicket[];
  settings: TRepeatSettings;
  now: Date;
  actorId: number;
  actorRole: string;
}

export async function raiseSupervisionCandidate(tx: Tx, opts: RaiseCandidateOptions): Promise<NewEvent | null> {
  const { ticket, settings, now } = opts;
  if (!ticket.categoryCode) return null;
  const sameMatter = opts.earlier.filter((e) => e.categoryCode === ticket.categoryCode);
  const stuck = sameMatter.filter((e) => !madeProgress(e));
  if (stuck.length < settings.supervisionRepeats) return null;

  const matterIds = sameMatter.map((e) => e.id);
  const [existing] = await tx
    .select()
    .from(supervisionCandidates)
    .where(arrayOverlaps(supervisionCandidates.ticketIds, matterIds))
    .orderBy(desc(supervisionCandidates.id))
    .limit(1)
    .for('update');
  const ids = [...new Set([...(existing?.ticketIds ?? []), ...matterIds, ticket.id])].sort((a, b) => a - b);
  const values = { ticketId: ticket.id, categoryCode: ticket.categoryCode, ticketIds: ids, repeatCount: stuck.length, updatedAt: now };
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
    actorId: opts.actorId,
    actorRole: opts.actorRole,
    at: now,
    payload: { candidate: presentCandidate(row, refs, ticket.address) },
    rooms: [roleRoom('supervisor')],
  };
}
