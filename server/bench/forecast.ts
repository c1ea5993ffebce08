/**
 * `npm run bench -- --only forecast` (issue 18): the forecast's error on the demo history. The
 * calls come from the demo history's own generator (server/demo/history-calls.ts, the same seed),
 * counted per half-hour as the console would store them; each of the last four weeks' days is
 * forecast from the days before it and compared with what came. No database: the figure is about
 * the method, and writing months of calls through the API would take the bench minutes.
 */
import { officialCalendar } from '../../shared/calendar/official-calendar';
import { addCalendarDays, shanghaiDate, startOfShanghaiDay } from '../../shared/calendar/shanghai';
import { backtest, SLOTS_PER_DAY, slotOfMinutes, type Backtest } from '../../shared/staffing/forecast';
import { demoRandom } from '../demo/demo-random';
import { planDemoCalls } from '../demo/history-calls';

export interface ForecastFigures {
  /** The demo as `npm start` seeds it (30 days), and a longer run of the same generator. */
  runs: { historyDays: number; from: string; to: string; days: number; mapeDay: number | null; mapeHalfHour: number | null; wapeHalfHour: number | null }[];
}

function demoHistory(historyDays: number, endDate: string): Map<string, number[]> {
  const end = startOfShanghaiDay(endDate).getTime();
  const first = startOfShanghaiDay(addCalendarDays(endDate, -historyDays)).getTime();
  const history = new Map<string, number[]>();
  for (const step of planDemoCalls(demoRandom(18), first, end, ['+8613900000000'])) {
    if (step.signal.kind !== 'queued') continue;
    const at = new Date(step.at);
    const day = shanghaiDate(at);
    const counts = history.get(day) ?? new Array<number>(SLOTS_PER_DAY).fill(0);
    const slot = slotOfMinutes((step.at - startOfShanghaiDay(day).getTime()) / 60_000);
    counts[slot] = (counts[slot] ?? 0) + 1;
    history.set(day, counts);
  }
  return history;
}

export function benchForecast(o: { endDate: string; log: (s: string) => void }): ForecastFigures {
  const calendar = officialCalendar();
  const runs: ForecastFigures['runs'] = [];
  for (const historyDays of [30, 120]) {
    const history = demoHistory(historyDays, o.endDate);
    const from = addCalendarDays(o.endDate, -28);
    const to = addCalendarDays(o.endDate, -1);
    const b: Backtest = backtest(history, from, to, calendar);
    const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
    runs.push({ historyDays, from, to, days: b.days.length, mapeDay: b.mapeDay, mapeHalfHour: b.mapeHalfHour, wapeHalfHour: b.wapeHalfHour });
    o.log(
      `  demo history of ${historyDays} days, forecasts of ${from}…${to} (${b.days.length} days): MAPE per day ${pct(b.mapeDay)}, per half-hour ${pct(b.mapeHalfHour)}, WAPE per half-hour ${pct(b.wapeHalfHour)}`,
    );
  }
  return { runs };
}
