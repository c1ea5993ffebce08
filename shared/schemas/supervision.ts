/**
 * Inputs and views of supervision (督办, PRODUCT.md §6 / 004): the fields of the supervision sheet
 * (004 附件1), the on-site coordination notice (004 附件2), escalation (004 三(三)) and the unit's
 * signed reply. Every message is Chinese (PRODUCT.md §9).
 */
import { z } from 'zod';
import { isIsoDate } from '../calendar/shanghai';
import { LIGHTS } from '../domain';
import { SUPERVISION_COMMANDS, type SupervisionCommand } from '../supervision/machine';
import {
  CANDIDATE_KINDS,
  ESCALATION_MODES,
  REPLY_PROGRESS,
  SUPERVISION_SCOPES,
  SUPERVISION_STATES,
  SUPERVISION_TYPES,
  type SupervisionType,
} from '../supervision/types';
import { rowIdParam } from './ids';
import { requiredText } from './text';

const missing = (input: unknown) => input === undefined || input === null;

const text = (label: string, max = 2000) => requiredText(label, { max });

const optionalText = (label: string, max = 2000) =>
  z
    .string({ error: `${label}须为文字` })
    .trim()
    .max(max, `${label}不能超过${max}字`)
    .optional()
    .transform((v) => (v ? v : null));

const oneOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: (i) => (missing(i.input) ? `请选择${label}` : `${label}不是可选的值`) });

const id = (label: string) =>
  z
    .number({ error: (i) => (missing(i.input) ? `请选择${label}` : `${label}须为编号`) })
    .int(`${label}须为编号`)
    .positive(`${label}须为编号`);

const date = (label: string) =>
  z.string({ error: (i) => (missing(i.input) ? `请填写${label}` : `${label}须为日期`) }).refine(isIsoDate, `${label}须为日期（YYYY-MM-DD）`);

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: (i) => (missing(i.input) ? `请填写${label}` : `${label}须为带时区的时间（ISO 8601）`) });

/** 004 附件2 现场协调督办通知: 事由, 地点, 时间, 流程, 出席范围, 联系人, 联系电话, 备注. */
export const ZOnSiteNoticeSchema = z.object(
  {
    subject: text('协调督办事由', 500),
    place: text('协调督办地点', 200),
    meetingAt: instant('协调督办时间'),
    procedure: text('协调督办流程', 2000),
    attendees: text('出席范围', 1000),
    contactName: text('联系人', 50),
    contactPhone: z
      .string({ error: '请填写联系电话' })
      .trim()
      .regex(/^[0-9\-+ ()]{5,20}$/, '联系电话格式不正确'),
    remarks: optionalText('备注', 1000),
  },
  { error: '请填写现场协调督办通知' },
);
export type TOnSiteNotice = z.infer<typeof ZOnSiteNoticeSchema>;

/** 004 三(三): leader instruction, special meeting or special report. */
export const ZEscalationSchema = z.object(
  {
    mode: oneOf(ESCALATION_MODES, '提级方式'),
    /** The leader the matter goes to (镇分管领导 / 主要领导). */
    leader: text('报请领导', 50),
  },
  { error: '请填写提级方式' },
);
export type TEscalation = z.infer<typeof ZEscalationSchema>;

/** Type-specific fields: the notice for on-site coordination, the mode for escalation. */
const typeFields = {
  onSite: ZOnSiteNoticeSchema.optional(),
  escalation: ZEscalationSchema.optional(),
};

function requireTypeFields(v: { type: SupervisionType; onSite?: unknown; escalation?: unknown }, ctx: z.RefinementCtx) {
  if (v.type === 'on_site' && !v.onSite)
    ctx.addIssue({ code: 'custom', path: ['onSite'], message: '现场协调督办须填写通知内容（事由、地点、时间、出席范围、联系人）' });
  if (v.type === 'escalated' && !v.escalation) ctx.addIssue({ code: 'custom', path: ['escalation'], message: '提级协调督办须选择提级方式和报请领导' });
}

