/**
 * TEST DATA, not the real notice: a plausible 2027 schedule as a supervisor would paste it (the
 * State Council's 2027 notice was not at hand when this was written). 元旦 01-01..03; 春节
 * 02-05..02-11 with 02-20 (Saturday) worked; the other holidays on their computed days.
 */
export const PASTED_2027 = [
  '# 2027 放假安排（测试数据）',
  '2027-01-01 至 2027-01-03 休',
  '2027-02-05 至 2027-02-11 休',
  '2027-02-20 班',
  '2027-04-05 休',
  '2027-05-01 至 2027-05-05 休',
  '2027-06-09 休',
  '2027-09-15 休',
  '2027-10-01 至 2027-10-07 休',
].join('\n');
