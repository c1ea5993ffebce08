/**
 * What the unit, revisit and decision workspaces read from the API (issue 5): the ticket as its
 * page shows it, the per-action deadlines, and the supervisor's decision queue. Pure: the
 * server fills these, the client types and derives with them.
 */
import { z } from 'zod';
import { shanghaiDate } from '../calendar/shanghai';
import type { Satisfaction } from '../domain';
import { TIMELINE_EVENT_TYPES, type TimelineEvent } from '../events/timeline';
import { COMMANDS, type TicketCommand } from '../ticket/commands';
import type { TicketSnapshot } from '../ticket/snapshot';
import { ZRegisteredTicketSchema, ZTicketSummarySchema, type TicketSummary } from './ticket';
import { ZPendingRequestSchema, ZReplySchema } from './ticket-snapshot';

const ZDeadlineStatus = z.enum(['running', 'met', 'late']);

/** One running or stopped clock as GET /api/tickets/:id gives it. */
export const ZClockViewSchema = z.object({
  kind: z.string(),
  round: z.number().int(),
  due: z.string(),
  light: z.string(),
  status: ZDeadlineStatus,
  workingDay: z.number(),
  remainingMs: z.number(),
});
export type ClockView = z.output<typeof ZClockViewSchema>;

export const ZDeadlineViewSchema = z.object({
  due: z.string(),
  light: z.string(),
  status: ZDeadlineStatus,
  /** PRODUCT.md §4: counted over a year whose holidays are computed, not confirmed (issue 15); absent when not. */
  provisional: z.literal(true).optional(),
});
export type DeadlineView = z.output<typeof ZDeadlineViewSchema>;

/** PRODUCT.md §7 "actions with their deadlines shown": the due instant of each action of the loop. */
export const ZTicketDeadlinesSchema = z.object({
  /** The server's clock when these were computed: screens correct a device clock that is off by it. */
  asOf: z.string(),
  /**
   * 000 三(二): the return window; only while a first-round, undesignated ticket is with its
   * unit. `open` is false once it has passed (a return is then refused). `needsVerification`: the
   * policy asks for a recorded first contact or site visit first and there is none yet (000 二(一)).
   */
  returnWindow: z.object({ due: z.string(), open: z.boolean(), needsVerification: z.boolean() }).nullable(),
  /** Issue 15.3, 000 三(一): registration → first dispatch, 1 working day (while registered or once dispatched). */
  dispatch: ZDeadlineViewSchema.nullable(),
  /** Issue 15.3, 001 二.1 先行接单: dispatch → the unit's acceptance, 1 working day, per handling. */
  acceptance: ZDeadlineViewSchema.nullable(),
  firstContact: ZDeadlineViewSchema.nullable(),
  reply: ZDeadlineViewSchema.nullable(),
  revisit: ZDeadlineViewSchema.nullable(),
  /** The ticket's policy's unreachable-revisit rule: how many attempts, how far apart. */
  revisitAttempts: z.object({ max: z.number().int(), minGapMinutes: z.number() }),
  /** Issue 15.8 (000 三(四)): the policy asks for the unit head's sign-off on the closing report. */
  replyNeedsSignOff: z.boolean(),
});
export type TicketDeadlines = z.output<typeof ZTicketDeadlinesSchema>;

/** One event of the ticket's timeline; narrow on `type` to read its payload (shared/events/timeline.ts). */
export type TimelineEntry = TimelineEvent & {
  seq: number;
  actorId: number | null;
  actorRole: string | null;
  at: string;
  fromState: string | null;
  toState: string | null;
};

/** The wire shape of a timeline entry: its payload's schema per type is in the event catalogue (shared/events/catalogue.ts). */
export const ZTimelineEntrySchema = z.object({
  type: z.enum(TIMELINE_EVENT_TYPES),
  payload: z.record(z.string(), z.unknown()),
  seq: z.number().int(),
  actorId: z.number().int().nullable(),
  actorRole: z.string().nullable(),
  at: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
});