/** POST /api/supervisions: open a sheet from a ticket, or from a candidate of issue 7. */
export const ZOpenSupervisionInputSchema = z
  .object(
    {
      ticketId: id('工单'),
      type: oneOf(SUPERVISION_TYPES, '督办类型'),
      scope: oneOf(SUPERVISION_SCOPES, '督办事由类别'),
      /** Defaults to the ticket's lead unit. */
      unitId: id('被督办单位').optional(),
      /** 004 附件1 相关情况. */
      situation: text('相关情况', 4000),
      /** 004 附件1 督办意见. */
      opinion: text('督办意见', 4000),
      /** Other tickets of the same matter (repeats, a cluster). */
      relatedTicketIds: z.array(id('关联工单'), { error: '关联工单须为编号列表' }).max(50, '关联工单不能超过50个').default([]),
      /** A supervision candidate (repeats without progress) or a cluster alert, from issue 7. */
      candidate: z.object({ kind: oneOf(CANDIDATE_KINDS, '督办线索类别'), ref: text('督办线索编号', 64) }, { error: '督办线索格式不正确' }).optional(),
      ...typeFields,
    },
    { error: '请求内容须为对象' },
  )
  .superRefine(requireTypeFields);
export type TOpenSupervisionInput = z.input<typeof ZOpenSupervisionInputSchema>;
export type TOpenSupervisionData = z.output<typeof ZOpenSupervisionInputSchema>;

/** 004: the unit's written reply, signed by the unit's head and sealed. */
export const ZReplySupervisionInputSchema = z.object(
  {
    progress: oneOf(REPLY_PROGRESS, '处置进展'),
    content: text('处置情况', 5000),
    /** 由单位主要领导签字. */
    headName: text('单位主要领导签字', 50),
    signedAt: date('签字日期'),
    /** 加盖单位公章. */
    sealed: z.boolean({ error: '请确认是否已加盖单位公章' }),
  },
  { error: '请求内容须为对象' },
);
export type TReplySupervisionInput = z.infer<typeof ZReplySupervisionInputSchema>;

/** 004 三(二)3: the outcome of the joint site visit and the time limit it set. */
export const ZRecordOutcomeInputSchema = z.object({ outcome: text('现场协调结果', 4000), deadline: date('处置时限') }, { error: '请求内容须为对象' });
export type TRecordOutcomeInput = z.infer<typeof ZRecordOutcomeInputSchema>;

export const ZInstructInputSchema = z.object({ instruction: text('批示内容', 4000), leader: text('批示领导', 50) }, { error: '请求内容须为对象' });
export type TInstructInput = z.infer<typeof ZInstructInputSchema>;

export const ZSendBackInputSchema = z.object({ note: text('退回理由', 2000) }, { error: '请求内容须为对象' });
export type TSendBackInput = z.infer<typeof ZSendBackInputSchema>;

export const ZCloseSupervisionInputSchema = z.object({ note: text('办结意见', 2000) }, { error: '请求内容须为对象' });
export type TCloseSupervisionInput = z.infer<typeof ZCloseSupervisionInputSchema>;

/** 004 三(一)3, 三(二)5: no progress → the next type, with the new sheet's content. */
export const ZProgressSupervisionInputSchema = z
  .object(
    {
      toType: oneOf(SUPERVISION_TYPES, '提级后的督办类型'),
      reason: text('未有进展的情况', 4000),
      opinion: text('督办意见', 4000),
      unitId: id('被督办单位').optional(),
      ...typeFields,
    },
    { error: '请求内容须为对象' },
  )
  .superRefine((v, ctx) => requireTypeFields({ ...v, type: v.toType }, ctx));
export type TProgressSupervisionInput = z.infer<typeof ZProgressSupervisionInputSchema>;

