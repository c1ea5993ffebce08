/** Issue 18: what a staffing request may contain, and what the plan answers. */
import { z } from 'zod';
import { isIsoDate } from '../calendar/shanghai';
import type { DayKind } from '../staffing/day-kind';
import type { SlotRequirement } from '../staffing/plan';

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

export interface StaffingPlanDay {
  date: string;
  kind: DayKind;
  /** Calls forecast for the day. */
  total: number;
  slots: SlotRequirement[];
}

export interface StaffingPlanAnswer {
  from: string;
  settings: { answerWithinSeconds: number; serviceLevel: number; maxOccupancy: number; shrinkage: number };
  ahtSeconds: number;
  /** Erlang A's mean patience when the history has abandonments; absent: Erlang C. */
  patienceSeconds: number | null;
  days: StaffingPlanDay[];
  /** The last four weeks: each day forecast from the days before it, against what came. */
  accuracy: {
    mapeDay: number | null;
    mapeHalfHour: number | null;
    wapeHalfHour: number | null;
    days: { date: string; kind: DayKind; forecast: number; actual: number; ape: number | null }[];
  };
}
