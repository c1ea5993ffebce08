/**
 * Reports (PRODUCT.md §10): any period on demand and the monthly report for leaders, as JSON for the
 * screens and as a spreadsheet; the weekly review list (003 二(二)3). Read by supervisors and
 * leaders only.
 */
import { Router } from 'express';
import { weekPeriod } from '../../shared/reports/period';
import { ZReportQuerySchema, ZReportSchema, ZWeeklyQuerySchema, ZWeeklyReviewSchema, periodOfQuery } from '../../shared/schemas/reports';
import type { AppContext } from '../platform/context';
import { defineRoute, roles, XLSX_MEDIA_TYPE } from '../platform/define-route';
import { buildReport } from './build-report';
import { reportXlsxBuffer } from './report-xlsx';
import { buildWeeklyReview } from './weekly-review';

const READERS = roles('supervisor', 'leader');

export function reportRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/reports';

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/reports',
      access: READERS,
      summary: 'Report of a month, a week or any period (figures, comparisons, units ranked, lists)',
      query: ZReportQuerySchema,
      response: ZReportSchema,
    },
    async ({ query }) => buildReport({ db: ctx.db, period: periodOfQuery(query), asOf: ctx.now() }),
  );

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/reports/xlsx',
      access: READERS,
      summary: 'The same report as an Excel workbook (one sheet per table)',
      produces: XLSX_MEDIA_TYPE,
      query: ZReportQuerySchema,
    },
    async ({ query, res, req }) => {
      const report = await buildReport({ db: ctx.db, period: periodOfQuery(query), asOf: ctx.now() });
      const buffer = await reportXlsxBuffer(report);
      const name = `62112345报表-${report.period.from}至${report.period.to}.xlsx`;
      req.log?.info({ period: report.period, bytes: buffer.length }, 'report exported');
      res.setHeader('content-type', XLSX_MEDIA_TYPE);
      res.setHeader('content-disposition', `attachment; filename="report-${report.period.from}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
      res.setHeader('cache-control', 'no-store');
      res.status(200).send(buffer);
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/reports/weekly',
      access: READERS,
      summary: 'Weekly review list: dissatisfied tickets and hot issues of the week (003 二(二)3)',
      query: ZWeeklyQuerySchema,
      response: ZWeeklyReviewSchema,
    },
    async ({ query }) => buildWeeklyReview({ db: ctx.db, period: weekPeriod(query.week), asOf: ctx.now() }),
  );

  return router;
}
