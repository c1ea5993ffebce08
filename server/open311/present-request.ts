/**
 * A ticket as a GeoReport v2 service request: the standard fields only, never the caller's
 * name, phone, e-mail or device (SPEC 9, "personal data never exposed"); phone-like numbers in
 * the description are masked too.
 */
import type { open311Requests, tickets } from '../../db/schema';
import { toShanghaiIso } from '../../shared/calendar/shanghai';
import type { WorkCalendar } from '../../shared/calendar/types';
import { clockDue } from '../../shared/clock/clocks';
import type { TSlaPolicy } from '../../shared/clock/policy-schema';
import { categoryName } from '../../shared/reports/labels';
import { maskPhone } from '../../shared/schemas/ticket';
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

/** Numbers of 7 or more digits (phones) in free text, masked like phones in lists. */
export function maskNumbers(text: string): string {
  return text.replace(/(?<!\d)\d{7,12}(?!\d)/g, (digits) => maskPhone(digits));
}

export const SERVICE_NOTICE = '承办单位将在1个工作日内与您联系，5个工作日内答复处理结果；可凭工单编号查询进展。';

export interface PresentRequestContext {
  unitName: (id: number | null) => string | null;
  policy: TSlaPolicy;
  calendar: WorkCalendar;
}

/** When the reply is due (the standard's expected_datetime), for a ticket with a unit working on it. */
function expected(t: TicketRow, ctx: PresentRequestContext): string | null {
  const s = snapshotOf(t);
  if (isTerminal(t.state) || !s.dispatchedAt || !ctx.policy.clocks.reply) return null;
  const extension = s.extensions.at(-1);
  const due = extension
    ? new Date(extension.due)
    : clockDue({ kind: 'reply', startedAt: new Date(s.dispatchedAt), policy: ctx.policy, calendar: ctx.calendar, round: s.round });
  return toShanghaiIso(due);
}

export function presentServiceRequest(t: TicketRow, meta: Open311Row | null, ctx: PresentRequestContext) {
  return {
    service_request_id: t.number,
    status: isTerminal(t.state) ? 'closed' : 'open',
    status_notes: statusNotes(t),
    service_name: categoryName(t.categoryCode),
    service_code: t.categoryCode ?? 'other',
    description: maskNumbers(t.description),
    agency_responsible: ctx.unitName(t.leadUnitId),
    service_notice: SERVICE_NOTICE,
    requested_datetime: toShanghaiIso(t.callAt),
    updated_datetime: toShanghaiIso(t.updatedAt),
    expected_datetime: expected(t, ctx),
    address: t.address,
    address_id: meta?.addressId ?? null,
    zipcode: null,
    lat: meta?.lat ?? null,
    long: meta?.long ?? null,
    media_url: meta?.mediaUrl ?? null,
  };
}
