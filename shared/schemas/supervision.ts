/**
 * Inputs and views of supervision (督办, SPEC 6 / 004): the fields of the supervision sheet
 * (004 附件1), the on-site coordination notice (004 附件2), escalation (004 三(三)) and the unit's
 * signed reply. Every message is Chinese (SPEC 9).
 */
import { z } from 'zod';
import { isIsoDate } from '../calendar/shanghai';
import type { Light } from '../domain';
import type { SupervisionCommand } from '../supervision/machine';
import {
  CANDIDATE_KINDS,
  ESCALATION_MODES,
  REPLY_PROGRESS,
  SUPERVISION_SCOPES,
  SUPERVISION_TYPES,
  type EscalationMode,
  type ReplyProgress,
  type SupervisionScope,
  type SupervisionState,
  type SupervisionType,
} from '../supervision/types';
import { rowIdParam } from './ids';

const missing = (input: unknown) => input === undefined || input === null;

const text = (label: string, max = 2000) =>
  z
    .string({ error: (i) => (missing(i.input) ? `请填写${label}` : `${label}须为文字`) })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}字`);

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

export interface SupervisionReplyView {
  id: number;
  progress: ReplyProgress;
  content: string;
  headName: string;
  signedAt: string;
  sealed: boolean;
  submittedBy: number;
  submittedByName: string;
  submittedAt: string;
}

/** A supervision sheet as lists, the detail page, live events and the print views show it. */
export interface SupervisionView {
  id: number;
  number: string;
  type: SupervisionType;
  scope: SupervisionScope;
  state: SupervisionState;
  version: number;
  unitId: number;
  unitName: string;
  ticket: { id: number; number: string; callAt: string; address: string; description: string; categoryCode: string | null; state: string };
  relatedTicketIds: number[];
  candidate: { kind: string; ref: string } | null;
  previousId: number | null;
  previousNumber: string | null;
  nextId: number | null;
  nextNumber: string | null;
  situation: string;
  opinion: string;
  onSite: (TOnSiteNotice & { outcome: string | null; deadline: string | null }) | null;
  escalation: { mode: EscalationMode; leader: string } | null;
  instructions: { leader: string; instruction: string; at: string }[];
  startedAt: string;
  dueAt: string;
  /** The reply clock (004: 5 working days) now, or frozen at the first reply. */
  light: Light;
  onTime: boolean | null;
  replies: SupervisionReplyView[];
  outcomeNote: string | null;
  closedAt: string | null;
  openedBy: number;
  openedByName: string;
  allowedCommands: SupervisionCommand[];
}
