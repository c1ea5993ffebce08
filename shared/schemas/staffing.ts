/** Issue 18: what a staffing request may contain, and what the plan answers. */
import { z } from 'zod';
import { isIsoDate } from '../calendar/shanghai';
import { DAY_KINDS } from '../staffing/day-kind';

const share = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label}须为数字` })
    .min(min, `${label}不能小于${min}`)
    .max(max, `${label}不能大于${max}`);

/** ?from=2026-12-07&days=7 and the target (defaults: 80 % in 20 s, occupancy ≤ 85 %, shrinkage 30 %). */
export const ZStaffingPlanQuerySchema = z.object({
  from: z.string({ error: '开始日期须为日期' }).refine(isIsoDate, '开始日期须为日期（YYYY-MM-DD）').optional(),
  days: z.coerce.number({ error: '天数须为数字' }).int('天数须为整数').min(1, '天数至少 1 天').max(14, '预测最多 14 天').optional(),
  /** Seconds of the service level: 20 by default, 15 for GB/T 33358. */
  answerWithin: z.coerce.number({ error: '应答时限须为数字' }).int('应答时限须为整数秒').min(5, '应答时限至少 5 秒').max(120, '应答时限最多 120 秒').optional(),
  target: share('目标服务水平', 0.5, 0.99).optional(),
  maxOccupancy: share('最高占用率', 0.5, 1).optional(),
  shrinkage: share('缩减率', 0, 0.6).optional(),
});
export type TStaffingPlanQuery = z.infer<typeof ZStaffingPlanQuerySchema>;

const int = z.number().int();
const ZDayKindSchema = z.enum(DAY_KINDS);

/** One half-hour's requirement (shared/staffing/plan.ts SlotRequirement). */
const ZSlotRequirementSchema = z.object({ slot: int, calls: z.number(), agents: z.number(), scheduled: z.number(), serviceLevel: z.number() });

export const ZStaffingPlanDaySchema = z.object({
  date: z.string(),
  kind: ZDayKindSchema,
  /** Calls forecast for the day. */
  total: z.number(),
  slots: z.array(ZSlotRequirementSchema),
});
export type StaffingPlanDay = z.output<typeof ZStaffingPlanDaySchema>;

/** GET /api/staffing/plan. */
export const ZStaffingPlanAnswerSchema = z.object({
  from: z.string(),
  settings: z.object({ answerWithinSeconds: z.number(), serviceLevel: z.number(), maxOccupancy: z.number(), shrinkage: z.number() }),
  ahtSeconds: z.number(),
  /** Erlang A's mean patience when the history has abandonments; absent: Erlang C. */
  patienceSeconds: z.number().nullable(),
  days: z.array(ZStaffingPlanDaySchema),
  /** The last four weeks: each day forecast from the days before it, against what came. */
  accuracy: z.object({
    mapeDay: z.number().nullable(),
    mapeHalfHour: z.number().nullable(),
    wapeHalfHour: z.number().nullable(),
    days: z.array(z.object({ date: z.string(), kind: ZDayKindSchema, forecast: z.number(), actual: z.number(), ape: z.number().nullable() })),
  }),
});
export type StaffingPlanAnswer = z.output<typeof ZStaffingPlanAnswerSchema>;

const day = (label: string) => z.string({ error: `${label}须为日期` }).refine(isIsoDate, `${label}须为日期（YYYY-MM-DD）`);

/** A shift pattern: name, start 'HH:MM' (Shanghai), length in hours (1–12). */
export const ZShiftInputSchema = z.object({
  name: z.string({ error: '请填写班次名称' }).trim().min(1, '请填写班次名称').max(20, '班次名称最多 20 字'),
  start: z.string({ error: '请填写开始时间' }).regex(/^([01]\d|2[0-3]):(00|30)$/, '开始时间应为整点或半点，例如 08:00'),
  hours: z.coerce.number({ error: '时长须为数字' }).min(1, '时长至少 1 小时').max(12, '时长最多 12 小时').multipleOf(0.5, '时长以半小时计'),
});
export type TShiftInput = z.infer<typeof ZShiftInputSchema>;

/** Put a person on a shift of a day (or, with `remove`, take them off). */
export const ZShiftAssignmentInputSchema = z.object({
  date: day('日期'),
  shiftId: z.number({ error: '请选择班次' }).int().positive('请选择班次'),
  userId: z.number({ error: '请选择人员' }).int().positive('请选择人员'),
  remove: z.boolean().optional(),
});

/** ?from=2026-12-07&days=7 for the roster. */
export const ZRosterQuerySchema = z.object({
  from: day('开始日期').optional(),
  days: z.coerce.number({ error: '天数须为数字' }).int('天数须为整数').min(1, '天数至少 1 天').max(14, '最多 14 天').optional(),
});

export const ZHandoverInputSchema = z.object({
  note: z.string({ error: '请填写交接内容' }).trim().min(1, '请填写交接内容').max(2000, '交接内容最多 2000 字'),
  /**
   * The latest note the writer read (null when there was none): a note written meanwhile by the
   * other supervisor is read before writing another, not overtaken unseen (version_conflict).
   */
  previousId: z.number({ error: '缺少上一份交接记录' }).int().positive().nullable(),
});
export const ZHandoverAckSchema = z.object({ version: z.number({ error: '缺少版本号' }).int().positive() });

/** `retired`: offered for no new day (`shift.retired`), still shown on the days it was worked. */
export const ZShiftViewSchema = z.object({ id: int, name: z.string(), startMinute: int, durationMinutes: int, retired: z.boolean() });
export type ShiftView = z.output<typeof ZShiftViewSchema>;

/** POST /api/staffing/assignments: the assignment made, or taken off (`removed`). */
export const ZShiftAssignmentAnswerSchema = z.object({ id: int, date: z.string(), shiftId: int, userId: int, removed: z.boolean() });

/** GET /api/staffing/roster. */
export const ZRosterAnswerSchema = z.object({
  from: z.string(),
  shifts: z.array(ZShiftViewSchema),
  /** People who may be put on a shift (operators and supervisors). */
  staff: z.array(z.object({ id: int, displayName: z.string(), roles: z.array(z.string()) })),
  assignments: z.array(z.object({ id: int, date: z.string(), shiftId: int, userId: int })),
  /** Per day, per half-hour: operators rostered (on a shift covering it) against the requirement (scheduled, with shrinkage). */
  days: z.array(z.object({ date: z.string(), kind: ZDayKindSchema, staffed: z.array(z.number()), required: z.array(z.number()), calls: z.array(z.number()) })),
});
export type RosterAnswer = z.output<typeof ZRosterAnswerSchema>;

const ZDueRefSchema = z.object({ id: int, number: z.string(), dueAt: z.string() });

export const ZHandoverOpenSchema = z.object({
  clusters: z.array(z.object({ id: int, placeName: z.string(), categoryLabel: z.string(), callerCount: int })),
  callbacks: int,
  ticketsOverdue: z.array(ZDueRefSchema),
  ticketsDueBeforeNext: z.array(ZDueRefSchema),
  supervisionsDue: z.array(z.object({ id: int, ticketId: int, dueAt: z.string() })),
});
export type HandoverOpen = z.output<typeof ZHandoverOpenSchema>;

const ZPersonSchema = z.object({ id: int, displayName: z.string() });

export const ZHandoverViewSchema = z.object({
  id: int,
  note: z.string(),
  version: int,
  writtenBy: ZPersonSchema,
  writtenAt: z.string(),
  nextHandoverAt: z.string(),
  acknowledgedBy: ZPersonSchema.nullable(),
  acknowledgedAt: z.string().nullable(),
  /** What was open when it was written. */
  openAtWriting: ZHandoverOpenSchema,
});
export type HandoverView = z.output<typeof ZHandoverViewSchema>;

/** GET /api/staffing/handover. */
export const ZHandoverAnswerSchema = z.object({
  latest: ZHandoverViewSchema.nullable(),
  /** What is open now, to write the next note from. */
  openNow: ZHandoverOpenSchema,
  nextHandoverAt: z.string(),
});
export type HandoverAnswer = z.output<typeof ZHandoverAnswerSchema>;

/** POST /api/staffing/handover (201): the note written. */
export const ZHandoverWrittenSchema = z.object({ id: int, version: int });

/** POST /api/staffing/handover/:id/acknowledge. */
export const ZHandoverAcknowledgedSchema = z.object({ id: int, version: int, acknowledgedAt: z.string().nullable() });
