/**
 * 000 三(六) "重复交办超过3次", 004 二.4 "重复投诉多次，且办理工作未有明显进展": a matter that
 * has come back `supervisionRepeats` times (default 3) without progress becomes a supervision
 * candidate for the supervisors to weigh. Issue 15.5: a matter is the same caller or address with
 * similar text, across categories (shared/repeats/matter.ts, the rule the operator's panel reads
 * too), and a ticket dispatched again round after round becomes a candidate as well. Later calls
 * about a matter already flagged update its candidate.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client';
import { matterRepeats, redispatchedTooOften } from '../../shared/repeats/matter';
import type { TRepeatSettings } from '../../shared/schemas/rules';
import { roleRoom } from '../platform/live/rooms';
import type { NewEvent } from '../platform/unit-of-work';
import type { EarlierCall } from './analyse-intake';
import { presentCandidate, type TicketRef } from './present';
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

/**
 * One statement (issue 17.4: a burst of calls about one matter runs this on every intake): lock the
 * matter's latest candidate, merge the ticket ids into it or insert a new one, and read the
 * references of every ticket it names.
 */
async function upsertCandidate(
  tx: Tx,
  actor: Actor,
  m: { ticket: CandidateTicket; categoryCode: string; matterIds: number[]; repeatCount: number },
): Promise<NewEvent> {
  const { ticket } = m;
  const { now } = actor;
  const named = sql`${`{${[...m.matterIds, ticket.id].join(',')}}`}::int[]`;
  const [written] = await rowsOf<{
    id: number;
    ticket_id: number;
    category_code: string;
    ticket_ids: number[];
    repeat_count: number;
    created_at: string | Date;
    updated_at: string | Date;
    existed: boolean;
    refs: TicketRef[];
  }>(
    tx,
    sql`with existing as (
          select id, ticket_ids from supervision_candidates where ticket_ids && ${named}
          order by id desc limit 1 for update),
        merged as (
          select array(select distinct x from unnest(coalesce((select ticket_ids from existing), '{}'::int[]) || ${named}) as x order by x) as ids),
        updated as (
          update supervision_candidates c
          set ticket_id = ${ticket.id}, category_code = ${m.categoryCode}, ticket_ids = merged.ids, repeat_count = ${m.repeatCount}, updated_at = ${now}
          from existing, merged where c.id = existing.id
          returning c.*, true as existed),
        inserted as (
          insert into supervision_candidates (ticket_id, category_code, ticket_ids, repeat_count, created_at, updated_at)
          select ${ticket.id}, ${m.categoryCode}, merged.ids, ${m.repeatCount}, ${now}, ${now} from merged
          where not exists (select 1 from existing)
          returning *, false as existed),
        written as (select * from updated union all select * from inserted)
      select written.*, (select coalesce(json_agg(json_build_object('id', t.id, 'number', t.number, 'state', t.state)), '[]'::json)
        from tickets t where t.id = any(written.ticket_ids)) as refs
      from written`,
  );
  if (!written) throw new Error('candidate write returned no row');
  const row = {
    id: written.id,
    ticketId: written.ticket_id,
    categoryCode: written.category_code,
    ticketIds: written.ticket_ids,
    repeatCount: written.repeat_count,
    createdAt: new Date(written.created_at),
    updatedAt: new Date(written.updated_at),
  };
  const existing = written.existed;
  const refs = written.refs;
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
