/**
 * The public reads of Open311 (GET Service Requests, GET Service Request): one page of requests
 * filed through Open311, never confidential ones, in a stable order, at a bounded cost. A page
 * costs the same few queries however many rows it holds (issue 14 item 5: no N+1): one for the
 * tickets with their Open311 extras and lead unit, and — only when some ticket on the page has a
 * reply due — one for their SLA policies and one for the calendar.
 */
import { and, desc, eq, gte, inArray, lte, notInArray, or, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { open311Requests, slaPolicies, tickets, units } from '../../db/schema';
import { ZSlaPolicySchema, type TSlaPolicy } from '../../shared/clock/policy-schema';
import { loadCalendar } from '../clock/calendar';
import { needsReplyDue, presentServiceRequest } from './present-request';

const CLOSED_STATES = ['archived', 'closed_on_call', 'filed'];

export interface RequestFilter {
  /** service_request_id values: "this overrides all other arguments". */
  numbers?: string[];
  from?: Date;
  to?: Date;
  serviceCodes?: string[];
  status?: 'open' | 'closed';
}

export interface RequestPage {
  /** 1-based. */
  page: number;
  pageSize: number;
}

export type ServiceRequest = ReturnType<typeof presentServiceRequest>;

function conditions(filter: RequestFilter): SQL[] {
  const where: SQL[] = [eq(tickets.source, 'open311'), eq(tickets.confidential, false)];
  if (filter.numbers) {
    where.push(inArray(tickets.number, filter.numbers));
    return where;
  }
  if (filter.from) where.push(gte(tickets.callAt, filter.from));
  if (filter.to) where.push(lte(tickets.callAt, filter.to));
  if (filter.serviceCodes?.length) where.push(inArray(tickets.categoryCode, filter.serviceCodes));
  if (filter.status === 'open') where.push(notInArray(tickets.state, CLOSED_STATES));
  if (filter.status === 'closed') where.push(inArray(tickets.state, CLOSED_STATES));
  return where;
}

/** The SLA policies the page's tickets started with, in one query (a ticket keeps its version). */
async function policiesOf(db: Queryable, rows: (typeof tickets.$inferSelect)[]): Promise<Map<string, TSlaPolicy>> {
  const pairs = [...new Map(rows.map((t) => [`${t.policyCode}@${t.policyVersion}`, t] as const)).values()];
  const found = await db
    .select()
    .from(slaPolicies)
    .where(or(...pairs.map((t) => and(eq(slaPolicies.code, t.policyCode), eq(slaPolicies.version, t.policyVersion)))));
  return new Map(found.map((p) => [`${p.code}@${p.version}`, ZSlaPolicySchema.parse(p.definition)] as const));
}

/**
 * One page, newest first (requested_datetime, then the ticket id: two requests filed in the same
 * millisecond keep their order from page to page). `more` says whether a next page exists.
 */
export async function listServiceRequests(db: Queryable, filter: RequestFilter, page: RequestPage): Promise<{ requests: ServiceRequest[]; more: boolean }> {
  const rows = await db
    .select({ ticket: tickets, meta: open311Requests, unitName: units.name })
    .from(tickets)
    .leftJoin(open311Requests, eq(open311Requests.ticketId, tickets.id))
    .leftJoin(units, eq(units.id, tickets.leadUnitId))
    .where(and(...conditions(filter)))
    .orderBy(desc(tickets.callAt), desc(tickets.id))
    .limit(page.pageSize + 1)
    .offset((page.page - 1) * page.pageSize);
  const more = rows.length > page.pageSize;
  const shown = rows.slice(0, page.pageSize);
  const due = shown.map((r) => r.ticket).filter(needsReplyDue);
  const [policies, calendar] = due.length > 0 ? await Promise.all([policiesOf(db, due), loadCalendar(db)]) : [new Map<string, TSlaPolicy>(), null];
  const requests = shown.map(({ ticket, meta, unitName }) =>
    presentServiceRequest(ticket, meta, {
      unitName,
      policy: policies.get(`${ticket.policyCode}@${ticket.policyVersion}`) ?? null,
      calendar,
    }),
  );
  return { requests, more };
}

/** One request by its number (GET Service Request), or null. */
export async function findServiceRequest(db: Queryable, number: string): Promise<ServiceRequest | null> {
  const { requests } = await listServiceRequests(db, { numbers: [number] }, { page: 1, pageSize: 1 });
  return requests[0] ?? null;
}
