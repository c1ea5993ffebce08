import officialData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';

import { weekdayOf } from './shanghai';
import { statutoryHolidays } from './statutory-holidays';

const officialHolidays = new Set(Object.keys(officialData.holidays));
const officialMakeUp = new Set(Object.keys(officialData.workdays));
/** A day off in the published schedule: a holiday, or a weekend day not worked (the data leaves out some weekend holidays, e.g. 2012-06-23). */
const isOfficialDayOff = (date: string) => officialHolidays.has(date) || ([0, 6].includes(weekdayOf(date)) && !officialMakeUp.has(date));

describe('statutory holidays computed from 全国年节及纪念日放假办法 第二条 (2024 amendment)', () => {
  it('2027: 元旦, 春节 from 除夕 (02-05..02-08), 清明 04-05, 劳动节 05-01..02, 端午 06-09, 中秋 09-15, 国庆 10-01..03', () => {
    expect(statutoryHolidays(2027).map((h) => `${h.date} ${h.festival}`)).toEqual([
      '2027-01-01 new_year',
      '2027-02-05 spring_festival',
      '2027-02-06 spring_festival',
      '2027-02-07 spring_festival',
      '2027-02-08 spring_festival',
      '2027-04-05 qingming',
      '2027-05-01 labour_day',
      '2027-05-02 labour_day',
      '2027-06-09 dragon_boat',
      '2027-09-15 mid_autumn',
      '2027-10-01 national_day',
      '2027-10-02 national_day',
      '2027-10-03 national_day',
    ]);
    // The seven that fall on a weekday, as issue 15 lists them.
    const weekdays = statutoryHolidays(2027).filter((h) => weekdayOf(h.date) >= 1 && weekdayOf(h.date) <= 5);
    expect(weekdays.map((h) => h.date)).toEqual(['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']);
  });

  it('agrees with every State Council schedule under the amended rules (2025, 2026): each computed day is a published day off', () => {
    for (const year of [2025, 2026]) {
      for (const h of statutoryHolidays(year)) expect(officialHolidays.has(h.date), `${year} ${h.festival} ${h.date}`).toBe(true);
    }
  });

  it('puts the lunar and solar-term holidays on published days off in every year since 2008 (清明, 端午, 中秋 became holidays)', () => {
    const moving = ['qingming', 'dragon_boat', 'mid_autumn'];
    for (let year = 2008; year <= 2026; year += 1) {
      for (const h of statutoryHolidays(year).filter((x) => moving.includes(x.festival))) {
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
