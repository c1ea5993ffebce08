/** Issue 15: the working-day calendar page and the warnings about years without a published schedule. [zh-CN, en]. */
import { defineMessages } from './define';

export const calendarMessages = defineMessages({
  'nav.calendar': ['工作日历', 'Calendar'],
  'cal.title': ['{year}年工作日历', 'Working-day calendar {year}'],
  'cal.status.official': ['国务院办公厅安排', 'Official schedule'],
  'cal.status.confirmed': ['已确认', 'Confirmed'],
  'cal.status.computed': ['推算（暂定）', 'Computed (provisional)'],
  'cal.status.weekdays': ['仅周一至周五', 'Monday–Friday only'],
  'cal.awaiting': [
    '{year}年放假安排尚未确认：目前按《全国年节及纪念日放假办法》推算法定节假日（含周末节日的补假），没有调休上班日，相关期限均为暂定。国务院办公厅公布后，请在工作日历页录入并确认。',
    "{year}'s holiday schedule is not confirmed: statutory holidays are computed from the national holiday regulation (with substitute days for holidays on weekends) but no make-up working days (调休), so dues over it are provisional. Enter and confirm the published schedule on the calendar page.",
  ],
  'cal.daysOff': ['放假日期', 'Days off'],
  'cal.makeUpDays': ['调休上班', 'Make-up working days'],
  'cal.none': ['无', 'None'],
  'cal.date': ['日期', 'Date'],
  'cal.weekday': ['星期', 'Weekday'],
  'cal.holiday': ['节日', 'Holiday'],
  'cal.workingDays': ['全年工作日 {n} 天', '{n} working days in the year'],
  'cal.confirmedBy': ['{at} 确认（{source}）：{note}', 'Confirmed {at} ({source}): {note}'],
  'cal.confirmTitle': ['录入并确认国务院办公厅放假安排', 'Enter and confirm the published schedule'],
  'cal.source.paste': ['粘贴日期', 'Paste dates'],
  'cal.source.ics': ['导入 .ics 文件', 'Import an .ics file'],
  'cal.pasteHint': [
    '每行一个日期或日期范围，后写“休”或“班”，例如：2027-02-05 至 2027-02-11 休；2027-02-20 班',
    'One date or range per line, then 休 (off) or 班 (worked), e.g. 2027-02-05 至 2027-02-11 休; 2027-02-20 班',
  ],
  'cal.chooseIcs': ['选择 .ics 文件', 'Choose an .ics file'],
  'cal.note': ['通知文号或说明', 'Notice number or note'],
  'cal.preview': ['将确认：放假 {off} 天，调休上班 {work} 天', 'To confirm: {off} days off, {work} make-up working days'],
  'cal.confirm': ['确认放假安排', 'Confirm the schedule'],
  'cal.confirmed': ['已确认，未结工单的期限将在几秒内重新计算', 'Confirmed; open tickets’ dues are recomputed within seconds'],
  'cal.provisionalDue': ['暂定', 'Provisional'],
  'cal.provisionalDueHint': ['期限按推算的法定节假日计算，放假安排确认后可能变化', 'Counted over computed holidays; may move once the schedule is confirmed'],
});
