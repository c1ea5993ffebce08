/** The working-day calendar: the official schedule and supervisors' corrections (PRODUCT.md §4). */
import { asc, like } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { calendarDays } from '../../db/schema';
import { officialCalendar, officialCoveredYears } from '../../shared/calendar/official-calendar';
import { isIsoDate } from '../../shared/calendar/shanghai';
import type { AppContext } from '../platform/context';
import { ANY_USER, defineRoute, roles } from '../platform/define-route';
import { correctCalendarDay } from './commands/correct-calendar-day';

const ZYearQuerySchema = z.object({
  year: z.coerce.number({ error: '年份不正确' }).int().min(2000, { error: '年份不正确' }).max(2100, { error: '年份不正确' }),
});
const ZSetDaySchema = z.object({
  date: z.string({ error: '请填写日期' }).refine(isIsoDate, { error: '日期格式应为 YYYY-MM-DD' }),
  working: z.boolean({ error: '请选择上班或休息' }),
  note: z.string({ error: '说明应为文字' }).trim().min(2, { error: '请说明调整原因（至少2个字）' }).max(200, { error: '说明不能超过200个字' }),
});

export function calendarRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/calendar';

  defineRoute(
    router,
    mount,
    { method: 'get', path: '/api/calendar', access: ANY_USER, summary: 'Working days of a year and the corrections in force', query: ZYearQuerySchema },
    async ({ query }) => {
      const rows = await ctx.db
        .select()
        .from(calendarDays)
        .where(like(calendarDays.date, `${query.year}-%`))
        .orderBy(asc(calendarDays.id));
      const corrections = new Map(
        rows.map((r) => [r.date, { date: r.date, working: r.working, note: r.note, at: r.createdAt.toISOString(), by: r.createdBy }]),
      );
      const calendar = officialCalendar([...corrections.values()].map(({ date, working }) => ({ date, working })));
      const days: { date: string; working: boolean }[] = [];
      for (let d = new Date(Date.UTC(query.year, 0, 1)); d.getUTCFullYear() === query.year; d.setUTCDate(d.getUTCDate() + 1)) {
        const date = d.toISOString().slice(0, 10);
        days.push({ date, working: calendar.isWorkingDay(date) });
      }
      return { year: query.year, covered: officialCoveredYears().includes(query.year), corrections: [...corrections.values()], days };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/calendar/days',
      access: roles('supervisor'),
      summary: "Add or correct a day (append-only, audited); open tickets' due times follow shortly (a job)",
      body: ZSetDaySchema,
      status: 201,
    },
    async ({ body, auth }) => {
      const row = await correctCalendarDay({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), ...body });
      // Open tickets' due times are recomputed by a job (../clock/recompute-dues.ts), not in this request.
      return { ...body, id: row.id, recompute: 'queued' as const };
    },
  );

  return router;
}
