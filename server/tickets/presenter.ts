import { tickets } from '../../db/schema';
import { maskFreeText } from '../../shared/privacy/mask-free-text';
import { maskPhone, type TicketSummary } from '../../shared/schemas/ticket';
import type { TicketSnapshot } from '../../shared/ticket/snapshot';
import type { SessionUser } from '../platform/auth/sessions';
import type { TicketRouting } from '../platform/live/rooms';
import { canSeeContact } from './policy';
import { snapshotOf } from './ticket-snapshot';

type TicketRow = typeof tickets.$inferSelect;

/**
 * The columns a summary is presented from (with the reply marker): a list that presents only
 * summaries selects these, not the whole row (issue 17.7, the decision queue).
 */
export const SUMMARY_COLUMNS = {
  id: tickets.id,
  number: tickets.number,
  type: tickets.type,
  source: tickets.source,
  state: tickets.state,
  version: tickets.version,
  round: tickets.round,
  categoryCode: tickets.categoryCode,
  leadUnitId: tickets.leadUnitId,
  assistUnitIds: tickets.assistUnitIds,
  contactName: tickets.contactName,
  contactPhone: tickets.contactPhone,
  address: tickets.address,
  description: tickets.description,
  confidential: tickets.confidential,
  callAt: tickets.callAt,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  clockKind: tickets.clockKind,
  dueAt: tickets.dueAt,
  light: tickets.light,
  dueProvisional: tickets.dueProvisional,
  repeatCount: tickets.repeatCount,
  communityUnitId: tickets.communityUnitId,
  detail: tickets.detail,
  replyAcceptedAt: tickets.replyAcceptedAt,
};
type SummaryRow = Omit<{ [K in keyof typeof SUMMARY_COLUMNS]: TicketRow[K] }, 'replyAcceptedAt'>;

/** What lists, queues and live events carry: never the full phone number (PRODUCT.md §9). */
export function presentTicketSummary(t: SummaryRow): TicketSummary {
  return presentSummaryWith(t, snapshotOf(t));
}

/** The same, from the row's snapshot already read (the decision queue reads every one). */
export function presentSummaryWith(t: SummaryRow, s: TicketSnapshot): TicketSummary {
  return {
    id: t.id,
    number: t.number,
    type: t.type,
    source: t.source,
    state: t.state,
    version: t.version,
    round: t.round,
    categoryCode: t.categoryCode,
    leadUnitId: t.leadUnitId,
    assistUnitIds: t.assistUnitIds,
    contactName: t.confidential ? '（保密）' : t.contactName,
    contactPhoneMasked: maskPhone(t.contactPhone),
    address: t.address,
    description: t.description,
    confidential: t.confidential,
    callAt: t.callAt.toISOString(),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    clockKind: t.clockKind,
    dueAt: t.dueAt?.toISOString() ?? null,
    light: t.light,
    dueProvisional: t.dueProvisional,
    pending: s.pendingRequests.map((r) => r.kind),
    warning: s.flags.warning,
    revisitAttempts: s.revisitAttempts.length,
    repeatCount: t.repeatCount,
    communityUnitId: t.communityUnitId,
  };
}

/** The full record for people working the ticket; includes the phone to call back. */
export function presentTicketDetail(t: TicketRow, opts: { revealPhone: boolean }) {
  return {
    ...presentTicketSummary(t),
    contactPhone: opts.revealPhone ? t.contactPhone : null,
    contactName: opts.revealPhone ? t.contactName : presentTicketSummary(t).contactName,
    detail: snapshotOf(t),
    policyCode: t.policyCode,
    policyVersion: t.policyVersion,
    /** 001 三.1 紧急工单 (issue 15.2). */
    urgent: t.urgent,
    ruleVersion: t.ruleVersion,
    communityUnitId: t.communityUnitId,
    gridCode: t.gridCode,
  };
}

/**
 * Issue 14 item 7: what this viewer may read of a ticket's free text. Those who may see (and so
 * reveal) the caller's number read it as typed; the others (leaders, assisting units' liaisons)
 * read every number of 7+ digits masked, since a number in the description is the caller's
 * number too (docs/decisions/privacy.md).
 */
export function asSeenBy<T>(viewer: SessionUser, ticket: TicketRouting, presented: T): T {
  return canSeeContact(viewer, ticket) ? presented : maskFreeText(presented);
}

/** `presentTicketSummary` as this viewer may read it (for `rows.map`). */
export function presentTicketSummaryFor(viewer: SessionUser): (t: TicketRow) => TicketSummary {
  return (t) => asSeenBy(viewer, t, presentTicketSummary(t));
}
