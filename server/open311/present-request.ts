/**
 * A ticket as a GeoReport v2 service request: the standard fields only, never the caller's
 * name, phone, e-mail or device (PRODUCT.md §9, "personal data never exposed"). What a citizen typed is
 * published redacted (issue 14 item 5, docs/decisions/open311.md): the description without
 * names, e-mail addresses or numbers of 7+ digits, the address cut to the road or compound,
 * coordinates rounded to about a hundred metres.
 */
import { JIUTING_ADDRESS_BOOK } from '../../db/data/jiuting-addresses';
import type { open311Requests, tickets } from '../../db/schema';
import type { AddressBook } from '../../shared/address/types';
import { toShanghaiIso } from '../../shared/calendar/shanghai';
import type { WorkCalendar } from '../../shared/calendar/types';
import { clockDue } from '../../shared/clock/clocks';
import type { TSlaPolicy } from '../../shared/clock/policy-schema';
import { publicAddress } from '../../shared/privacy/public-address';
import { publicText } from '../../shared/privacy/public-text';
import { categoryName } from '../../shared/reports/labels';
import type { TOpen311ServiceRequest } from '../../shared/schemas/open311';
import { isTerminal } from '../../shared/ticket/machine';
import { snapshotOf } from '../tickets/ticket-snapshot';

type TicketRow = typeof tickets.$inferSelect;
type Open311Row = typeof open311Requests.$inferSelect;

/** status_notes: where the matter stands, in the words the line uses with citizens. */
function statusNotes(t: TicketRow): string {
  const s = snapshotOf(t);
  switch (t.state) {
    case 'registered':
      return '已受理，等待派单';
    case 'dispatched':
      return s.round > 1 ? '回访未解决，已再次派单' : '已派至承办单位';
    case 'in_progress':
      return '承办单位办理中';
    case 'replied':
      return '承办单位已答复，等待回访';
    case 'archived':
      return s.archivedAs === 'unreachable' ? '多次回访未接通，已归档' : '已办结归档';
    case 'closed_on_call':
      return '已当场答复';
    case 'filed':
      return '已备案';
    default:
      return '';
  }
}

/** Three decimals: ≈110 m north–south, ≈95 m east–west at Shanghai's latitude — a compound, not a building. */
const COORDINATE_DECIMALS = 3;

export function publicCoordinate(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** COORDINATE_DECIMALS;
  return Math.round(value * factor) / factor;
}

export const SERVICE_NOTICE = '承办单位将在1个工作日内与您联系，5个工作日内答复处理结果；可凭工单编号查询进展。';

export interface PresentRequestContext {
  /** The lead unit's name (agency_responsible), or null. */
  unitName: string | null;
  /** The ticket's SLA policy and the calendar, for expected_datetime; absent when the ticket has no reply due. */
  policy: TSlaPolicy | null;
  calendar: WorkCalendar | null;
  /** The town's address list the address is cut by (default: Jiuting's). */
  addressBook?: AddressBook;
}

/** Whether expected_datetime needs the ticket's policy and the calendar: a unit has it and has not finished. */
export function needsReplyDue(t: TicketRow): boolean {
  return !isTerminal(t.state) && !!snapshotOf(t).dispatchedAt;
}

/** When the reply is due (the standard's expected_datetime), for a ticket with a unit working on it. */
function expected(t: TicketRow, ctx: PresentRequestContext): string | null {
  const s = snapshotOf(t);
  if (!needsReplyDue(t) || !s.dispatchedAt || !ctx.policy?.clocks.reply || !ctx.calendar) return null;
  const extension = s.extensions.at(-1);
  const due = extension
    ? new Date(extension.due)
    : clockDue({ kind: 'reply', startedAt: new Date(s.dispatchedAt), policy: ctx.policy, calendar: ctx.calendar, round: s.round });
  return toShanghaiIso(due);
}

export function presentServiceRequest(t: TicketRow, meta: Open311Row | null, ctx: PresentRequestContext): TOpen311ServiceRequest {
  const names = [t.contactName];
  return {
    service_request_id: t.number,
    status: isTerminal(t.state) ? 'closed' : 'open',
    status_notes: statusNotes(t),
    service_name: categoryName(t.categoryCode),
    service_code: t.categoryCode ?? 'other',
    description: publicText(t.description, { names }),
    agency_responsible: ctx.unitName,
    service_notice: SERVICE_NOTICE,
    requested_datetime: toShanghaiIso(t.callAt),
    updated_datetime: toShanghaiIso(t.updatedAt),
    expected_datetime: expected(t, ctx),
    address: publicAddress(t.address, ctx.addressBook ?? JIUTING_ADDRESS_BOOK, { names }),
    address_id: meta?.addressId ?? null,
    zipcode: null,
    lat: publicCoordinate(meta?.lat),
    long: publicCoordinate(meta?.long),
    media_url: meta?.mediaUrl ?? null,
  };
}
