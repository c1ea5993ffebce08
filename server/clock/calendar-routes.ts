/** The working-day calendar: the official schedule, computed years, confirmations and corrections (PRODUCT.md §4). */
import { asc, eq, like } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { calendarConfirmations, calendarDays } from '../../db/schema';
import { officialSchedule } from '../../shared/calendar/official-calendar';
import { yearsAwaitingSchedule } from '../../shared/calendar/schedule-notice';
import { isIsoDate, weekdayOf } from '../../shared/calendar/shanghai';
import { holidayNameZh, statutoryHolidays } from '../../shared/calendar/statutory-holidays';
import { AppError } from '../../shared/errors';
import { ZCalendarDayAnswerSchema, ZCalendarYearViewSchema, ZConfirmCalendarYearAnswerSchema } from '../../shared/schemas/calendar';
import type { AppContext } from '../platform/context';
import { ANY_USER, defineRoute, roles } from '../platform/define-route';
import { loadCalendar } from './calendar';
import { confirmCalendarYear } from './commands/confirm-calendar-year';
import { correctCalendarDay } from './commands/correct-calendar-day';

const year = z.coerce.number({ error: '年份不正确' }).int().min(2000, { error: '年份不正确' }).max(2100, { error: '年份不正确' });
const ZYearQuerySchema = z.object({ year });
const ZSetDaySchema = z.object({
  date: z.string({ error: '请填写日期' }).refine(isIsoDate, { error: '日期格式应为 YYYY-MM-DD' }),
  working: z.boolean({ error: '请选择上班或休息' }),
  note: z.string({ error: '说明应为文字' }).trim().min(2, { error: '请说明调整原因（至少2个字）' }).max(200, { error: '说明不能超过200个字' }),
});
const date = z.string({ error: '日期应为文字' }).refine(isIsoDate, { error: '日期格式应为 YYYY-MM-DD' });
const ZConfirmYearSchema = z.object({
  source: z.enum(['paste', 'ics'], { error: '来源应为 paste 或 ics' }),
  daysOff: z.array(date, { error: '请填写放假日期' }).min(1, { error: '请至少填写一个放假日期' }).max(120, { error: '放假日期太多' }),
  makeUpDays: z.array(date, { error: '调休上班日期应为列表' }).max(30, { error: '调休上班日期太多' }),
  note: z.string({ error: '请填写通知文号或说明' }).trim().min(2, { error: '请填写通知文号或说明（至少2个字）' }).max(200, { error: '说明不能超过200个字' }),
});