/** An earlier ticket a ticket repeats: no caller's name or number (issue 16.8). */
export const ZEarlierTicketViewSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  state: z.string(),
  categoryCode: z.string().nullable(),
  callAt: z.string(),
  leadUnitId: z.number().int().nullable(),
  /** The start of its description, masked as for its own page. */
  description: z.string(),
  /** same_phone: the same caller; same_place: the same address and category. */
  reasons: z.array(z.enum(['same_phone', 'same_place'])),
});
export type EarlierTicketView = z.output<typeof ZEarlierTicketViewSchema>;

export const ZRepeatsViewSchema = z.object({
  /** Earlier tickets linked at intake (the ticket's repeatCount). */
  count: z.number().int(),
  /** The ones this user may read, newest first. */
  earlier: z.array(ZEarlierTicketViewSchema),
  /** The ones handled by units this user may not see: counted, not shown. */
  hidden: z.number().int(),
});
export type RepeatsView = z.output<typeof ZRepeatsViewSchema>;

/** GET /api/tickets/:id: the registered record with what this user may do and when each action is due. */
export const ZTicketDetailViewSchema = ZRegisteredTicketSchema.extend({
  /** Always null here since issue 9: the full number comes from POST …/reveal-contact, logged. */
  contactPhone: z.string().nullable(),
  /** Whether this user may reveal the caller's number (the roles that contact the caller). */
  contactRevealable: z.boolean(),
  allowedCommands: z.array(z.enum(COMMANDS)),
  clocks: z.array(ZClockViewSchema),
  deadlines: ZTicketDeadlinesSchema,
  events: z.array(ZTimelineEntrySchema),
  /** Display names of the people in the timeline, by user id. */
  actors: z.record(z.string(), z.string()),
  /** Issue 16.8: the earlier tickets of the same matter this user may see (PRODUCT.md §5 repeats). */
  repeats: ZRepeatsViewSchema,
});

/** GET /api/tickets/:id, as the client reads it (the snapshot and timeline typed precisely). */
export interface TicketDetailView extends TicketSummary {
  contactPhone: string | null;
  contactRevealable: boolean;
  detail: TicketSnapshot;
  policyCode: string;
  policyVersion: number;
  urgent: boolean;
  allowedCommands: TicketCommand[];
  clocks: ClockView[];
  deadlines: TicketDeadlines;
  events: TimelineEntry[];
  actors: Record<string, string>;
  repeats: RepeatsView;
}

/** What waits for a supervisor (PRODUCT.md §7 queues: returns and delay requests, replies awaiting review). */
export const DECISION_KINDS = ['return', 'extension', 'filing', 'not_counted', 'objective_case', 'reply'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const ZDecisionItemSchema = z.object({
  /** `<ticket id>:<request id>` or `<ticket id>:reply:<reply time>`; stable while it waits. */
  key: z.string(),
  kind: z.enum(DECISION_KINDS),
  ticket: ZTicketSummarySchema,
  /** The unit's request (all kinds but `reply`). */
  request: ZPendingRequestSchema.nullable(),
  /** The closing report awaiting review (`reply` only). */
  reply: ZReplySchema.nullable(),
  /** PRODUCT.md §3 / 001 二.2: approving this return would make two units → a unit must be designated. */
  designationRequired: z.boolean(),
  /** Units that already returned the ticket (approved returns). */
  returnedByUnitIds: z.array(z.number().int()),
  /** When it started waiting. */
  since: z.string(),
});
export type DecisionItem = z.output<typeof ZDecisionItemSchema>;

/** GET /api/decisions (issue 17.7: a page of the queue, with the figures of the whole queue). */
export const ZDecisionsAnswerSchema = z.object({
  /** A page of the queue, oldest first (`since`, then ticket id). */
  items: z.array(ZDecisionItemSchema),
  /** Items in the whole queue ("共 N 项"), whatever the page. */
  total: z.number().int(),
  /** Items per kind in the whole queue. */
  counts: z.object(Object.fromEntries(DECISION_KINDS.map((k) => [k, z.number().int()])) as Record<DecisionKind, z.ZodNumber>),
});
export type DecisionsAnswer = z.output<typeof ZDecisionsAnswerSchema>;

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
