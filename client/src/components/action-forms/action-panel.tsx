/**
 * The actions the current user may take on the ticket now, as forms, each with its deadline
 * (PRODUCT.md §7). Which ones: the server's `allowedCommands` (the machine as data), never a local
 * copy of the rules; the return form also shows *why* it is closed when the window has passed.
 */
import { Collapse, Empty } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { assertUnreachable } from '../../../../shared/errors';
import type { MessageKey } from '../../../../shared/i18n';
import type { DeadlineView } from '../../../../shared/schemas/workspaces';
import type { TicketCommand } from '../../../../shared/ticket/commands';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { DeadlineLine, ReturnWindowLine } from './deadline';
import { CloseOnCallForm, DesignateForm, DispatchForm, ReplyReviewForm, RequestDecisionForm, SignOffForm, signOffMissing, UrgeForm } from './decision-forms';
import { CallCitizen, RevisitAttemptForm, RevisitOutcomeForm } from './revisit-forms';
import {
  AcceptForm,
  DelayForm,
  FactsForm,
  FirstContactForm,
  NoteForm,
  OTHER_REQUESTS,
  OtherRequestsForm,
  PendingNotice,
  ReplyForm,
  returnBlocked,
  ReturnForm,
  SiteVisitForm,
  type FormProps,
} from './unit-forms';

interface Item {
  key: string;
  label: string;
  deadline?: DeadlineView | null;
  deadlineLabel?: string;
  /** A deadline line of its own kind (the return window). */
  deadlineLine?: ReactNode;
  node: ReactNode;
}

/** The unit's actions in the order a liaison works them. */
const UNIT_ORDER = [
  'accept',
  'record_first_contact',
  'reply',
  'record_site_visit',
  'record_facts',
  'explain_delay',
  'request_return',
] as const satisfies readonly TicketCommand[];
type UnitCommand = (typeof UNIT_ORDER)[number];

export function ActionPanel(props: FormProps & { focus?: string | null }) {
  const { ticket } = props;
  const { t } = useI18n();
  const { user } = useSession();
  const allowed = new Set(ticket.allowedCommands);
  const d = ticket.deadlines;
  const label = (c: TicketCommand) => t(`cmd.${c}` as MessageKey);
  const items: Item[] = [];

  // The revisit caller: the outcome first, then the unreachable attempt (PRODUCT.md §3).
  if (allowed.has('record_revisit')) {
    items.push({
      key: 'record_revisit',
      label: label('record_revisit'),
      deadline: d.revisit,
      deadlineLabel: t('clock.revisit'),
      node: <RevisitOutcomeForm {...props} />,
    });
  }
  if (allowed.has('record_revisit_attempt')) {
    items.push({
      key: 'record_revisit_attempt',
      label: label('record_revisit_attempt'),
      deadline: d.revisit,
      deadlineLabel: t('clock.revisit'),
      node: <RevisitAttemptForm {...props} />,
    });
  }

  // The supervisor: every pending request, then the reply review (000 三(五)).
  for (const request of ticket.detail.pendingRequests) {
    const command = `decide_${request.kind}` as TicketCommand;
    if (!allowed.has(command)) continue;
    items.push({ key: `decide:${request.kind}`, label: label(command), node: <RequestDecisionForm {...props} request={request} /> });
  }
  if (allowed.has('send_back_reply')) {
    items.push({
      key: 'decide:reply',
      label: label('send_back_reply'),
      deadline: d.revisit,
      deadlineLabel: t('clock.revisit'),
      node: <ReplyReviewForm {...props} />,
    });
  }

  // The unit.
  const returnShown =
    allowed.has('request_return') || (isLeadLiaison(user, ticket.leadUnitId) && (ticket.state === 'dispatched' || ticket.state === 'in_progress'));
  for (const command of UNIT_ORDER) {
    if (command === 'request_return') {
      if (!returnShown || (!allowed.has(command) && !returnBlocked(ticket, t))) continue;
      const w = d.returnWindow;
      items.push({ key: command, label: label(command), deadlineLine: w && <ReturnWindowLine window={w} />, node: <ReturnForm {...props} /> });
      continue;
    }
    if (!allowed.has(command)) continue;
    items.push(unitItem(command, props, label(command), t));
  }
  // Issue 15.8 (000 三(四)): the head's sign-off on the closing report, where the policy asks.
  if (isLeadLiaison(user, ticket.leadUnitId) && signOffMissing(ticket)) {
    items.push({ key: 'sign_off_reply', label: t('form.signOffTitle'), node: <SignOffForm {...props} /> });
  }
  const others = OTHER_REQUESTS.filter((c) => allowed.has(c));
  if (others.length > 0) {
    const running = ticket.state === 'replied' ? null : d.reply;
    items.push({
      key: 'other_requests',
      label: `${t('form.more')}（${others.map((c) => t(`request.${c.slice('request_'.length)}` as MessageKey)).join(' / ')}）`,
      deadline: running,
      deadlineLabel: t('clock.reply'),
      node: <OtherRequestsForm {...props} commands={others} />,
    });
  }
  if (allowed.has('add_note')) items.push({ key: 'add_note', label: label('add_note'), node: <NoteForm {...props} /> });

  // Line staff's other tools.
  // With a return pending, a supervisor designates inside the return decision; a leader (who
  // only designates, 001 二.2 报街道主要领导批办) gets the designation form on its own.
  const returnDecidedHere = ticket.detail.pendingRequests.some((r) => r.kind === 'return') && allowed.has('decide_return');
  if (allowed.has('designate') && !returnDecidedHere) {
    items.push({ key: 'designate', label: label('designate'), node: <DesignateForm {...props} /> });
  }
  if (allowed.has('urge')) {
    // The unit's running deadline: the reply while handling (nothing runs for it once replied).
    const running = ticket.state === 'replied' ? null : d.reply;
    items.push({ key: 'urge', label: label('urge'), deadline: running, deadlineLabel: t('clock.reply'), node: <UrgeForm {...props} /> });
  }
  if (allowed.has('dispatch')) {
    // Issue 15.3, 000 三(一): the first dispatch's deadline (a correction later has none of its own).
    const first = ticket.state === 'registered' ? d.dispatch : null;
    items.push({ key: 'dispatch', label: label('dispatch'), deadline: first, deadlineLabel: t('clock.dispatch'), node: <DispatchForm {...props} /> });
  }
  if (allowed.has('close_on_call')) items.push({ key: 'close_on_call', label: label('close_on_call'), node: <CloseOnCallForm {...props} /> });

  const keys = items.map((i) => i.key);
  const open = useOpenKeys(ticket.id, keys, props.focus ?? null);

  return (
    <div className="action-panel" data-testid="action-panel">
      <PendingNotice ticket={ticket} />
      {(allowed.has('record_revisit') || allowed.has('record_revisit_attempt')) && <CallCitizen ticket={ticket} />}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('form.noActions')} />
      ) : (
        <Collapse
          activeKey={open.keys}
          onChange={(k) => open.set(Array.isArray(k) ? k.map(String) : [String(k)])}
          items={items.map((i) => ({
            key: i.key,
            label: (
              <div className="action-header" data-testid={`action-${i.key}`}>
                <span className="action-title">{i.label}</span>
                {i.deadlineLine ?? (i.deadline && <DeadlineLine label={i.deadlineLabel ?? ''} deadline={i.deadline} />)}
              </div>
            ),
            children: i.node,
          }))}
        />
      )}
    </div>
  );
}