export function calendarRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/calendar';

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/calendar',
      access: ANY_USER,
      summary: 'Working days of a year, where its holidays come from (official, confirmed, computed), and the corrections in force',
      query: ZYearQuerySchema,
      response: ZCalendarYearViewSchema,
    },
    async ({ query }) => {
      const rows = await ctx.db
        .select()
        .from(calendarDays)
        .where(like(calendarDays.date, `${query.year}-%`))
        .orderBy(asc(calendarDays.id));
      const [confirmation] = await ctx.db.select().from(calendarConfirmations).where(eq(calendarConfirmations.year, query.year));
      const corrections = new Map(
        rows
          .filter((r) => r.confirmationId === null)
          .map((r) => [r.date, { date: r.date, working: r.working, note: r.note, at: r.createdAt.toISOString(), by: r.createdBy }]),
      );
      const calendar = await loadCalendar(ctx.db);
      const status = calendar.yearStatus(query.year);
      const days: { date: string; working: boolean }[] = [];
      for (let d = new Date(Date.UTC(query.year, 0, 1)); d.getUTCFullYear() === query.year; d.setUTCDate(d.getUTCDate() + 1)) {
        const iso = d.toISOString().slice(0, 10);
        days.push({ date: iso, working: calendar.isWorkingDay(iso) });
      }
      return {
        year: query.year,
        status,
        provisional: calendar.isProvisionalYear(query.year),
        covered: status === 'official' || status === 'confirmed',
        schedule: scheduleOf(query.year, status, rows),
        confirmation: confirmation
          ? { id: confirmation.id, source: confirmation.source, note: confirmation.note, at: confirmation.createdAt.toISOString(), by: confirmation.createdBy }
          : null,
        awaiting: yearsAwaitingSchedule(ctx.now(), calendar.yearStatus),
        corrections: [...corrections.values()],
        days,
      };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/calendar/days',
      raises: [],
      access: roles('supervisor'),
      summary: "Add or correct a day (append-only, audited); open tickets' due times follow shortly (a job)",
      body: ZSetDaySchema,
      response: ZCalendarDayAnswerSchema,
      status: 201,
    },
    async ({ body, auth }) => {
      const row = await correctCalendarDay({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), ...body });
      // Open tickets' due times are recomputed by a job (../clock/recompute-dues.ts), not in this request.
      return { ...body, id: row.id, recompute: 'queued' as const };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/calendar/years/:year/confirmation',
      raises: ['invalid_state'],
      access: roles('supervisor'),
      summary: "Confirm a year's published State Council schedule (issue 15); its computed holidays stop counting and open tickets' due times follow (a job)",
      body: ZConfirmYearSchema,
      response: ZConfirmCalendarYearAnswerSchema,
      status: 201,
    },
    async ({ body, params, auth }) => {
      const parsed = year.safeParse(params.year);
      if (!parsed.success) throw new AppError('validation_failed', '输入有误：年份不正确', { year: '年份不正确' });
      const y = parsed.data;
      const calendar = await loadCalendar(ctx.db);
      const status = calendar.yearStatus(y);
      if (status !== 'computed') {
        throw new AppError(
          'invalid_state',
          status === 'confirmed' ? `${y}年的放假安排已确认；单日调整请用日历更正` : `${y}年已有国务院办公厅放假安排，无需确认`,
        );
      }
      const fields: Record<string, string> = {};
      const outside = [...body.daysOff, ...body.makeUpDays].filter((d) => !d.startsWith(`${y}-`));
      if (outside.length > 0) fields.daysOff = `日期应在${y}年内：${outside.slice(0, 3).join('、')}`;
      const both = body.daysOff.filter((d) => body.makeUpDays.includes(d));
      if (both.length > 0) fields.makeUpDays = `${both[0]} 既是放假日又是调休上班日`;
      const weekday = body.makeUpDays.filter((d) => weekdayOf(d) >= 1 && weekdayOf(d) <= 5);
      if (weekday.length > 0) fields.makeUpDays = `调休上班日应为周六或周日：${weekday[0]}`;
      if (Object.keys(fields).length > 0) throw new AppError('validation_failed', '输入有误：放假安排不正确', fields);
      const daysOff = [...new Set(body.daysOff)].sort();
      const makeUpDays = [...new Set(body.makeUpDays)].sort();
      const row = await confirmCalendarYear({
        db: ctx.db,
        live: ctx.live,
        actor: auth.user,
        now: ctx.now(),
        year: y,
        source: body.source,
        note: body.note,
        daysOff,
        makeUpDays,
      });
      return { year: y, id: row.id, daysOff, makeUpDays, recompute: 'queued' as const };
    },
  );

  return router;
}

/** The year's days off and 调休 working days as its schedule gives them (before single-day corrections). */
function scheduleOf(y: number, status: string, rows: { date: string; working: boolean; confirmationId: number | null }[]) {
  if (status === 'official') {
    const official = officialSchedule(y);
    return { daysOff: official.daysOff, makeUpDays: official.makeUpDays };
  }
  if (status === 'confirmed') {
    const confirmed = rows.filter((r) => r.confirmationId !== null);
    return {
      daysOff: confirmed.filter((r) => !r.working).map((r) => ({ date: r.date, name: '' })),
      makeUpDays: confirmed.filter((r) => r.working).map((r) => r.date),
    };
  }
  if (status === 'computed') {
    return { daysOff: statutoryHolidays(y).map((h) => ({ date: h.date, name: holidayNameZh(h) })), makeUpDays: [] };
  }
  return { daysOff: [], makeUpDays: [] };
}
