/**
 * Staffing (issue 18): the forecast and the operators it needs per half-hour, for the plan page;
 * read by supervisors and leaders.
 */
import { Router } from 'express';
import { shanghaiDate } from '../../shared/calendar/shanghai';
import { ZStaffingPlanQuerySchema, type StaffingPlanAnswer } from '../../shared/schemas/staffing';
import { STAFFING_DEFAULTS } from '../../shared/staffing/plan';
import { loadCalendar } from '../clock/calendar';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { forecastAccuracy, staffingPlan } from './staffing-plan';

const READERS = roles('supervisor', 'leader');
const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

export function staffingRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/staffing';
  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/staffing/plan',
      access: READERS,
      summary: 'Calls forecast per half-hour (up to 14 days) and the operators Erlang C/A requires, with the last four weeks’ forecast error',
      query: ZStaffingPlanQuerySchema,
    },
    async ({ query }): Promise<StaffingPlanAnswer> => {
      const today = shanghaiDate(ctx.now());
      const from = query.from ?? today;
      const settings = {
        answerWithinSeconds: query.answerWithin ?? STAFFING_DEFAULTS.answerWithinSeconds,
        serviceLevel: query.target ?? STAFFING_DEFAULTS.serviceLevel,
        maxOccupancy: query.maxOccupancy ?? STAFFING_DEFAULTS.maxOccupancy,
        shrinkage: query.shrinkage ?? STAFFING_DEFAULTS.shrinkage,
      };
      const calendar = await loadCalendar(ctx.db);
      const plan = await staffingPlan(ctx.db, { from, days: query.days ?? 7, calendar, settings, wrapUpSeconds: ctx.config.WRAP_UP_SECONDS });
      const accuracy = await forecastAccuracy(ctx.db, today, calendar);
      return {
        from,
        settings,
        ahtSeconds: plan.ahtSeconds,
        patienceSeconds: plan.patienceSeconds === undefined ? null : Math.round(plan.patienceSeconds),
        days: plan.days.map((d) => ({
          date: d.date,
          kind: d.kind,
          total: round(d.total, 1),
          slots: d.requirement.map((r) => ({ ...r, calls: round(r.calls), serviceLevel: round(r.serviceLevel, 4) })),
        })),
        accuracy: {
          mapeDay: accuracy.mapeDay === null ? null : round(accuracy.mapeDay, 4),
          mapeHalfHour: accuracy.mapeHalfHour === null ? null : round(accuracy.mapeHalfHour, 4),
          wapeHalfHour: accuracy.wapeHalfHour === null ? null : round(accuracy.wapeHalfHour, 4),
          days: accuracy.days.map((d) => ({ ...d, forecast: round(d.forecast, 1), ape: d.ape === null ? null : round(d.ape, 4) })),
        },
      };
    },
  );
  return router;
}
