/**
 * Staffing (issue 18): the forecast and the operators it needs per half-hour, for the plan page;
 * read by supervisors and leaders.
 */
import { desc, inArray } from 'drizzle-orm';
import { Router } from 'express';
import { handovers, users } from '../../db/schema';
import { addCalendarDays, shanghaiDate, startOfShanghaiDay } from '../../shared/calendar/shanghai';
import { AppError } from '../../shared/errors';
import { rowIdParam } from '../../shared/schemas/ids';
import {
  ZHandoverAckSchema,
  ZHandoverInputSchema,
  ZRosterQuerySchema,
  ZShiftAssignmentInputSchema,
  ZShiftInputSchema,
  ZStaffingPlanQuerySchema,
  ZStaffingPlanAnswerSchema,
  ZRosterAnswerSchema,
  ZShiftViewSchema,
  ZShiftAssignmentAnswerSchema,
  ZHandoverAnswerSchema,
  ZHandoverWrittenSchema,
  ZHandoverAcknowledgedSchema,
  type HandoverAnswer,
  type HandoverOpen,
  type HandoverView,
  type RosterAnswer,
  type StaffingPlanAnswer,
} from '../../shared/schemas/staffing';
import { STAFFING_DEFAULTS } from '../../shared/staffing/plan';
import { nextHandoverAt } from '../../shared/staffing/roster';
import { loadCalendar } from '../clock/calendar';
import type { AppContext } from '../platform/context';
import { defineRoute, roles, XLSX_MEDIA_TYPE } from '../platform/define-route';
import { idParam } from '../platform/id-param';
import { acknowledgeHandover } from './commands/acknowledge-handover';
import { assignShift } from './commands/assign-shift';
import { defineShift } from './commands/define-shift';
import { retireShift } from './commands/retire-shift';
import { writeHandover } from './commands/write-handover';
import { openItems } from './open-items';
import { buildRoster, listShifts } from './roster';
import { rosterXlsxBuffer } from './roster-xlsx';
import { forecastAccuracy, staffingPlan } from './staffing-plan';

const READERS = roles('supervisor', 'leader');
const SUPERVISORS = roles('supervisor');
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
      response: ZStaffingPlanAnswerSchema,
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
  const roster = async (query: { from?: string | undefined; days?: number | undefined }): Promise<RosterAnswer> =>
    buildRoster(ctx.db, {
      from: query.from ?? shanghaiDate(ctx.now()),
      days: query.days ?? 7,
      calendar: await loadCalendar(ctx.db),
      settings: STAFFING_DEFAULTS,
      wrapUpSeconds: ctx.config.WRAP_UP_SECONDS,
    });

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/staffing/roster',
      access: READERS,
      summary: 'Shifts, who is on them, and staffed against required per half-hour (a day or a week)',
      query: ZRosterQuerySchema,
      response: ZRosterAnswerSchema,
    },
    async ({ query }) => roster(query),
  );

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/staffing/roster/xlsx',
      access: READERS,
      summary: 'The roster plan as an Excel workbook, gaps highlighted',
      produces: XLSX_MEDIA_TYPE,
      query: ZRosterQuerySchema,
    },
    async ({ query, res }) => {
      const r = await roster(query);
      const buffer = await rosterXlsxBuffer(r);
      res.setHeader('content-type', XLSX_MEDIA_TYPE);
      res.setHeader('content-disposition', `attachment; filename="staffing-${r.from}.xlsx"; filename*=UTF-8''${encodeURIComponent(`排班计划-${r.from}.xlsx`)}`);
      res.setHeader('cache-control', 'no-store');
      res.status(200).send(buffer);
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/staffing/shifts',
      raises: [],
      access: SUPERVISORS,
      summary: 'Define a shift (name, start, hours)',
      body: ZShiftInputSchema,
      status: 201,
      response: ZShiftViewSchema,
    },
    async ({ body, auth }) => defineShift({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), input: body }),
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/staffing/shifts/:id/retire',
      raises: ['not_found', 'invalid_state'],
      access: SUPERVISORS,
      summary: 'Retire a shift: offered for no new day, kept for the days it was worked (refused while anyone is on it from today on)',
      response: ZShiftViewSchema,
    },
    async ({ params, auth }) => retireShift({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), shiftId: idParam(params, '没有这个班次') }),
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/staffing/assignments',
      raises: ['not_found', 'invalid_state'],
      access: SUPERVISORS,
      summary: 'Put an operator or supervisor on a shift of a day (remove: take them off)',
      body: ZShiftAssignmentInputSchema,
      response: ZShiftAssignmentAnswerSchema,
    },
    async ({ body, auth }) => assignShift({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), input: body }),
  );

  const nextHandover = async (now: Date) =>
    nextHandoverAt(
      now,
      (await listShifts(ctx.db)).filter((s) => !s.retired),
      (d) => startOfShanghaiDay(addCalendarDays(shanghaiDate(now), d)).getTime(),
    );

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/staffing/handover',
      access: SUPERVISORS,
      summary: 'The latest handover note with what was open, and what is open now',
      response: ZHandoverAnswerSchema,
    },
    async (): Promise<HandoverAnswer> => {
      const now = ctx.now();
      const next = await nextHandover(now);
      const [latest] = await ctx.db.select().from(handovers).orderBy(desc(handovers.writtenAt), desc(handovers.id)).limit(1);
      let view: HandoverView | null = null;
      if (latest) {
        const ids = [latest.writtenBy, ...(latest.acknowledgedBy ? [latest.acknowledgedBy] : [])];
        const names = new Map(
          (await ctx.db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.displayName]),
        );
        view = {
          id: latest.id,
          note: latest.note,
          version: latest.version,
          writtenBy: { id: latest.writtenBy, displayName: names.get(latest.writtenBy) ?? '' },
          writtenAt: latest.writtenAt.toISOString(),
          nextHandoverAt: latest.nextHandoverAt.toISOString(),
          acknowledgedBy: latest.acknowledgedBy ? { id: latest.acknowledgedBy, displayName: names.get(latest.acknowledgedBy) ?? '' } : null,
          acknowledgedAt: latest.acknowledgedAt?.toISOString() ?? null,
          openAtWriting: latest.open as HandoverOpen,
        };
      }
      return { latest: view, openNow: await openItems(ctx.db, now, next), nextHandoverAt: next.toISOString() };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/staffing/handover',
      raises: ['version_conflict'],
      access: SUPERVISORS,
      summary: 'Write the handover note (交接班) for the next shift',
      body: ZHandoverInputSchema,
      response: ZHandoverWrittenSchema,
      status: 201,
    },
    async ({ body, auth }) => {
      const now = ctx.now();
      const row = await writeHandover({
        db: ctx.db,
        live: ctx.live,
        actor: auth.user,
        now,
        note: body.note,
        previousId: body.previousId,
        nextHandoverAt: await nextHandover(now),
      });
      return { id: row.id, version: row.version };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/staffing/handover/:id/acknowledge',
      raises: ['not_found', 'invalid_state', 'version_conflict'],
      access: SUPERVISORS,
      summary: 'The next shift’s supervisor acknowledges the handover',
      body: ZHandoverAckSchema,
      response: ZHandoverAcknowledgedSchema,
    },
    async ({ body, auth, params }) => {
      const id = rowIdParam('交接记录编号不正确').safeParse(params.id);
      if (!id.success) throw new AppError('validation_failed', '交接记录编号不正确');
      const row = await acknowledgeHandover({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), handoverId: id.data, version: body.version });
      return { id: row.id, version: row.version, acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null };
    },
  );
  return router;
}
