import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

import { officialSchedule } from './official-calendar';
import { parseIcsSchedule, parsePastedSchedule } from './published-schedule';

const require = createRequire(import.meta.url);

describe('reading a published State Council schedule (issue 15)', () => {
  it('reads pasted dates and ranges, 休 by default and 班 for 调休 working days', () => {
    const parsed = parsePastedSchedule(['# 2027 (test data)', '2027-01-01', '2027年2月5日 至 2027年2月7日 休', '', '2027/2/20 班'].join('\n'), 2027);
    expect(parsed).toEqual({ daysOff: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07'], makeUpDays: ['2027-02-20'], errors: [] });
  });

  it('names each line it cannot read, dates outside the year, and a day both off and worked', () => {
    const parsed = parsePastedSchedule(
      ['元旦放假', '2027-02-30 休', '2028-01-01 休', '2027-03-01 至 2027-02-01', '2027-05-01 休', '2027-05-01 班'].join('\n'),
      2027,
    );
    expect(parsed.errors).toEqual([
      '第1行：应为一个日期或一个日期范围（YYYY-MM-DD）',
      '第2行：日期不存在（2027-02-30）',
      '第4行：结束日期早于开始日期',
      '有1个日期不在2027年',
      '2027-05-01 既是休息日又是上班日',
    ]);
  });

  it('reads the .ics chinese-days publishes for 2026 as the State Council 2026 schedule it ships', () => {
    const ics = readFileSync(require.resolve('chinese-days/dist/years/2026.ics'), 'utf8');
    const parsed = parseIcsSchedule(ics, 2026);
    const official = officialSchedule(2026);
    expect(parsed.errors).toEqual([]);
    expect(parsed.makeUpDays).toEqual(official.makeUpDays);
    expect(parsed.daysOff).toEqual(official.daysOff.map((d) => d.date));
    expect(parseIcsSchedule('not a calendar', 2026).errors).toEqual(['文件中没有日程（VEVENT），不是日历文件？']);
  });
});
