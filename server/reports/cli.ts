/**
 * `hotline report --month 2026-10 --xlsx out.xlsx` (PRODUCT.md §11 "export reports"): the report of a
 * month, a week or any period, printed as a summary and optionally written as a workbook.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Db } from '../../db/client';
import { ZReportQuerySchema, periodOfQuery, type Rate, type Report } from '../../shared/schemas/reports';
import { buildReport } from './build-report';
import { reportXlsxBuffer } from './report-xlsx';

export interface ReportCliOptions {
  month?: string;
  week?: string;
  from?: string;
  to?: string;
  xlsx?: string;
  asOf?: string;
  json?: boolean;
}

type Out = { log(line: string): void; error(line: string): void };

/** Runs the command against a database; returns the exit code. */
export async function runReportCommand(db: Db, o: ReportCliOptions, out: Out = console): Promise<number> {
  const query = ZReportQuerySchema.safeParse({ month: o.month, week: o.week, from: o.from, to: o.to });
  if (!query.success) {
    out.error(query.error.issues.map((i) => `--${String(i.path[0] ?? 'month')}: ${i.message}`).join('\n'));
    return 2;
  }
  const asOf = o.asOf ? new Date(o.asOf) : new Date();
  if (Number.isNaN(asOf.getTime()) || (o.asOf !== undefined && !/(Z|[+-]\d{2}:?\d{2})$/.test(o.asOf))) {
    out.error(`--as-of: 须为带时区的时间，例如 2026-12-01T09:00:00+08:00（收到 "${o.asOf}"）`);
    return 2;
  }
  const report = await buildReport({ db, period: periodOfQuery(query.data), asOf });
  if (o.json) out.log(JSON.stringify(report, null, 2));
  else for (const line of summaryLines(report)) out.log(line);
  if (o.xlsx) {
    await writeFile(o.xlsx, await reportXlsxBuffer(report));
    out.log(`已写入 ${o.xlsx}`);
  }
  return 0;
}

const pct = (r: Rate) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%（${r.num}/${r.den}）`);

export function summaryLines(report: Report): string[] {
  const f = report.current;
  const lines = [
    `62112345便民服务专线 ${report.period.label}（${report.period.from} 至 ${report.period.to}）`,
    `受理 ${f.received} 件（当场办结 ${f.closedOnCall}），派单 ${f.dispatched} 件次`,
    `先行联系按时率 ${pct(f.firstContactOnTime)}；答复按时率 ${pct(f.replyOnTime)}；回访按时率 ${pct(f.revisitOnTime)}`,
    `实际解决率 ${pct(f.resolutionRate)}；满意率 ${pct(f.satisfactionRate)}（不纳入测评 ${f.evaluations.excluded} 件）；参评率 ${pct(f.participationRate)}`,
    `退单申请 ${f.returns.requested}（批准 ${f.returns.approved}，驳回 ${f.returns.rejected}）；超时 ${f.overdue}；重复来电 ${f.repeats}；新开督办 ${f.supervision.opened}`,
  ];
  const bottom = report.units.filter((u) => u.bottomThree).map((u) => u.unitName);
  if (bottom.length) lines.push(`满意率后三位：${bottom.join('、')}`);
  if (report.bottomThreeRunning?.length) lines.push(`连续三个月后三位：${report.bottomThreeRunning.map((u) => u.unitName).join('、')}`);
  return lines;
}

export function registerReport(program: Command, withDb: <T>(fn: (db: Db) => Promise<T>) => Promise<T>): void {
  program
    .command('report')
    .description('report of a month, a week or a period (Asia/Shanghai); --xlsx writes the workbook')
    .option('--month <YYYY-MM>', 'the month, e.g. 2026-10')
    .option('--week <YYYY-MM-DD>', 'any day of the week (Monday to Sunday)')
    .option('--from <YYYY-MM-DD>', 'first day of a period')
    .option('--to <YYYY-MM-DD>', 'last day of a period')
    .option('--xlsx <file>', 'write the report as an Excel workbook')
    .option('--as-of <time>', 'compute as it stood at this time (ISO 8601 with offset); default now')
    .option('--json', 'print the whole report as JSON')
    .action(async (o: ReportCliOptions) => {
      const code = await withDb((db) => runReportCommand(db, o));
      if (code !== 0) process.exit(code);
    });
}
