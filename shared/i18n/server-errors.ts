/**
 * Server errors in the UI's language. The server answers in Chinese (PRODUCT.md §9) with a stable
 * code; in English the client shows the message from an exact table, or from a template rule
 * (a message built from a field label, a number, a state…), or else the code's generic text —
 * never Chinese. The guard (server-errors.test.ts) fails on a server message this file cannot read.
 */
import { CATEGORY_CODES } from '../domain';
import type { ErrorCode } from '../errors';
import { SUPERVISION_COMMAND_LABELS, type SupervisionCommand } from '../supervision/machine';
import { SUPERVISION_LABELS } from '../supervision/types';
import type { TicketCommand } from '../ticket/commands';
import { COMMAND_LABELS, REQUEST_LABELS, STATE_LABELS } from '../ticket/labels';
import { FIELD_LABELS_EN, SERVER_MESSAGES_EN } from './server-messages';
import { translate, type Locale, type MessageKey } from './index';

/** What each code means, for a message no entry or rule reads. */
const GENERIC_EN = {
  validation_failed: 'Invalid input: check the highlighted fields',
  unauthenticated: 'Please log in',
  bad_credentials: 'Wrong username or password',
  csrf_failed: 'Security check failed: reload the page and retry',
  forbidden_role: 'Your role may not do this',
  bad_signature: 'Invalid request signature: refused',
  wrong_unit: 'This belongs to another unit',
  not_found: 'Not found',
  invalid_state: 'Not possible in the current state',
  version_conflict: 'Someone else changed this: reload and try again',
  rule_violation: 'A rule of the hotline refuses this',
  call_time_in_future: 'The call time is later than now',
  call_time_too_old: 'The call time is too far back',
  return_needs_verification: 'Before a return, record a first contact or a site visit',
  reply_not_signed_off: 'The unit head has not signed off this closing report yet',
  emergency_unconfirmed: 'This reads as an emergency: nothing was saved',
  idempotency_key_reused: 'This Idempotency-Key was used for a different request: nothing was saved',
  rate_limited: 'Too many attempts: try again later',
  internal: 'Internal error (recorded): try again later',
  unavailable: 'Service unavailable: try again later',
} as const satisfies Record<ErrorCode, string>;

/** The parts of an ApiError the client shows. */
export interface ServerError {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

function reverse<K extends string>(labels: Record<K, string>): Map<string, K> {
  return new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));
}
const STATES = reverse(STATE_LABELS);
const COMMANDS = reverse<TicketCommand>(COMMAND_LABELS);
const REQUESTS = reverse(REQUEST_LABELS);
// i18n says 办理中 where the machine's labels say 处理中; both read back.
STATES.set('办理中', 'in_progress');

/** The supervision sheet's commands as a verb (shared/supervision/machine.ts SUPERVISION_COMMAND_LABELS). */
const SUPERVISION_COMMAND_EN = {
  reply: 'reply in writing',
  record_outcome: 'record the on-site outcome',
  instruct: "record the leader's instruction",
  send_back: 'send it back for a new reply',
  close: 'close the supervision',
  progress: 'escalate the supervision',
} as const satisfies Record<SupervisionCommand, string>;
const SUPERVISION_COMMANDS = reverse<SupervisionCommand>(SUPERVISION_COMMAND_LABELS);
const SUPERVISION_STATES = reverse(SUPERVISION_LABELS.state);
const SUPERVISION_TYPES = reverse(SUPERVISION_LABELS.type);

/** A supervision state or type by its Chinese name, in English (the sup.* keys of the reports' catalogue). */
function supervisionEn(zh: string): string | null {
  const state = SUPERVISION_STATES.get(zh);
  if (state) return key(`sup.state.${state}`).toLowerCase();
  const type = SUPERVISION_TYPES.get(zh);
  return type ? `${key(`sup.type.${type}`)} supervision` : null;
}

/** The machine's commands as the verb of "you cannot …" (the i18n cmd.* keys are button captions). */
const COMMAND_EN = {
  dispatch: 'dispatch it',
  close_on_call: 'close it on the call',
  accept: 'accept it',
  record_first_contact: 'record a first contact',
  record_site_visit: 'record a site visit',
  record_facts: 'record the facts',
  explain_delay: 'explain a delay',
  decide_extension: 'decide the extension',
  request_return: 'request a return',
  decide_return: 'decide the return',
  designate: 'designate a unit',
  reply: 'reply',
  send_back_reply: 'send the reply back',
  record_revisit_attempt: 'record an unanswered revisit',
  record_revisit: 'record the revisit',
  request_filing: 'request filing',
  decide_filing: 'decide the filing',
  request_not_counted: 'request leaving it out of the evaluation',
  decide_not_counted: 'decide leaving it out of the evaluation',
  request_objective_case: 'request an objective-case finding',
  decide_objective_case: 'decide the objective-case finding',
  add_note: 'add a note',
  urge: 'urge the unit',
} as const satisfies Record<TicketCommand, string>;

