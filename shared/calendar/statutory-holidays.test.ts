import officialData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';

import { weekdayOf } from './shanghai';
import { statutoryHolidays } from './statutory-holidays';

const officialHolidays = new Set(Object.keys(officialData.holidays));
const officialMakeUp = new Set(Object.keys(officialData.workdays));
/** A day off in the published schedule: a holiday, or a weekend day not worked (the data leaves out some weekend holidays, e.g. 2012-06-23). */
const isOfficialDayOff = (date: string) => officialHolidays.has(date) || ([0, 6].includes(weekdayOf(date)) && !officialMakeUp.has(date));

describe('statutory holidays computed from 全国年节及纪念日放假办法 第二条 (2024 amendment)', () => {
  it('2027: 元旦, 春节 from 除夕 (02-05..02-08), 清明 04-05, 劳动节 05-01..02, 端午 06-09, 中秋 09-15, 国庆 10-01..03, with 第六条 补假', () => {
    expect(statutoryHolidays(2027).map((h) => `${h.date} ${h.festival}${h.inLieu ? ' 补假' : ''}`)).toEqual([
      '2027-01-01 new_year',
      '2027-02-05 spring_festival',
      '2027-02-06 spring_festival',
      '2027-02-07 spring_festival',
      '2027-02-08 spring_festival',
      '2027-02-09 spring_festival 补假', // 初一 and 初二 fall on Saturday and Sunday
      '2027-02-10 spring_festival 补假',
      '2027-04-05 qingming',
      '2027-05-01 labour_day',
      '2027-05-02 labour_day',
      '2027-05-03 labour_day 补假',
      '2027-05-04 labour_day 补假',
      '2027-06-09 dragon_boat',
      '2027-09-15 mid_autumn',
      '2027-10-01 national_day',
      '2027-10-02 national_day',
      '2027-10-03 national_day',
      '2027-10-04 national_day 补假',
      '2027-10-05 national_day 补假',
    ]);
    // The seven statutory days that fall on a weekday, as issue 15 lists them.
    const weekdays = statutoryHolidays(2027).filter((h) => !h.inLieu && weekdayOf(h.date) >= 1 && weekdayOf(h.date) <= 5);
    expect(weekdays.map((h) => h.date)).toEqual(['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']);
  });

  it('第六条 补假 lands on the first free weekday after the weekend holiday, as the 2025 and 2026 notices put it', () => {
    const inLieu = (year: number) =>
      statutoryHolidays(year)
        .filter((h) => h.inLieu)
        .map((h) => `${h.date} ${h.festival}`);
    expect(inLieu(2025)).toEqual(['2025-06-02 dragon_boat']); // 端午 05-31 Saturday
    expect(inLieu(2026)).toEqual(['2026-04-06 qingming', '2026-05-04 labour_day', '2026-10-05 national_day']);
    expect(inLieu(2028)[0]).toBe('2028-01-03 new_year'); // 元旦 on a Saturday
    for (const year of [2027, 2028, 2030]) for (const h of statutoryHolidays(year).filter((x) => x.inLieu)) expect(weekdayOf(h.date)).not.toBeOneOf([0, 6]);
  });

  it('agrees with every State Council schedule under the amended rules (2025, 2026): each computed day, 补假 included, is a published day off', () => {
    for (const year of [2025, 2026]) {
      for (const h of statutoryHolidays(year)) expect(officialHolidays.has(h.date), `${year} ${h.festival} ${h.date}`).toBe(true);
    }
  });

  it('puts the lunar and solar-term holidays on published days off in every year since 2008 (清明, 端午, 中秋 became holidays)', () => {
    const moving = ['qingming', 'dragon_boat', 'mid_autumn'];
    for (let year = 2008; year <= 2026; year += 1) {
      for (const h of statutoryHolidays(year).filter((x) => !x.inLieu && moving.includes(x.festival))) {
        expect(isOfficialDayOff(h.date), `${year} ${h.festival} ${h.date}`).toBe(true);
      }
      // 春节 初一 (the second computed 春节 day) is a day off every year.
      const chuyi = statutoryHolidays(year).filter((h) => h.festival === 'spring_festival')[1];
      expect(isOfficialDayOff(chuyi!.date), `${year} 初一`).toBe(true);
    }
  });

  it('is the same in any process time zone (chinese-days reads dates in local time)', () => {
    // The suite runs with TZ=America/Los_Angeles (behind UTC), where the library's own string dates slip a day.
    expect(statutoryHolidays(2028).find((h) => h.festival === 'qingming')?.date).toBe('2028-04-04');
    expect(statutoryHolidays(2028).find((h) => h.festival === 'spring_festival')?.date).toBe('2028-01-25');
    expect(statutoryHolidays(2101)).toEqual([]);
  });
});
