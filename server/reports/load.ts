/**
 * Reads what the reports need for a window of time: the tickets received in it or touched by
 * an event in it (with every event of theirs up to now), the supervision sheets, the units,
 * the SLA policy versions and the calendar. One pass; the figures are computed in memory.
 */
import { and, eq, gte, like, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { JIUTING_ADDRESS_BOOK } from '../../db/data/jiuting-addresses';
import { events, supervisions, tickets, units } from '../../db/schema';
import { resolveAddress } from '../../shared/address/address-book';
import type { AddressBook } from '../../shared/address/types';
import { shanghaiDate } from '../../shared/calendar/shanghai';
import type { WorkCalendar } from '../../shared/calendar/types';
import { clockDue } from '../../shared/clock/clocks';
import { clockRuleFor, type TSlaPolicy } from '../../shared/clock/policy-schema';
import type { TicketSnapshot } from '../../shared/ticket/snapshot';
import { loadCalendar } from '../clock/calendar';
import { policyVersion } from '../clock/policies';
import type { ReportData, ReportTicket, ReportUnit } from './figures';
import { REPEAT_WINDOW_DAYS } from './figures';
import { ticketHistory, type DueFn, type ReportEvent } from './handlings';

/** Clocks of a handling that started this long before a window can still settle inside it. */
const LOOKBACK_DAYS = 120;
const DAY_MS = 24 * 3600_000;

export interface LoadOptions {
  db: Queryable;
  /** The earliest and latest instants any figure of the report looks at. */
  from: Date;
  to: Date;
  asOf: Date;
  book?: AddressBook;
}

export async function loadReportData(opts: LoadOptions): Promise<ReportData> {
  const { db, asOf } = opts;
  const lookback = new Date(opts.from.getTime() - Math.max(LOOKBACK_DAYS, REPEAT_WINDOW_DAYS) * DAY_MS);
  // The tickets received in the window, or touched by one of their events in it.
  const inWindow = sql`(select ticket_id from events where at >= ${lookback} and at <= ${opts.to} and ticket_id is not null and type like 'ticket.%'
      union select id from tickets where call_at >= ${lookback} and call_at <= ${opts.to})`;

  const unitRows = await db.select({ id: units.id, code: units.code, name: units.name, kind: units.kind }).from(units);
  const unitMap = new Map<number, ReportUnit>(unitRows.map((u) => [u.id, u]));
  const unitByCode = new Map(unitRows.map((u) => [u.code, u.id]));
  const calendar = await loadCalendar(db);
  const book = opts.book ?? JIUTING_ADDRESS_BOOK;

  const rows = await db
    .select()
    .from(tickets)
    .where(sql`${tickets.id} in ${inWindow}`);
  const eventRows = await db
    .select({ ticketId: events.ticketId, seq: events.seq, type: events.type, at: events.at, fromState: events.fromState, payload: events.payload })
    .from(events)
    .where(and(sql`${events.ticketId} in ${inWindow}`, like(events.type, 'ticket.%'), lte(events.at, asOf)));
  const byTicket = new Map<number, ReportEvent[]>();
  for (const e of eventRows) {
    if (e.ticketId === null) continue;
    const bucket = byTicket.get(e.ticketId) ?? [];
    bucket.push({ ticketId: e.ticketId, seq: e.seq, type: e.type, at: e.at, fromState: e.fromState, payload: e.payload });
    byTicket.set(e.ticketId, bucket);
  }

  const reportTickets: ReportTicket[] = [];
  // Resolving an address scores the whole list; a town has far fewer addresses than tickets.
  const resolved = new Map<string, number | null>();
  const community = (row: (typeof rows)[number]) => {
    const recorded = (row as { communityUnitId?: number | null }).communityUnitId;
    if (typeof recorded === 'number') return recorded;
    if (!resolved.has(row.address)) resolved.set(row.address, communityOf(row.address, book, unitByCode));
    return resolved.get(row.address) ?? null;
  };
  const dues = new Map<string, DueFn>();
  for (const row of rows) {
    const policyKey = `${row.policyCode}@${row.policyVersion}`;
    let due = dues.get(policyKey);
    if (!due) dues.set(policyKey, (due = dueFn(await policyVersion(db, row.policyCode, row.policyVersion), calendar)));
    const flags = (row.detail as Partial<TicketSnapshot>).flags;
    reportTickets.push({
      id: row.id,
      number: row.number,
      source: row.source,
      type: row.type,
      categoryCode: row.categoryCode,
      state: row.state,
      callAt: row.callAt,
      address: row.address,
      description: row.description,
      contactPhone: row.contactPhone,
      communityUnitId: community(row),
      excluded: Boolean(flags?.notCounted || flags?.objectiveCase),
      history: ticketHistory(row.id, byTicket.get(row.id) ?? [], due, asOf),
    });
  }

  const sheets = await db
    .select({ s: supervisions, ticketNumber: tickets.number })
    .from(supervisions)
    .innerJoin(tickets, eq(tickets.id, supervisions.ticketId))
    .where(and(lte(supervisions.startedAt, opts.to), or(sql`${supervisions.closedAt} is null`, gte(supervisions.closedAt, lookback))));
  return {
    asOf,
    tickets: reportTickets,
    units: unitMap,
    supervisions: sheets.map(({ s, ticketNumber }) => ({
      id: s.id,
      ticketNumber,
      number: s.number,
      type: s.type,
      state: s.state,
      unitId: s.unitId,
      ticketId: s.ticketId,
      startedAt: s.startedAt,
      dueAt: s.dueAt,
      firstRepliedAt: s.firstRepliedAt,
      closedAt: s.closedAt,
    })),
  };
}

/**
 * Due times of one policy version. A due time is the end of a day counted from the start's
 * Shanghai date (002), so it depends on the date, not the hour: memoised per date, kind and
 * round (a month's report asks for the same few hundred again and again).
 */
function dueFn(policy: TSlaPolicy, calendar: WorkCalendar): DueFn {
  const memo = new Map<string, Date>();
  return (kind, startedAt, round) => {
    // The dispatch and acceptance clocks take their defaults when the policy leaves them out (issue 15.3).
    if (!clockRuleFor(policy, kind, { round })) return null;
    const key = `${kind}|${round}|${shanghaiDate(startedAt)}`;
    let due = memo.get(key);
    if (!due) memo.set(key, (due = clockDue({ kind, startedAt, policy, calendar, round })));
    return due;
  };
}

/**
 * The community of an address on the town's list — for tickets without the one recorded at
 * intake (issue 7's `community_unit_id`), which always wins.
 */
function communityOf(address: string, book: AddressBook, unitByCode: Map<string, number>): number | null {
  const resolved = resolveAddress(address, book);
  return resolved ? (unitByCode.get(resolved.community.code) ?? null) : null;
}
