/**
 * The official holiday schedules, typed by hand from the State Council notices as an
 * independent check on chinese-days (do NOT derive this table from the library).
 *
 * 2025: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12).
 * 2026: 国务院办公厅关于2026年部分节假日安排的通知 (published November 2025, gov.cn
 *   zhengceku/202511/content_7047091). Typed from the notice text as recalled; because that
 *   recollection is less certain than 2025's, each date was then checked against the notice
 *   text quoted in chinese-days 1.5.7 src/holidays/generate.ts — the two agree. The weekday in
 *   each comment is the one the notice prints and is asserted by the tests, which catches typos.
 *
 * Used only by tests.
 */

export interface OfficialHoliday {
  /** 节日. */
  name: string;
  /** First and last day off, inclusive; weekends inside the span are off too. */
  from: string;
  to: string;
  /** Weekday the notice prints for `from` / `to` (0 = 周日 … 6 = 周六). */
  fromWeekday: number;
  toWeekday: number;
  /** 调休上班: weekend days worked to make up for the break. */
  makeUpDays: { date: string; weekday: number }[];
}

export const OFFICIAL_HOLIDAYS: Record<2025 | 2026, OfficialHoliday[]> = {
  2025: [
    // 元旦：1月1日（周三）放假1天，不调休。
    { name: '元旦', from: '2025-01-01', to: '2025-01-01', fromWeekday: 3, toWeekday: 3, makeUpDays: [] },
    // 春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
    {
      name: '春节',
      from: '2025-01-28',
      to: '2025-02-04',
      fromWeekday: 2,
      toWeekday: 2,
      makeUpDays: [
        { date: '2025-01-26', weekday: 0 },
        { date: '2025-02-08', weekday: 6 },
      ],
    },
    // 清明节：4月4日（周五）至6日（周日）放假，共3天。
    { name: '清明节', from: '2025-04-04', to: '2025-04-06', fromWeekday: 5, toWeekday: 0, makeUpDays: [] },
    // 劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
    {
      name: '劳动节',
      from: '2025-05-01',
      to: '2025-05-05',
      fromWeekday: 4,
      toWeekday: 1,
      makeUpDays: [{ date: '2025-04-27', weekday: 0 }],
    },
    // 端午节：5月31日（周六）至6月2日（周一）放假，共3天。
    { name: '端午节', from: '2025-05-31', to: '2025-06-02', fromWeekday: 6, toWeekday: 1, makeUpDays: [] },
    // 国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
    {
      name: '国庆节、中秋节',
      from: '2025-10-01',
      to: '2025-10-08',
      fromWeekday: 3,
      toWeekday: 3,
      makeUpDays: [
        { date: '2025-09-28', weekday: 0 },
        { date: '2025-10-11', weekday: 6 },
      ],
    },
  ],
  2026: [
    // 元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    {
      name: '元旦',
      from: '2026-01-01',
      to: '2026-01-03',
      fromWeekday: 4,
      toWeekday: 6,
      makeUpDays: [{ date: '2026-01-04', weekday: 0 }],
    },
    // 春节：2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
    {
      name: '春节',
      from: '2026-02-15',
      to: '2026-02-23',
      fromWeekday: 0,
      toWeekday: 1,
      makeUpDays: [
        { date: '2026-02-14', weekday: 6 },
        { date: '2026-02-28', weekday: 6 },
      ],
    },
    // 清明节：4月4日（周六）至6日（周一）放假，共3天。
    { name: '清明节', from: '2026-04-04', to: '2026-04-06', fromWeekday: 6, toWeekday: 1, makeUpDays: [] },
    // 劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
    {
      name: '劳动节',
      from: '2026-05-01',
      to: '2026-05-05',
      fromWeekday: 5,
      toWeekday: 2,
      makeUpDays: [{ date: '2026-05-09', weekday: 6 }],
    },
    // 端午节：6月19日（周五）至21日（周日）放假，共3天。
    { name: '端午节', from: '2026-06-19', to: '2026-06-21', fromWeekday: 5, toWeekday: 0, makeUpDays: [] },
    // 中秋节：9月25日（周五）至27日（周日）放假，共3天。
    { name: '中秋节', from: '2026-09-25', to: '2026-09-27', fromWeekday: 5, toWeekday: 0, makeUpDays: [] },
    // 国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
    {
      name: '国庆节',
      from: '2026-10-01',
      to: '2026-10-07',
      fromWeekday: 4,
      toWeekday: 3,
      makeUpDays: [
        { date: '2026-09-20', weekday: 0 },
        { date: '2026-10-10', weekday: 6 },
      ],
    },
  ],
};

/** Every official day off of a year, as 'YYYY-MM-DD'. */
export function officialDaysOff(year: 2025 | 2026): Set<string> {
  const days = new Set<string>();
  for (const { from, to } of OFFICIAL_HOLIDAYS[year]) {
    for (let d = from; d <= to; d = nextDate(d)) days.add(d);
  }
  return days;
}

/** Every official make-up working day (调休上班) of a year. */
export function officialMakeUpDays(year: 2025 | 2026): Set<string> {
  return new Set(OFFICIAL_HOLIDAYS[year].flatMap((h) => h.makeUpDays.map((m) => m.date)));
}

// Independent of shared/calendar/shanghai.ts on purpose: plain UTC arithmetic.
function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
