/**
 * The commands of a ticket's life (PRODUCT.md §3) and the zod schema of each one's input. The same
 * schemas validate the API body and `decide`'s input; every message is Chinese (PRODUCT.md §9).
 * Instants are ISO-8601 strings with an offset; the acting user, unit and time come from the
 * session and the server clock, never from the body.
 */
import { z } from 'zod';
import { CLOSE_ON_CALL_REASONS, EMERGENCY_NUMBERS, OUTCOMES, SATISFACTIONS } from '../domain';
import { ZEmergencyOverrideSchema } from '../schemas/emergency';
import { requiredText } from '../schemas/text';
import { CONTACT_CHANNELS } from './snapshot';

export const COMMANDS = [
  'dispatch',
  'close_on_call',
  'accept',
  'record_first_contact',
  'record_site_visit',
  'record_facts',
  'explain_delay',
  'decide_extension',
  'request_return',
  'decide_return',
  'designate',
  'reply',
  'send_back_reply',
  'record_revisit_attempt',
  'record_revisit',
  'request_filing',
  'decide_filing',
  'request_not_counted',
  'decide_not_counted',
  'request_objective_case',
  'decide_objective_case',
  'add_note',
  'urge',
] as const;
export type TicketCommand = (typeof COMMANDS)[number];

export function isTicketCommand(value: unknown): value is TicketCommand {
  return typeof value === 'string' && (COMMANDS as readonly string[]).includes(value);
}

const missing = (input: unknown): boolean => input === undefined || input === null;

const text = (label: string, max = 2000) => requiredText(label, { max });

const unitId = (label: string) =>
  z
    .number({ error: (i) => (missing(i.input) ? `请选择${label}` : `${label}须为单位编号`) })
    .int(`${label}须为单位编号`)
    .positive(`${label}须为单位编号`);

const instant = (label: string) =>
  z.iso.datetime({
    offset: true,
    error: (i) => (missing(i.input) ? `请填写${label}` : `${label}须为带时区的时间（ISO 8601）`),
  });

const yesNo = (label: string) => z.boolean({ error: (i) => (missing(i.input) ? `请选择${label}` : `${label}须为是或否`) });

const oneOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: (i) => (missing(i.input) ? `请选择${label}` : `${label}不是可选的值`) });

const input = <S extends z.ZodRawShape>(shape: S) => z.object(shape, { error: '请求内容须为对象' });

const optionalNote = text('说明').optional();

/** PRODUCT.md §3 dispatch: one lead unit (主办) and any assisting units (协办). */
export const ZDispatchInputSchema = input({
  leadUnitId: unitId('主办单位'),
  assistUnitIds: z.array(unitId('协办单位'), { error: '协办单位须为单位编号列表' }).max(20, '协办单位不能超过20个').default([]),
  onSiteDetermination: yesNo('是否需要现场定责').default(false),
  /**
   * Issue 16.3: a ticket registered without the emergency screen (Open311, or before the screen
   * existed) whose description reads as a 110/119/120 emergency is dispatched to a town office
   * only with the supervisor's reason (server/tickets/commands/emergency-at-dispatch.ts).
   */
  emergencyOverride: ZEmergencyOverrideSchema.optional(),
})
  .refine((v) => new Set(v.assistUnitIds).size === v.assistUnitIds.length, {
    path: ['assistUnitIds'],
    error: '协办单位不能重复',
  })
  .refine((v) => !v.assistUnitIds.includes(v.leadUnitId), {
    path: ['assistUnitIds'],
    error: '主办单位不能同时是协办单位',
  });
export type TDispatchInput = z.infer<typeof ZDispatchInputSchema>;

