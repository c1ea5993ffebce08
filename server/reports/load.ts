/**
 * Reads what the reports need for a window of time: the tickets received in it or touched by
 * an event in it (with every event of theirs up to now), the supervision sheets, the units,
 * the SLA policy versions and the calendar. One pass; the figures are computed in memory.
 */
import { and, eq, gte, inArray, like, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { events, supervisions, tickets, units } from '../../db/schema';
import { resolveAddress } from '../../shared/address/address-book';
import type { AddressBook } from '../../shared/address/types';
import type { WorkCalendar } from '../../shared/calendar/types';
import { clockDue } from '../../shared/clock/clocks';
import type { TSlaPolicy } from '../../shared/clock/policy-schema';
import type { TicketSnapshot } from '../../shared/ticket/snapshot';
import { JIUTING_ADDRESS_BOOK } from '../../db/data/jiuting-addresses';
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
  const ids = new Set<number>();
  const touched = await db
    .selectDistinct({ id: events.ticketId })
    .from(events)
    .where(and(gte(events.at, lookback), lte(events.at, opts.to), like(events.type, 'ticket.%')));
  for (const r of touched) if (r.id !== null) ids.add(r.id);
  const called = await db.select({ id: tickets.id }).from(tickets).where(and(gte(tickets.callAt, lookback), lte(tickets.callAt, opts.to)));
  for (const r of called) ids.add(r.id);

  const unitRows = await db.select({ id: units.id, code: units.code, name: units.name, kind: units.kind }).from(units);
  const unitMap = new Map<number, ReportUnit>(unitRows.map((u) => [u.id, u]));
  const unitByCode = new Map(unitRows.map((u) => [u.code, u.id]));
  const calendar = await loadCalendar(db);
  const book = opts.book ?? JIUTING_ADDRESS_BOOK;

  const list = [...ids];
  const rows = list.length ? await db.select().from(tickets).where(inArray(tickets.id, list)) : [];
  const eventRows = list.length
    ? await db
        .select({ ticketId: events.ticketId, seq: events.seq, type: events.type, at: events.at, fromState: events.fromState, payload: events.payload })
        .from(events)
        .where(and(inArray(events.ticketId, list), like(events.type, 'ticket.%'), lte(events.at, asOf)))
    : [];
  const byTicket = new Map<number, ReportEvent[]>();
  for (const e of eventRows) {
    if (e.ticketId === null) continue;
    const bucket = byTicket.get(e.ticketId) ?? [];
    bucket.push({ ticketId: e.ticketId, seq: e.seq, type: e.type, at: e.at, fromState: e.fromState, payload: e.payload as Record<string, unknown> });
    byTicket.set(e.ticketId, bucket);
  }

  const reportTickets: ReportTicket[] = [];
  for (const row of rows) {
    const policy = await policyVersion(db, row.policyCode, row.policyVersion);
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
      communityUnitId: communityOf(row, book, unitByCode),
      excluded: Boolean(flags?.notCounted || flags?.objectiveCase),
      history: ticketHistory(row.id, byTicket.get(row.id) ?? [], dueFn(policy, calendar), asOf),
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

function dueFn(policy: TSlaPolicy, calendar: WorkCalendar): DueFn {
  return (kind, startedAt, round) => (policy.clocks[kind] ? clockDue({ kind, startedAt, policy, calendar, round }) : null);
}

/**
 * The community of the address: the one recorded at intake (issue 7's `community_unit_id`)
 * when the row has it, otherwise the town's address list resolves it now.
 */
function communityOf(row: typeof tickets.$inferSelect, book: AddressBook, unitByCode: Map<string, number>): number | null {
  const recorded = (row as { communityUnitId?: number | null }).communityUnitId;
  if (typeof recorded === 'number') return recorded;
  const resolved = resolveAddress(row.address, book);
  return resolved ? (unitByCode.get(resolved.community.code) ?? null) : null;
}
