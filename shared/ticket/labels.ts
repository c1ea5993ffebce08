/**
 * Chinese names used in the core's error messages (PRODUCT.md §9: bad input gets a clear error in
 * Chinese). The console's UI labels live in shared/i18n; these only have to read well in an
 * error.
 */
import type { TicketState } from '../domain';
import type { TicketCommand } from './commands';
import type { RequestKind } from './snapshot';

export const STATE_LABELS = {
  registered: '已登记',
  closed_on_call: '当场办结',
  dispatched: '已派单',
  in_progress: '处理中',
  replied: '已答复',
  archived: '已归档',
  filed: '已备案',
} as const satisfies Record<TicketState, string>;

export const COMMAND_LABELS = {
  dispatch: '派单',
  close_on_call: '当场办结',
  accept: '接单',
  record_first_contact: '记录先行联系',
  record_site_visit: '记录现场查看',
  record_facts: '记录事实认定',
  explain_delay: '说明延期原因',
  decide_extension: '审核延期',
  request_return: '申请退单',
  decide_return: '审核退单',
  designate: '签派',
  reply: '答复',
  send_back_reply: '发回重填',
  record_revisit_attempt: '记录未接通回访',
  record_revisit: '记录回访结果',
  request_filing: '申请备案',
  decide_filing: '审核备案',
  request_not_counted: '申请不纳入测评',
  decide_not_counted: '审核不纳入测评',
  request_objective_case: '申请客观件认定',
  decide_objective_case: '审核客观件认定',
  add_note: '添加备注',
  urge: '催办',
} as const satisfies Record<TicketCommand, string>;

export const REQUEST_LABELS = {
  return: '退单',
  extension: '延期',
  filing: '备案',
  not_counted: '不纳入测评',
  objective_case: '客观件认定',
} as const satisfies Record<RequestKind, string>;
