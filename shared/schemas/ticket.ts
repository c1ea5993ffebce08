/** Shared boundaries of the ticket API: the server validates with them, the client types with them. */
import { z } from 'zod';
import { CATEGORY_CODES, TICKET_SOURCES, TICKET_TYPES } from '../domain';
import { parsePhone } from '../phone';
import { ZCloseOnCallInputSchema } from '../ticket/commands';
import { ZEmergencyOverrideSchema } from './emergency';
import { rowId } from './ids';
import { optionalText, requiredText } from './text';
import { ZTicketSnapshotSchema } from './ticket-snapshot';

/** A number the hotline can call back, stored as dialled in mainland China (shared/phone.ts). */
export const ZPhoneSchema = z.string({ error: '请填写联系电话' }).transform((raw, ctx) => {
  const phone = parsePhone(raw);
  if (phone) return phone.local;
  ctx.addIssue({ code: 'custom', message: '联系电话格式不正确（手机号11位，或座机号码）' });
  return z.NEVER;
});

const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label}须为带时区的时间（ISO 8601）` });

/** Issue 16: dispatching sends a unit somewhere; the message of a dispatch without an address. */
export const ADDRESS_NEEDED_FOR_DISPATCH = '派单须填写诉求地址（承办单位需要知道去哪里处置）';

export const ZCreateTicketInputSchema = z
  .object({
    type: z.enum(TICKET_TYPES, { error: '请选择工单类型（投诉求助、意见建议或咨询）' }),
    source: z.enum(TICKET_SOURCES, { error: '来源不正确' }).default('hotline'),
    contactName: z
      .string({ error: '联系人应为文字' })
      .trim()
      .max(50, { error: '联系人不能超过50个字' })
      .optional()
      .transform((v) => (v ? v : null)),
    contactPhone: ZPhoneSchema,
    /**
     * Issue 16: only where a unit must go. A consultation answered on the call, or an emergency
     * handed to 110/119/120, has none; '' when left out. A dispatch needs one (below, and the
     * dispatch command: server/tickets/commands/run-ticket-command.ts).
     */
    address: optionalText('诉求地址', { min: 2, max: 200 }),
    description: requiredText('诉求描述', { min: 5, max: 4000 }),
    categoryCode: z.enum(CATEGORY_CODES, { error: '问题分类不正确' }).optional(),
    leadUnitId: rowId('承办单位不正确').optional(),
    assistUnitIds: z.array(rowId('协办单位不正确'), { error: '协办单位不正确' }).max(10, { error: '协办单位最多10个' }).default([]),
    confidential: z.boolean({ error: '保密标记应为是或否' }).default(false),
    /** Dispatch at once to the lead unit (Ctrl+Enter). Defaults to true when a lead unit is given. */
    dispatch: z.boolean({ error: '派单标记应为是或否' }).optional(),
    /** The call the record is taken from (PRODUCT.md §8): the ticket takes its call time, the call its ticket. */
    callId: rowId('来电不正确').optional(),
    /**
     * Issue 16.7: when the operator began this record (first keystroke), by the sender's clock; the
     * call time of a record without a linked call (shared/ticket/call-time.ts). Without it: the save.
     */
    startedAt: instant('开始记录时间').optional(),
    /** The sender's clock at sending, so the server can correct `startedAt` for the sender's clock offset. */
    clientNow: instant('发送时间').optional(),
    /** 001 三.1 紧急工单 (issue 15.2): chooses the urgent policy; needs `urgentReason`. */
    urgent: z.boolean({ error: '紧急标记应为是或否' }).default(false),
    urgentReason: optionalText('紧急原因', { min: 2, max: 500 }),
    /**
     * Close the record on the call in the same step (PRODUCT.md §3 close_on_call: operators only):
     * an emergency handed to 110/119/120 is stored closed, never as an open ticket in between.
     */
    closeOnCall: ZCloseOnCallInputSchema.optional(),
    /**
     * Issue 16.3: the description reads as a 110/119/120 emergency (shared/classify/emergency.ts)
     * and the operator keeps it as an ordinary ticket anyway: why (stored in the event
     * `ticket.emergency_overridden`). Without it such a record is refused (`emergency_unconfirmed`).
     */
    emergencyOverride: ZEmergencyOverrideSchema.optional(),
  })
  .superRefine((v, ctx) => {
    const dispatch = v.dispatch ?? v.leadUnitId !== undefined;
    if (dispatch && v.address === '') ctx.addIssue({ code: 'custom', path: ['address'], message: ADDRESS_NEEDED_FOR_DISPATCH });
    if (v.urgent && v.urgentReason === '') ctx.addIssue({ code: 'custom', path: ['urgentReason'], message: '标记紧急工单须填写紧急原因' });
    if (dispatch && v.closeOnCall) ctx.addIssue({ code: 'custom', path: ['closeOnCall'], message: '当场办结的记录不能同时派单' });
  });
export type TCreateTicketInput = z.input<typeof ZCreateTicketInputSchema>;
export type TCreateTicketData = z.output<typeof ZCreateTicketInputSchema>;

/** Issue 15.9: a supervisor corrects the call time, with a reason (POST /api/tickets/:id/call-time). */
export const ZCorrectCallTimeInputSchema = z.object(
  {
    version: z.number({ error: '缺少工单版本号（version）' }).int().positive({ error: '工单版本号不正确' }),
    callAt: z.iso.datetime({ offset: true, error: (i) => (i.input === undefined ? '请填写来电时间' : '来电时间须为带时区的时间（ISO 8601）') }),
    reason: requiredText('更正原因', { min: 2, max: 500 }),
  },
  { error: '请求内容须为对象' },
);
export type TCorrectCallTimeInput = z.input<typeof ZCorrectCallTimeInputSchema>;

/** A ticket as lists and live queues show it: no full phone number (PRODUCT.md §9). */
export const ZTicketSummarySchema = z.object({
  id: z.number().int(),
  number: z.string(),
  type: z.string(),
  source: z.string(),
  state: z.string(),
  version: z.number().int(),
  round: z.number().int(),
  categoryCode: z.string().nullable(),
  leadUnitId: z.number().int().nullable(),
  assistUnitIds: z.array(z.number().int()),
  contactName: z.string().nullable(),
  /** Null: no number was given (an Open311 filing without `phone`; the screens say 未留电话). */
  contactPhoneMasked: z.string().nullable(),
  address: z.string(),
  description: z.string(),
  confidential: z.boolean(),
  callAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The running clock due first (PRODUCT.md §4), its due instant and light when last written. */
  clockKind: z.string().nullable(),
  dueAt: z.string().nullable(),
  light: z.string().nullable(),
  /** The due counts days of a year whose holidays are computed, not published: it may move (issue 15). */
  dueProvisional: z.boolean().optional(),
  /** Requests awaiting a supervisor's decision: return, extension, filing, not_counted, objective_case. */
  pending: z.array(z.string()),
  /** 001 预警工单: re-dispatched after a failed revisit. */
  warning: z.boolean(),
  /** Unreachable revisit attempts so far in this round. */
  revisitAttempts: z.number().int(),
  /** Earlier tickets linked at creation: same phone, or same address and category (PRODUCT.md §5). */
  repeatCount: z.number().int(),
  /** Issue 4: the community (居委会/村) the address resolved to, for the queues' community filter. */
  communityUnitId: z.number().int().nullable().optional(),
});
export type TTicketSummary = z.output<typeof ZTicketSummarySchema>;
/** The same type under the name the server and older code use. */
export type TicketSummary = TTicketSummary;

/**
 * The answer to registering a ticket (POST /api/tickets, server/tickets/presenter.ts
 * presentTicketDetail): the summary with the number as typed, the intake snapshot and the rules it
 * was registered under.
 */
export const ZRegisteredTicketSchema = ZTicketSummarySchema.extend({
  contactPhone: z.string().nullable(),
  /** The intake record as registered (shared/ticket/snapshot.ts). */
  detail: ZTicketSnapshotSchema,
  policyCode: z.string(),
  policyVersion: z.number().int(),
  /** 001 三.1 紧急工单 (issue 15.2). */
  urgent: z.boolean(),
  ruleVersion: z.number().int().nullable(),
  gridCode: z.string().nullable(),
});

/**
 * A list snapshot (GET /api/tickets: the newest open tickets the user may see; GET /api/queues:
 * every open ticket, most urgent first; GET /api/queues/mine: the user's shift). `seq` is the
 * stream position read before the tickets: later changes arrive as live events.
 */
export const ZTicketListAnswerSchema = z.object({
  seq: z.number().int().min(0),
  tickets: z.array(ZTicketSummarySchema),
  /** More tickets than the snapshot's limit: the rest were left out (queues only). */
  truncated: z.boolean().optional(),
});
export type TTicketListAnswer = z.output<typeof ZTicketListAnswerSchema>;

export interface TicketEventView {
  seq: number;
  type: string;
  ticketId: number | null;
  actorId: number | null;
  actorRole: string | null;
  at: string;
  fromState: string | null;
  toState: string | null;
  payload: Record<string, unknown>;
}

/** The number as lists show it (PRODUCT.md §9); null stays null (no number given: an Open311 filing without `phone`). */
export function maskPhone(phone: string): string;
export function maskPhone(phone: string | null): string | null;
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (phone.length <= 4) return '*'.repeat(phone.length);
  if (phone.length === 11) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  return `${phone.slice(0, Math.max(0, phone.length - 8))}****${phone.slice(-4)}`;
}
