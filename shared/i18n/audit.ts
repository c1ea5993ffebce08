/** Issue 9: the caller's number shown on request, and the reveal in the timeline. [zh-CN, en]. */
import { defineMessages } from './define';

export const auditMessages = defineMessages({
  'reveal.show': ['显示号码', 'Show number'],
  'reveal.hint': ['查看完整号码会记入工单日志', 'Showing the full number is logged on the ticket'],
  'reveal.masked': ['号码已隐藏', 'Number hidden'],
  /** An Open311 filing without `phone`: there is no number to show or call. */
  'reveal.noPhone': ['未留电话', 'No phone given'],
  'reveal.logged': ['已记录：您查看了来电号码', 'Logged: you viewed the caller’s number'],
  'event.ticket.contact_revealed': ['查看了来电号码', 'Viewed the caller’s number'],
  'event.call.number_revealed': ['查看了来电号码（来电弹屏）', 'Viewed the caller’s number (screen pop)'],
  'event.search.phone_searched': ['按电话号码搜索工单', 'Searched tickets by a phone number'],
  'reveal.purpose.view': ['在工单页查看', 'on the ticket page'],
  'reveal.purpose.call': ['拨打市民电话时', 'to call the citizen'],
  'reveal.purpose.print': ['打印表单时', 'to print a form'],
});
