/** `hotline workdays …`: the working-day calendar from the command line (PRODUCT.md §4). */
import type { Command } from 'commander';
import { officialCalendar } from '../../shared/calendar/official-calendar';
import { isIsoDate, startOfShanghaiDay, toShanghaiIso } from '../../shared/calendar/shanghai';
import type { OfficialWorkCalendar } from '../../shared/calendar/types';
import { addDays, dueIsProvisional } from '../../shared/calendar/working-days';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** An ISO 8601 instant with offset (or Z), or a plain Shanghai date YYYY-MM-DD. */
export function parseStart(value: string): Date {
  if (isIsoDate(value)) return startOfShanghaiDay(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    fail(`--from: expected an ISO 8601 time with offset, e.g. 2026-09-30T10:00:00+08:00 (got "${value}")`);
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) fail(`--from: not a valid time: ${value}`);
  return d;
}

export function registerWorkdays(program: Command, fromDatabase: () => Promise<OfficialWorkCalendar>): void {
  const workdays = program
    .command('workdays')
    .description('working days on the official calendar (Asia/Shanghai)')
    .option('--db', "include supervisors' corrections from the database (DATABASE_URL or DATA_DIR)");
  const calendar = () => (workdays.opts<{ db?: boolean }>().db ? fromDatabase() : Promise.resolve(officialCalendar()));

  workdays
    .command('add')
    .description('the due moment N working (or natural) days after a start: end of day N, +08:00')
    .requiredOption('--from <time>', 'start, ISO 8601 (e.g. 2026-09-30T10:00:00+08:00)')
    .requiredOption('--days <n>', 'number of days')
    .option('--natural', 'count natural days instead of working days')
    .action(async (o: { from: string; days: string; natural?: boolean }) => {
      const start = parseStart(o.from);
      if (!/^\d{1,3}$/.test(o.days)) fail(`--days: expected a whole number 0–999 (got "${o.days}")`);
      const kind = o.natural ? 'natural' : 'working';
      const cal = await calendar();
      const due = addDays(start, Number(o.days), kind, cal);
      console.log(toShanghaiIso(due));
      if (dueIsProvisional(start, due, kind, cal)) console.error(provisionalNote(start, due, cal));
    });

  workdays
    .command('is-working <date>')
    .description('true when the date (YYYY-MM-DD) is a working day')
    .action(async (date: string) => {
      if (!isIsoDate(date)) fail(`expected a date YYYY-MM-DD (got "${date}")`);
      const cal = await calendar();
      console.log(String(cal.isWorkingDay(date)));
      const year = Number(date.slice(0, 4));
      if (cal.isProvisionalYear(year)) console.error(provisionalNote(startOfShanghaiDay(date), startOfShanghaiDay(date), cal));
    });
}

/** The stderr note (stdout stays the bare answer for scripts). */
function provisionalNote(start: Date, due: Date, cal: OfficialWorkCalendar): string {
  const years: number[] = [];
  for (let y = Number(toShanghaiIso(start).slice(0, 4)); y <= Number(toShanghaiIso(due).slice(0, 4)); y += 1) if (cal.isProvisionalYear(y)) years.push(y);
  const list = years.join(', ');
  return (
    `provisional: ${list} has no published State Council schedule yet; its statutory holidays are computed from ` +
    `全国年节及纪念日放假办法 第二条 (no 调休 make-up working days, no 补假). ` +
    `The due may move when a supervisor confirms the published schedule.`
  );
}
