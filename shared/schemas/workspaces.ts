/**
 * What the unit, revisit and decision workspaces read from the API (issue 5): the ticket as its
 * page shows it, the per-action deadlines, and the supervisor's decision queue. Pure: the
 * server fills these, the client types and derives with them.
 */
import { z } from 'zod';
import { shanghaiDate } from '../calendar/shanghai';
import type { Satisfaction } from '../domain';
import type { TimelineEvent } from '../events/timeline';
import type { TicketCommand } from '../ticket/commands';
import type { PendingRequest, Reply, TicketSnapshot } from '../ticket/snapshot';
import { ZTicketSummarySchema, type TicketSummary } from './ticket';

/** One running or stopped clock as GET /api/tickets/:id gives it. */
export interface ClockView {
  kind: string;
  round: number;
  due: string;
  light: string;
  status: 'running' | 'met' | 'late';
  workingDay: number;
  remainingMs: number;
}

export interface DeadlineView {
  due: string;
  light: string;
  status: 'running' | 'met' | 'late';
  /** PRODUCT.md §4: counted over a year whose holidays are computed, not confirmed (issue 15); absent when not. */
  provisional?: true;
}

/** PRODUCT.md §7 "actions with their deadlines shown": the due instant of each action of the loop. */
export interface TicketDeadlines {
  /** The server's clock when these were computed: screens correct a device clock that is off by it. */
  asOf: string;
  /**
   * 000 三(二): the return window; only while a first-round, undesignated ticket is with its
   * unit. `open` is false once it has passed (a return is then refused). `needsVerification`: the
   * policy asks for a recorded first contact or site visit first and there is none yet (000 二(一)).
   */
  returnWindow: { due: string; open: boolean; needsVerification: boolean } | null;
  /** Issue 15.3, 000 三(一): registration → first dispatch, 1 working day (while registered or once dispatched). */
  dispatch: DeadlineView | null;
  /** Issue 15.3, 001 二.1 先行接单: dispatch → the unit's acceptance, 1 working day, per handling. */
  acceptance: DeadlineView | null;
  firstContact: DeadlineView | null;
  reply: DeadlineView | null;
  revisit: DeadlineView | null;
  /** The ticket's policy's unreachable-revisit rule: how many attempts, how far apart. */
  revisitAttempts: { max: number; minGapMinutes: number };
  /** Issue 15.8 (000 三(四)): the policy asks for the unit head's sign-off on the closing report. */
  replyNeedsSignOff: boolean;
}

/** One event of the ticket's timeline; narrow on `type` to read its payload (shared/events/timeline.ts). */
export type TimelineEntry = TimelineEvent & {
  seq: number;
  actorId: number | null;
  actorRole: string | null;
  at: string;
  fromState: string | null;
  toState: string | null;
};

/** GET /api/tickets/:id. */
export interface TicketDetailView extends TicketSummary {
  /** Always null here since issue 9: the full number comes from POST …/reveal-contact, logged. */
  contactPhone: string | null;
  /** Whether this user may reveal the caller's number (the roles that contact the caller). */
  contactRevealable: boolean;
  detail: TicketSnapshot;
  policyCode: string;
  policyVersion: number;
  /** 001 三.1 紧急工单 (issue 15.2): set with a reason; chooses the policy. */
  urgent: boolean;
  allowedCommands: TicketCommand[];
  clocks: ClockView[];
  deadlines: TicketDeadlines;
  events: TimelineEntry[];
  /** Display names of the people in the timeline, by user id. */
  actors: Record<string, string>;
  /** Issue 16.8: the earlier tickets of the same matter this user may see (PRODUCT.md §5 repeats). */
  repeats: RepeatsView;
}

/** An earlier ticket a ticket repeats: no caller's name or number (issue 16.8). */
export interface EarlierTicketView {
  id: number;
  number: string;
  state: string;
  categoryCode: string | null;
  callAt: string;
  leadUnitId: number | null;
  /** The start of its description, masked as for its own page. */
  description: string;
  /** same_phone: the same caller; same_place: the same address and category. */
  reasons: ('same_phone' | 'same_place')[];
}

export interface RepeatsView {
  /** Earlier tickets linked at intake (the ticket's repeatCount). */
  count: number;
  /** The ones this user may read, newest first. */
  earlier: EarlierTicketView[];
  /** The ones handled by units this user may not see: counted, not shown. */
  hidden: number;
}