type Slot = (zh: string) => string | null;

function stateEn(zh: string): string | null {
  const state = STATES.get(zh);
  return state ? lowerFirst(key(`state.${state}`)) : null;
}
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const key = (k: string) => translate('en', k as MessageKey);

const SLOTS: Record<string, Slot> = {
  /** A field label the schema helpers receive. */
  label: (zh) => FIELD_LABELS_EN[zh] ?? null,
  /** Numbers, versions, dates, ticket numbers and times: shown as they are. */
  n: (zh) => (CJK.test(zh) ? null : zh),
  /** A whole message inside another ("输入有误：…"). */
  msg: (zh) => messageEn(zh),
  state: (zh) => stateEn(zh),
  states: (zh) => {
    const names = zh.split('、').map((s) => stateEn(s.replace(/^「|」$/g, '')));
    return names.every((n) => n !== null) ? names.map((n) => `“${n}”`).join(', ') : null;
  },
  command: (zh) => {
    const command = COMMANDS.get(zh);
    if (command) return COMMAND_EN[command];
    const other = SUPERVISION_COMMANDS.get(zh);
    return other ? SUPERVISION_COMMAND_EN[other] : null;
  },
  request: (zh) => (REQUESTS.has(zh) ? key(`request.${REQUESTS.get(zh)}`).toLowerCase() : null),
  sv: (zh) => supervisionEn(zh),
  svStates: (zh) => {
    const names = zh.split('、').map((s) => supervisionEn(s.replace(/^「|」$/g, '')));
    return names.every((n) => n !== null) ? names.map((n) => `“${n}”`).join(', ') : null;
  },
  svTypes: (zh) => {
    const names = zh.split('或').map((s) => supervisionEn(s));
    return names.every((n) => n !== null) ? names.join(' or ') : null;
  },
  whose: (zh) => ({ 只有主办单位: 'Only the lead unit', 只有主办或协办单位: 'Only the lead or an assisting unit' })[zh] ?? null,
  flag: (zh) => ({ 不纳入测评: 'not counted in the evaluation', 客观件: 'an objective case' })[zh] ?? null,
  /** A person's name, or the fallback when the server knows none. */
  person: (zh) => (zh === '其他话务员' ? 'another operator' : zh),
  /** The category a dispatch rule is about: its Chinese name is looked up among the categories. */
  category: (zh) => categoryEn(zh),
};

const CATEGORIES = new Map(CATEGORY_CODES.map((c) => [translate('zh-CN', `category.${c}`), c] as const));
/** A category by its Chinese name, or its code (the rule table's "缺少问题分类：group_renting"); a list joined by 、 too. */
function categoryEn(zh: string): string | null {
  const names = zh.split('、').map((part) => {
    const code = CATEGORIES.get(part) ?? (CATEGORY_CODES as readonly string[]).find((c) => c === part);
    return code ? translate('en', `category.${code}` as MessageKey) : null;
  });
  return names.every((n) => n !== null) ? names.join(', ') : null;
}

/**
 * Messages built from parts: [Chinese with {slot:name} holes, English with {name} holes]. The
 * Chinese side is what the server's template literal reads with its `${…}` filled in.
 */