/** 000 三(八), 003 第五条(三): answered or out of scope on the call. */
export const ZCloseOnCallInputSchema = input({
  reason: oneOf(CLOSE_ON_CALL_REASONS, '办结原因'),
  note: text('说明'),
  /** Issue 16.3: an emergency is recorded as a transfer to the number the caller was told to dial. */
  transferredTo: oneOf(EMERGENCY_NUMBERS, '转接的紧急电话（110、119或120）').optional(),
}).refine((v) => v.transferredTo === undefined || v.reason === 'out_of_scope_emergency', {
  path: ['transferredTo'],
  error: '只有紧急情况（110/119/120）才能记录转接号码',
});
export type TCloseOnCallInput = z.infer<typeof ZCloseOnCallInputSchema>;

export const ZAcceptInputSchema = input({});
export type TAcceptInput = z.infer<typeof ZAcceptInputSchema>;

export const ZRecordFirstContactInputSchema = input({
  at: instant('先行联系时间'),
  channel: oneOf(CONTACT_CHANNELS, '联系方式'),
  note: text('联系情况'),
});
export type TRecordFirstContactInput = z.infer<typeof ZRecordFirstContactInputSchema>;

export const ZRecordSiteVisitInputSchema = input({
  at: instant('现场查看时间'),
  note: text('现场情况'),
});
export type TRecordSiteVisitInput = z.infer<typeof ZRecordSiteVisitInputSchema>;

export const ZRecordFactsInputSchema = input({ facts: text('事实认定', 5000) });
export type TRecordFactsInput = z.infer<typeof ZRecordFactsInputSchema>;

export const ZExplainDelayInputSchema = input({
  reason: text('延期原因'),
  requestedDue: instant('申请的到期时间').optional(),
});
export type TExplainDelayInput = z.infer<typeof ZExplainDelayInputSchema>;

export const ZDecideExtensionInputSchema = input({
  approve: yesNo('是否批准延期'),
  newDue: instant('新的到期时间').optional(),
  note: text('审核意见'),
});
export type TDecideExtensionInput = z.infer<typeof ZDecideExtensionInputSchema>;

/** 000 三(二): a return states its reason and the suggested unit. */
export const ZRequestReturnInputSchema = input({
  reason: text('退单理由'),
  suggestedUnitId: unitId('建议转派单位'),
});
export type TRequestReturnInput = z.infer<typeof ZRequestReturnInputSchema>;

export const ZDecideReturnInputSchema = input({
  approve: yesNo('是否批准退单'),
  newLeadUnitId: unitId('新的主办单位').optional(),
  note: text('审核意见'),
}).refine((v) => !v.approve || v.newLeadUnitId !== undefined, {
  path: ['newLeadUnitId'],
  error: '批准退单须选择新的主办单位',
});
export type TDecideReturnInput = z.infer<typeof ZDecideReturnInputSchema>;

/** 001 二.2 签派, 000 二(二) 联合定责. */
export const ZDesignateInputSchema = input({
  unitId: unitId('指定的承办单位'),
  note: text('签派意见'),
});
export type TDesignateInput = z.infer<typeof ZDesignateInputSchema>;

/** PRODUCT.md §3 reply (办结汇报): outcome (002), facts, what was done, when the citizen was told. */
export const ZReplyInputSchema = input({
  outcome: oneOf(OUTCOMES, '办理结果'),
  facts: text('事实认定', 5000),
  report: text('办结汇报', 5000),
  citizenToldAt: instant('答复市民时间'),
});
export type TReplyInput = z.infer<typeof ZReplyInputSchema>;

/** 000 三(五): a vague report (模棱两可、表述不清、答非所问) is sent back to be redone. */
export const ZSendBackReplyInputSchema = input({ note: text('发回理由') });
export type TSendBackReplyInput = z.infer<typeof ZSendBackReplyInputSchema>;

/** PRODUCT.md §3: an unreachable revisit call; a reached call is recorded with record_revisit. */
export const ZRecordRevisitAttemptInputSchema = input({
  reached: z.literal(false, { error: '接通的回访请直接记录回访结果' }),
  note: text('回访情况'),
});
export type TRecordRevisitAttemptInput = z.infer<typeof ZRecordRevisitAttemptInputSchema>;