/** What waits for a supervisor (PRODUCT.md §7 queues: returns and delay requests, replies awaiting review). */
export const DECISION_KINDS = ['return', 'extension', 'filing', 'not_counted', 'objective_case', 'reply'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface DecisionItem {
  /** `<ticket id>:<request id>` or `<ticket id>:reply:<reply time>`; stable while it waits. */
  key: string;
  kind: DecisionKind;
  ticket: TicketSummary;
  /** The unit's request (all kinds but `reply`). */
  request: PendingRequest | null;
  /** The closing report awaiting review (`reply` only). */
  reply: Reply | null;
  /** PRODUCT.md §3 / 001 二.2: approving this return would make two units → a unit must be designated. */
  designationRequired: boolean;
  /** Units that already returned the ticket (approved returns). */
  returnedByUnitIds: number[];
  /** When it started waiting. */
  since: string;
}

export interface DecisionsAnswer {
  /** A page of the queue, oldest first (`since`, then ticket id). */
  items: DecisionItem[];
  /** Items in the whole queue ("共 N 项"), whatever the page. */
  total: number;
  /** Items per kind in the whole queue. */
  counts: Record<DecisionKind, number>;
}

/** Issue 17.7: the queue a page at a time (GET /api/decisions?limit=&offset=), oldest first. */
export const DECISIONS_PAGE = 100;
export const DECISIONS_PAGE_MAX = 500;
const pageSize = z.coerce
  .number({ error: '每页条数应为1–500' })
  .int({ error: '每页条数应为1–500' })
  .min(1, { error: '每页条数应为1–500' })
  .max(DECISIONS_PAGE_MAX, { error: '每页条数应为1–500' });
export const ZDecisionsQuerySchema = z.object({
  limit: pageSize.default(DECISIONS_PAGE),
  /** Items to skip: the next page starts after those already shown. */
  offset: z.coerce.number({ error: '起始位置应为非负整数' }).int({ error: '起始位置应为非负整数' }).min(0, { error: '起始位置应为非负整数' }).default(0),
});
export type TDecisionsQuery = z.input<typeof ZDecisionsQuerySchema>;

const ZDecisionRequestSchema = z.object({
  id: z.string(),
  kind: z.string(),
  unitId: z.number().int(),
  at: z.string(),
  reason: z.string(),
  suggestedUnitId: z.number().int().optional(),
  requestedDue: z.string().optional(),
});
const ZDecisionReplySchema = z.object({
  outcome: z.string(),
  facts: z.string(),
  report: z.string(),
  citizenToldAt: z.string(),
  at: z.string(),
  unitId: z.number().int(),
});
/** The answer of GET /api/decisions as the OpenAPI document declares it (DecisionsAnswer). */
export const ZDecisionsAnswerSchema = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(DECISION_KINDS),
      ticket: ZTicketSummarySchema,
      request: ZDecisionRequestSchema.nullable(),
      reply: ZDecisionReplySchema.nullable(),
      designationRequired: z.boolean(),
      returnedByUnitIds: z.array(z.number().int()),
      since: z.string(),
    }),
  ),
  total: z.number().int(),
  counts: z.object(Object.fromEntries(DECISION_KINDS.map((k) => [k, z.number().int()])) as Record<DecisionKind, z.ZodNumber>),
});

/** 000 三(五): the operations centre accepts a closing report after reviewing it. */
export const ZAcceptReplyInputSchema = z.object(
  {
    version: z.number({ error: '缺少工单版本号（version）' }).int().positive({ error: '工单版本号不正确' }),
    note: z.string({ error: '审核意见须为文字' }).trim().max(2000, '审核意见不能超过2000字').default(''),
  },
  { error: '请求内容须为对象' },
);
export type TAcceptReplyInput = z.input<typeof ZAcceptReplyInputSchema>;

/** The event type of an accepted reply review (the send-back is the `send_back_reply` command). */
export const REPLY_ACCEPTED_EVENT = 'ticket.reply_accepted';

/** Issue 15.8 (000 三(四)): the unit head signed the closing report off; recorded by the unit's liaison. */
export const REPLY_SIGNED_OFF_EVENT = 'ticket.reply_signed_off';

/** POST /api/tickets/:id/reply-sign-off: who signed (the head's name, as on the paper 结案签批表). */
export const ZSignOffReplyInputSchema = z.object(
  {
    version: z.number({ error: '缺少工单版本号（version）' }).int().positive({ error: '工单版本号不正确' }),
    signer: z.string({ error: '请填写签批的单位负责人' }).trim().min(1, '请填写签批的单位负责人').max(40, '负责人姓名不能超过40字'),
    note: z.string({ error: '签批意见须为文字' }).trim().max(2000, '签批意见不能超过2000字').default(''),
  },
  { error: '请求内容须为对象' },
);
export type TSignOffReplyInput = z.input<typeof ZSignOffReplyInputSchema>;

/** Whether the closing report answered at `replyAt` carries the head's sign-off. */
export function replySignedOff(events: readonly { type: string; payload: unknown }[], replyAt: string | undefined): boolean {
  return replyAt !== undefined && events.some((e) => e.type === REPLY_SIGNED_OFF_EVENT && (e.payload as { replyAt?: string }).replyAt === replyAt);
}

/**
 * 003 附件2 当日先联: the unit contacted the citizen on the day the ticket reached it (the same
 * Shanghai date as this round's dispatch). Null while nobody has contacted the citizen yet.
 */
export function firstContactSameDay(s: Pick<TicketSnapshot, 'dispatchedAt' | 'firstContact'>): boolean | null {
  if (!s.firstContact || !s.dispatchedAt) return null;
  return shanghaiDate(new Date(s.firstContact.at)) === shanghaiDate(new Date(s.dispatchedAt));
}

/** 003 附件2 是否满意 (yes/no): satisfied and basically satisfied count as yes. */
export function satisfiedYesNo(satisfaction: Satisfaction | null | undefined): boolean | null {
  if (!satisfaction) return null;
  return satisfaction !== 'dissatisfied';
}