export const SUPERVISION_INPUT_SCHEMAS = {
  reply: ZReplySupervisionInputSchema,
  record_outcome: ZRecordOutcomeInputSchema,
  instruct: ZInstructInputSchema,
  send_back: ZSendBackInputSchema,
  close: ZCloseSupervisionInputSchema,
  progress: ZProgressSupervisionInputSchema,
} as const satisfies Record<SupervisionCommand, z.ZodType>;

export const ZSupervisionListQuerySchema = z.object({
  state: z.enum(['active', 'open', 'replied', 'closed', 'progressed', 'all'], { error: '状态不正确' }).default('active'),
  ticketId: rowIdParam('工单编号不正确').optional(),
  limit: z.coerce.number({ error: '条数不正确' }).int().min(1).max(500).default(200),
});

export const ZSupervisionReplyViewSchema = z.object({
  id: z.number().int(),
  progress: z.enum(REPLY_PROGRESS),
  content: z.string(),
  headName: z.string(),
  signedAt: z.string(),
  sealed: z.boolean(),
  submittedBy: z.number().int(),
  submittedByName: z.string(),
  submittedAt: z.string(),
});
export type SupervisionReplyView = z.output<typeof ZSupervisionReplyViewSchema>;

/** A supervision sheet as lists, the detail page, live events and the print views show it. */
export const ZSupervisionViewSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  type: z.enum(SUPERVISION_TYPES),
  scope: z.enum(SUPERVISION_SCOPES),
  state: z.enum(SUPERVISION_STATES),
  version: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  ticket: z.object({
    id: z.number().int(),
    number: z.string(),
    callAt: z.string(),
    address: z.string(),
    description: z.string(),
    categoryCode: z.string().nullable(),
    state: z.string(),
  }),
  relatedTicketIds: z.array(z.number().int()),
  candidate: z.object({ kind: z.string(), ref: z.string() }).nullable(),
  previousId: z.number().int().nullable(),
  previousNumber: z.string().nullable(),
  nextId: z.number().int().nullable(),
  nextNumber: z.string().nullable(),
  situation: z.string(),
  opinion: z.string(),
  onSite: z
    .object({
      subject: z.string(),
      place: z.string(),
      meetingAt: z.string(),
      procedure: z.string(),
      attendees: z.string(),
      contactName: z.string(),
      contactPhone: z.string(),
      remarks: z.string().nullable(),
      outcome: z.string().nullable(),
      deadline: z.string().nullable(),
    })
    .nullable(),
  escalation: z.object({ mode: z.enum(ESCALATION_MODES), leader: z.string() }).nullable(),
  instructions: z.array(z.object({ leader: z.string(), instruction: z.string(), at: z.string() })),
  startedAt: z.string(),
  dueAt: z.string(),
  /** The reply clock (004: 5 working days) now, or frozen at the first reply. */
  light: z.enum(LIGHTS),
  onTime: z.boolean().nullable(),
  replies: z.array(ZSupervisionReplyViewSchema),
  outcomeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  openedBy: z.number().int(),
  openedByName: z.string(),
  allowedCommands: z.array(z.enum(SUPERVISION_COMMANDS)),
});
export type TSupervisionView = z.output<typeof ZSupervisionViewSchema>;
/** The same type under the name the server and older code use. */
export type SupervisionView = TSupervisionView;

/** GET /api/supervisions. */
export const ZSupervisionListAnswerSchema = z.object({ supervisions: z.array(ZSupervisionViewSchema) });
export type TSupervisionListAnswer = z.output<typeof ZSupervisionListAnswerSchema>;

/** GET /api/supervisions/:id: the sheet with its own events (the ticket's supervision timeline). */
export const ZSupervisionDetailSchema = ZSupervisionViewSchema.extend({
  events: z.array(
    z.object({
      seq: z.number().int(),
      type: z.string(),
      actorId: z.number().int().nullable(),
      actorRole: z.string().nullable(),
      at: z.string(),
      payload: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type TSupervisionDetail = z.output<typeof ZSupervisionDetailSchema>;