function isLeadLiaison(user: { roles: string[]; unitId: number | null } | null, leadUnitId: number | null): boolean {
  return !!user && user.roles.includes('liaison') && user.unitId !== null && user.unitId === leadUnitId;
}

function unitItem(command: Exclude<UnitCommand, 'request_return'>, props: FormProps, label: string, t: ReturnType<typeof useI18n>['t']): Item {
  const d = props.ticket.deadlines;
  const first = { deadline: d.firstContact, deadlineLabel: t('clock.first_contact') };
  const reply = { deadline: d.reply, deadlineLabel: t('clock.reply') };
  switch (command) {
    case 'accept':
      // Issue 15.3, 001 二.1 先行接单: the acceptance's own deadline.
      return { key: command, label, deadline: d.acceptance, deadlineLabel: t('clock.acceptance'), node: <AcceptForm {...props} /> };
    case 'record_first_contact':
      return { key: command, label, ...first, node: <FirstContactForm {...props} /> };
    case 'reply':
      return { key: command, label, ...reply, node: <ReplyForm {...props} /> };
    case 'record_facts':
      return { key: command, label, ...reply, node: <FactsForm {...props} /> };
    case 'explain_delay':
      return { key: command, label, ...reply, node: <DelayForm {...props} /> };
    case 'record_site_visit':
      return { key: command, label, ...reply, node: <SiteVisitForm {...props} /> };
    default:
      return assertUnreachable(command);
  }
}

/** The open panels: kept while they still exist, else the first one; `focus` opens its panel. */
function useOpenKeys(ticketId: number, keys: string[], focus: string | null) {
  const signature = keys.join('|');
  const [state, setState] = useState<string[]>(() => [focus && keys.includes(focus) ? focus : (keys[0] ?? '')]);
  // Adjusted while rendering when the ticket, its panels or the focus change (no effect, no extra paint).
  const [seen, setSeen] = useState({ ticketId, signature, focus });
  if (seen.ticketId !== ticketId || seen.signature !== signature || seen.focus !== focus) {
    setSeen({ ticketId, signature, focus });
    const refocus = (seen.focus !== focus || seen.ticketId !== ticketId) && focus !== null && keys.includes(focus);
    if (refocus) setState([focus]);
    else if (seen.ticketId !== ticketId || seen.signature !== signature) {
      const still = state.filter((k) => keys.includes(k));
      setState(still.length > 0 ? still : keys.slice(0, 1));
    }
  }
  return useMemo(() => ({ keys: state, set: setState }), [state]);
}