export const ZRecordRevisitInputSchema = input({
  resolved: yesNo('是否解决'),
  satisfaction: oneOf(SATISFACTIONS, '满意度'),
  words: z.string({ error: '市民原话须为文字' }).trim().max(2000, '市民原话不能超过2000字').default(''),
});
export type TRecordRevisitInput = z.infer<typeof ZRecordRevisitInputSchema>;

/** 000 三(七): litigation, closed petitions, arbitration, historical issues. */
export const ZRequestFilingInputSchema = input({ reason: text('备案说明', 5000) });
export type TRequestFilingInput = z.infer<typeof ZRequestFilingInputSchema>;

export const ZDecideFilingInputSchema = input({ approve: yesNo('是否同意备案'), note: optionalNote });
export type TDecideFilingInput = z.infer<typeof ZDecideFilingInputSchema>;

/** 002 附件3 不纳入测评范围诉求申请. */
export const ZRequestNotCountedInputSchema = input({ reason: text('申请理由', 5000) });
export type TRequestNotCountedInput = z.infer<typeof ZRequestNotCountedInputSchema>;

export const ZDecideNotCountedInputSchema = input({ approve: yesNo('是否同意不纳入测评'), note: optionalNote });
export type TDecideNotCountedInput = z.infer<typeof ZDecideNotCountedInputSchema>;

/** 002 附件4 客观件诉求认定申请. */
export const ZRequestObjectiveCaseInputSchema = input({ reason: text('申请理由', 5000) });
export type TRequestObjectiveCaseInput = z.infer<typeof ZRequestObjectiveCaseInputSchema>;

export const ZDecideObjectiveCaseInputSchema = input({ approve: yesNo('是否认定为客观件'), note: optionalNote });
export type TDecideObjectiveCaseInput = z.infer<typeof ZDecideObjectiveCaseInputSchema>;

export const ZAddNoteInputSchema = input({ note: text('备注') });
export type TAddNoteInput = z.infer<typeof ZAddNoteInputSchema>;

/** PRODUCT.md §4: supervisors can urge by hand; every urge is recorded. */
export const ZUrgeInputSchema = input({ note: text('催办内容') });
export type TUrgeInput = z.infer<typeof ZUrgeInputSchema>;

export const COMMAND_INPUT_SCHEMAS = {
  dispatch: ZDispatchInputSchema,
  close_on_call: ZCloseOnCallInputSchema,
  accept: ZAcceptInputSchema,
  record_first_contact: ZRecordFirstContactInputSchema,
  record_site_visit: ZRecordSiteVisitInputSchema,
  record_facts: ZRecordFactsInputSchema,
  explain_delay: ZExplainDelayInputSchema,
  decide_extension: ZDecideExtensionInputSchema,
  request_return: ZRequestReturnInputSchema,
  decide_return: ZDecideReturnInputSchema,
  designate: ZDesignateInputSchema,
  reply: ZReplyInputSchema,
  send_back_reply: ZSendBackReplyInputSchema,
  record_revisit_attempt: ZRecordRevisitAttemptInputSchema,
  record_revisit: ZRecordRevisitInputSchema,
  request_filing: ZRequestFilingInputSchema,
  decide_filing: ZDecideFilingInputSchema,
  request_not_counted: ZRequestNotCountedInputSchema,
  decide_not_counted: ZDecideNotCountedInputSchema,
  request_objective_case: ZRequestObjectiveCaseInputSchema,
  decide_objective_case: ZDecideObjectiveCaseInputSchema,
  add_note: ZAddNoteInputSchema,
  urge: ZUrgeInputSchema,
} as const satisfies Record<TicketCommand, z.ZodType>;

/** The parsed input of each command. */
export type TCommandInputs = { [C in TicketCommand]: z.infer<(typeof COMMAND_INPUT_SCHEMAS)[C]> };