const TEMPLATES: readonly (readonly [string, string])[] = [
  ['输入有误：“{category:c}”的{msg:m}', 'Invalid input: “{c}”: {m}'],
  ['输入有误：{msg:m}', 'Invalid input: {m}'],
  ['这个班次{n:d}起仍有人员排班，请先调整排班再停用', 'People are on this shift from {d} on: change the rota before retiring it'],
  // Schema helpers (shared/schemas, shared/ticket/commands.ts, Open311's form fields).
  ['请填写{label:l}', 'Please fill in {l}'],
  ['请选择{label:l}', 'Please choose {l}'],
  ['{label:l}须为文字', '{l} must be text'],
  ['{label:l}应为文字', '{l} must be text'],
  ['{label:l}不能超过{n:n}个字', '{l} may have at most {n} characters'],
  ['{label:l}不能超过{n:n}字', '{l} may have at most {n} characters'],
  ['{label:l}不能超过{n:n}个字符', '{l} may have at most {n} characters'],
  ['{label:l}只有空白或不可见字符，请填写内容', '{l} has only blank or invisible characters: please write something'],
  ['{label:l}至少{n:n}个字', '{l} needs at least {n} characters'],
  ['{label:l}须为数字', '{l} must be a number'],
  ['{label:l}超出范围', '{l} is out of range'],
  ['{label:l}应为秒数', '{l} must be a number of seconds'],
  ['{label:l}应为整数秒', '{l} must be whole seconds'],
  ['{label:l}至少1秒', '{l} must be at least 1 second'],
  ['{label:l}不能超过3600秒', '{l} may be at most 3600 seconds'],
  ['{label:l}须为日期', '{l} must be a date'],
  ['{label:l}须为日期（YYYY-MM-DD）', '{l} must be a date (YYYY-MM-DD)'],
  ['{label:l}须在{n:a}至{n:b}年之间', '{l} must be between the years {a} and {b}'],
  ['{label:l}不是可选的值', '{l} is not one of the choices'],
  ['{label:l}须为编号', '{l} must be an id'],
  ['{label:l}须为单位编号', '{l} must be a unit id'],
  ['{label:l}须为是或否', '{l} must be yes or no'],
  ['{label:l}须为带时区的时间（ISO 8601）', '{l} must be a time with its zone (ISO 8601)'],
  ['{label:l}不能晚于当前时间', '{l} cannot be later than now'],
  ['{label:l}不能早于派单时间（{n:t}）', '{l} cannot be earlier than the dispatch ({t})'],
  ['月份须在{n:a}至{n:b}年之间', 'The month must be between the years {a} and {b}'],
  ['统计期不能超过{n:n}天', 'The period may be at most {n} days'],
  [
    '该单位仍在派单规则中（{n:n}个问题分类），请先在派单规则中改派其他单位再停用',
    'The dispatch rules still send {n} categories to this unit: dispatch them to another unit first, then deactivate it',
  ],
  ['缺少问题分类：{category:c}', 'Missing category: {c}'],
  ['当前版本为 {n:v}', 'The current version is {v}'],
  ['当前版本为 v{n:v}', 'The current version is v{v}'],
  // The ticket machine (shared/ticket/machine.ts checkCommand, guardFailure).
  ['当前角色无权{command:c}', 'Your role may not {c}'],
  ['{whose:w}可以{command:c}，该工单不由本单位承办', '{w} may {c}: this ticket is not handled by your unit'],
  ['工单当前为「{state:s}」，不能{command:c}（仅限{states:a}）', 'The ticket is “{s}”: you cannot {c} (only when {a})'],
  ['工单为「{state:s}」时，当前角色无权{command:c}', 'While the ticket is “{s}”, your role may not {c}'],
  ['工单当前为「{state:s}」，答复之后不能再更改紧急标记', 'The ticket is “{s}”: the urgent mark cannot change after the reply'],
  ['没有待审核的{request:r}申请', 'There is no pending {r} request'],
  ['已有待审核的{request:r}申请，请先等待审核', 'There is already a pending {r} request: wait for its review'],
  ['该工单已认定为{flag:f}', 'The ticket is already recognised as {f}'],
  // The ticket's handlers (shared/ticket/handlers).
  ['答复时限（{n:t}）已过，须在到期前说明原因', 'The reply was due at {t}: a delay must be explained before it is due'],
  ['申请的到期时间须晚于当前到期时间（{n:t}）', 'The requested due time must be later than the current one ({t})'],
  ['新的到期时间须晚于当前到期时间（{n:t}）', 'The new due time must be later than the current one ({t})'],
  ['退单时限已过（截至 {n:t}），逾期不予退单', 'The return window closed at {t}: no return after it'],
  ['回访须在不同时间进行：距上次未接通不足{n:n}分钟', 'Revisit attempts must be at different times: less than {n} minutes since the last unanswered one'],
  // Supervision (shared/supervision/machine.ts, server/supervision).
  ['只有被督办单位可以{command:c}', 'Only the supervised unit may {c}'],
  ['督办当前为「{sv:s}」，不能{command:c}（仅限{svStates:a}）', 'The supervision is “{s}”: you cannot {c} (only when {a})'],
  ['{sv:t}不能{command:c}', '{t} cannot {c}'],
  ['{sv:t}只能提级为{svTypes:n}', '{t} can only be escalated to {n}'],
  ['该工单已有进行中的督办 {n:n}，请在原督办上提级或办结', 'The ticket already has an open supervision {n}: escalate or close that one'],
  // Calls, tickets, rules, the calendar.
  ['该来电已由{person:p}接听', 'This call was taken by {p}'],
  ['这个 Idempotency-Key 已用于工单 {n:n}（内容不同），本次未保存', 'This Idempotency-Key was used for ticket {n} (different content): nothing was saved'],
  [
    '描述像是紧急情况（{n:a}）：请告知来电人立即拨打{n:b}并当场办结；确非紧急情况，请填写不按紧急情况处理的理由。本次未保存',
    'The description reads as an emergency ({a}): tell the caller to dial {b} now and close on the call; if it is not an emergency, give the reason for not treating it as one. Nothing was saved',
  ],
  [
    // server/tickets/commands/emergency-at-dispatch.ts (on main since e6f303c): a first dispatch that reads as an emergency.
    '描述像是紧急情况（{n:a}）：应告知市民拨打{n:b}；确需派给本镇单位办理的，请填写不按紧急情况处理的理由',
    'The description reads as an emergency ({a}): the citizen should be told to dial {b}; to dispatch it to a unit of the town anyway, give the reason for not treating it as an emergency',
  ],
  [
    'Idempotency-Key 已用于另一份内容不同的诉求 {n:n}，本次未保存；重试请原样提交，新的诉求请换一个键（Idempotency-Key reused with a different request）',
    'Idempotency-Key reused with a different request ({n}): nothing was saved; retry with the same content, or use a new key for a new request',
  ],
  ['派单规则已被他人更新为 v{n:v}，请刷新后再修改', 'Someone else published dispatch rules v{v}: reload before editing'],
  ['{n:y}年的放假安排已确认；单日调整请用日历更正', 'The holidays of {y} are confirmed: correct single days in the calendar'],
  ['{n:y}年已有国务院办公厅放假安排，无需确认', 'The State Council has published the holidays of {y}: nothing to confirm'],
  ['日期应在{n:y}年内：{n:d}', 'Dates must be in {y}: {d}'],
  ['{n:d} 既是放假日又是调休上班日', '{d} is both a day off and a make-up working day'],
  ['调休上班日应为周六或周日：{n:d}', 'A make-up working day must be a Saturday or Sunday: {d}'],
];

interface CompiledTemplate {
  pattern: RegExp;
  slots: { kind: string; name: string }[];
  en: string;
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const COMPILED: CompiledTemplate[] = TEMPLATES.map(([zh, en]) => {
  const slots: { kind: string; name: string }[] = [];
  const source = zh
    .split(/(\{\w+:\w+\})/)
    .map((part) => {
      const [, kind, name] = /^\{(\w+):(\w+)\}$/.exec(part) ?? [];
      if (!kind || !name) return escape(part);
      slots.push({ kind, name });
      return '(.+?)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`, 's'), slots, en };
});

/** The Chinese side of each template with its holes as `{}`: the guard matches the server's template literals against these. */
export const TEMPLATE_SHAPES: readonly RegExp[] = TEMPLATES.map(
  ([zh]) =>
    new RegExp(
      `^${zh
        .split(/(\{\w+:\w+\})/)
        .map((p) => (/^\{\w+:\w+\}$/.test(p) ? '.+?' : escape(p)))
        .join('')}$`,
      's',
    ),
);

/** The English of one Chinese server message, or null when no entry or template reads it. */
export function messageEn(zh: string): string | null {
  const exact = SERVER_MESSAGES_EN[zh];
  if (exact !== undefined) return exact;
  for (const t of COMPILED) {
    const m = t.pattern.exec(zh);
    if (!m) continue;
    const values: Record<string, string> = {};
    const ok = t.slots.every((slot, i) => {
      const read = SLOTS[slot.kind];
      const v = read ? read(m[i + 1] ?? '') : null;
      if (v === null) return false;
      values[slot.name] = v;
      return true;
    });
    if (ok) return t.en.replace(/\{(\w+)\}/g, (_, n: string) => values[n] ?? '');
  }
  return null;
}

function genericEn(code: string): string {
  if (code === 'network') return translate('en', 'error.network');
  return (GENERIC_EN as Record<string, string>)[code] ?? 'The request failed';
}

/** The message to show: the server's own in Chinese; in English the table's, a template's, or the code's generic text. */
export function serverErrorText(locale: Locale, error: Pick<ServerError, 'code' | 'message'>): string {
  if (locale !== 'en') return error.message;
  if (error.code === 'network') return genericEn('network');
  return messageEn(error.message) ?? genericEn(error.code);
}

/** Per-field messages in the locale; a field message nothing reads becomes the code's generic text. */
export function serverFieldErrors(locale: Locale, error: Pick<ServerError, 'code' | 'fields'>): Record<string, string> {
  const fields = error.fields ?? {};
  if (locale !== 'en') return fields;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, messageEn(v) ?? genericEn(error.code)]));
}
