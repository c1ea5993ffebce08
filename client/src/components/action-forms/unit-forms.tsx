/**
 * The handling unit's actions (PRODUCT.md §3): accept, first contact, site visit, facts, closing
 * report, return, delay, the 000/002 requests and notes. Field names are the API's, so a 400
 * lands on the field it is about.
 */
import { Alert, Form, Input, Radio, Select } from 'antd';
import type { ReactNode } from 'react';
import { OUTCOMES } from '../../../../shared/domain';
import type { MessageKey } from '../../../../shared/i18n';
import { firstContactSameDay } from '../../../../shared/schemas/workspaces';
import type { TicketDetailView } from '../../../../shared/schemas/workspaces';
import type { TicketCommand } from '../../../../shared/ticket/commands';
import { CONTACT_CHANNELS } from '../../../../shared/ticket/snapshot';
import type { TCommandDraft } from '../../api/tickets';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import type { Unit } from '../../lib/units';
import { WithRule } from '../rule-hint';
import { ActionForm } from './action-form';
import { fromLocalInput, fullTime, handlingNowInput } from './time';
import { useTicketCommand } from './use-ticket';

export interface FormProps {
  ticket: TicketDetailView;
  units: Unit[];
  onDone(): void;
}

const rows = (n: number) => ({ minRows: n, maxRows: 12 });

/** A form whose values go to the command as they are (text fields only). */
function PlainCommandForm<C extends TicketCommand>({
  ticket,
  onDone,
  command,
  children,
  submitLabel,
  disabledReason,
  initialValues,
}: FormProps & {
  command: C;
  children?: React.ReactNode;
  submitLabel?: string;
  disabledReason?: ReactNode;
  initialValues?: Record<string, unknown>;
}) {
  const { t } = useI18n();
  const run = useTicketCommand();
  const label = t(`cmd.${command}` as MessageKey);
  return (
    <ActionForm<TCommandDraft<C>>
      testId={`form-${command}`}
      actionLabel={label}
      submitLabel={submitLabel ?? label}
      onDone={onDone}
      disabledReason={disabledReason ?? null}
      initialValues={initialValues}
      onSubmit={(values) => run(ticket, command, values)}
    >
      {children}
    </ActionForm>
  );
}

export function AcceptForm(props: FormProps) {
  const { t } = useI18n();
  return (
    <PlainCommandForm {...props} command="accept">
      <p className="action-hint">{t('form.acceptHint')}</p>
    </PlainCommandForm>
  );
}

/** 003 附件2 当日先联 is derived from the contact time and shown before saving. */
function SameDayPreview({ ticket }: { ticket: TicketDetailView }) {
  const { t } = useI18n();
  const at = Form.useWatch('at');
  const iso = fromLocalInput(at);
  if (!iso || Number.isNaN(new Date(iso).getTime())) return null;
  const same = firstContactSameDay({ dispatchedAt: ticket.detail.dispatchedAt, firstContact: { at: iso, channel: 'phone', note: '' } });
  return <p className="action-hint">{t('form.sameDayPreview', { value: t(same ? 'yes' : 'no') })}</p>;
}

export function FirstContactForm({ ticket, onDone }: FormProps) {
  const { t } = useI18n();
  const run = useTicketCommand();
  return (
    <ActionForm<TCommandDraft<'record_first_contact'>>
      testId="form-record_first_contact"
      actionLabel={t('cmd.record_first_contact')}
      onDone={onDone}
      initialValues={{ at: handlingNowInput(ticket.detail.dispatchedAt), channel: 'phone' }}
      onSubmit={(v) => run(ticket, 'record_first_contact', { ...v, at: fromLocalInput(v.at) })}
    >
      <Form.Item name="at" label={t('form.firstContactAt')}>
        <Input type="datetime-local" step={1} />
      </Form.Item>
      <SameDayPreview ticket={ticket} />
      <Form.Item name="channel" label={t('form.channel')}>
        <Radio.Group optionType="button" options={CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}` as MessageKey) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('form.contactNote')}>
        <Input.TextArea autoSize={rows(2)} />
      </Form.Item>
    </ActionForm>
  );
}

export function SiteVisitForm({ ticket, onDone }: FormProps) {
  const { t } = useI18n();
  const run = useTicketCommand();
  return (
    <ActionForm<TCommandDraft<'record_site_visit'>>
      testId="form-record_site_visit"
      actionLabel={t('cmd.record_site_visit')}
      onDone={onDone}
      initialValues={{ at: handlingNowInput(ticket.detail.dispatchedAt) }}
      onSubmit={(v) => run(ticket, 'record_site_visit', { ...v, at: fromLocalInput(v.at) })}
    >
      <Form.Item name="at" label={t('form.siteVisitAt')}>
        <Input type="datetime-local" step={1} />
      </Form.Item>
      <Form.Item name="note" label={t('form.siteNote')}>
        <Input.TextArea autoSize={rows(2)} />
      </Form.Item>
    </ActionForm>
  );
}

export function FactsForm(props: FormProps) {
  const { t } = useI18n();
  return (
    <PlainCommandForm {...props} command="record_facts" initialValues={{ facts: props.ticket.detail.facts ?? '' }}>
      <Form.Item name="facts" label={t('form.facts')}>
        <Input.TextArea autoSize={rows(3)} />
      </Form.Item>
    </PlainCommandForm>
  );
}

/** PRODUCT.md §3 reply: outcome (002), facts, what was done, when the citizen was told. */
export function ReplyForm({ ticket, onDone }: FormProps) {
  const { t } = useI18n();
  const run = useTicketCommand();
  return (
    <ActionForm<TCommandDraft<'reply'>>
      testId="form-reply"
      actionLabel={t('cmd.reply')}
      onDone={onDone}
      initialValues={{ facts: ticket.detail.facts ?? '', citizenToldAt: handlingNowInput(ticket.detail.dispatchedAt) }}
      onSubmit={(v) => run(ticket, 'reply', { ...v, citizenToldAt: fromLocalInput(v.citizenToldAt) })}
    >
      <Form.Item name="outcome" label={t('form.outcome')}>
        <Radio.Group className="radio-wrap" options={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}` as MessageKey) }))} />
      </Form.Item>
      <Form.Item name="facts" label={t('form.facts')}>
        <Input.TextArea autoSize={rows(2)} />
      </Form.Item>
      <Form.Item name="report" label={t('form.report')}>
        <Input.TextArea autoSize={rows(3)} />
      </Form.Item>
      <Form.Item name="citizenToldAt" label={t('form.citizenToldAt')}>
        <Input type="datetime-local" step={1} />
      </Form.Item>
    </ActionForm>
  );
}

export function UnitSelect({
  units,
  exclude = [],
  testId,
  ...rest
}: {
  units: Unit[];
  exclude?: (number | null)[];
  testId?: string;
  value?: number;
  onChange?: (v: number) => void;
}) {
  return (
    <Select<number>
      {...rest}
      data-testid={testId}
      showSearch={{ optionFilterProp: 'label' }}
      options={units.filter((u) => !exclude.includes(u.id)).map((u) => ({ value: u.id, label: u.name }))}
    />
  );
}

/**
 * Why a return cannot be asked now, if the machine or the window refuses it: the rule in plain
 * words, its source in a tooltip (issue 16.8).
 */
export function returnBlocked(ticket: TicketDetailView, t: ReturnType<typeof useI18n>['t']): ReactNode {
  const d = ticket.detail;
  if (d.pendingRequests.some((r) => r.kind === 'return')) return t('form.returnPending');
  if (d.designatedUnitId !== null) return <WithRule text={t('form.returnDesignated')} cite={[['001', '二.2']]} />;
  if (d.round > 1) return <WithRule text={t('form.returnLaterRound')} cite={[['000', '二(一)']]} />;
  const w = ticket.deadlines.returnWindow;
  if (w && !w.open) return <WithRule text={t('form.returnClosed', { time: fullTime(w.due) })} cite={[['000', '三(二)']]} />;
  if (w?.needsVerification) return <WithRule text={t('form.returnNeedsVerification')} cite={[['000', '二(一)']]} />;
  return null;
}

/** 000 三(二): within the window, with a reason and a suggested unit; refused after it. */
export function ReturnForm({ ticket, units, onDone }: FormProps) {
  const { t } = useI18n();
  const run = useTicketCommand();
  return (
    <ActionForm<TCommandDraft<'request_return'>>
      testId="form-request_return"
      actionLabel={t('cmd.request_return')}
      onDone={onDone}
      danger
      disabledReason={returnBlocked(ticket, t)}
      onSubmit={(v) => run(ticket, 'request_return', v)}
    >
      <Form.Item name="reason" label={t('form.returnReason')}>
        <Input.TextArea autoSize={rows(2)} />
      </Form.Item>
      <Form.Item name="suggestedUnitId" label={t('form.suggestedUnit')}>
        <UnitSelect units={units} exclude={[ticket.leadUnitId]} testId="return-unit" />
      </Form.Item>
    </ActionForm>
  );
}

/** PRODUCT.md §3: explain before the due time; the supervisor may grant an extension. */
export function DelayForm({ ticket, onDone }: FormProps) {
  const { t } = useI18n();
  const run = useTicketCommand();
  const due = ticket.deadlines.reply?.due;
  return (
    <ActionForm<TCommandDraft<'explain_delay'>>
      testId="form-explain_delay"
      actionLabel={t('cmd.explain_delay')}
      onDone={onDone}
      onSubmit={(v) => run(ticket, 'explain_delay', { reason: v.reason, requestedDue: fromLocalInput(v.requestedDue) })}
    >
      {due && <p className="action-hint">{t('form.delayHint', { time: fullTime(due) })}</p>}
      <Form.Item name="reason" label={t('form.delayReason')}>
        <Input.TextArea autoSize={rows(2)} />
      </Form.Item>
      <Form.Item name="requestedDue" label={t('form.requestedDue')}>
        <Input type="datetime-local" step={1} />
      </Form.Item>
    </ActionForm>
  );
}

export const OTHER_REQUESTS = ['request_filing', 'request_not_counted', 'request_objective_case'] as const;
type OtherRequest = (typeof OTHER_REQUESTS)[number];

/** The rarer requests in one place: filing (000 三(七)), not counted (002 附件3), objective case (002 附件4). */
export function OtherRequestsForm({ ticket, onDone, commands }: FormProps & { commands: OtherRequest[] }) {
  const { t } = useI18n();
  const run = useTicketCommand();
  return (
    <ActionForm<{ command: OtherRequest; reason?: string }>
      testId="form-other_requests"
      actionLabel={t('form.more')}
      onDone={onDone}
      initialValues={{ command: commands[0] }}
      onSubmit={(v) => run(ticket, v.command, { reason: v.reason })}
    >
      <Form.Item name="command" label={t('form.more')}>
        <Radio.Group className="radio-wrap" options={commands.map((c) => ({ value: c, label: t(`cmd.${c}` as MessageKey) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('form.reason')}>
        <Input.TextArea autoSize={rows(2)} />
      </Form.Item>
    </ActionForm>
  );
}

/** PRODUCT.md §3: assisting units (and the lead) add notes. */
export function NoteForm(props: FormProps) {
  const { t } = useI18n();
  return (
    <PlainCommandForm {...props} command="add_note">
      <Form.Item name="note" label={t('form.addNote')}>
        <Input.TextArea autoSize={rows(2)} />
      </Form.Item>
    </PlainCommandForm>
  );
}

/** For the unit: what it asked and is still waiting for (so nobody has to phone to ask). */
export function PendingNotice({ ticket }: { ticket: TicketDetailView }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (!user?.roles.includes('liaison')) return null;
  const kinds = ticket.detail.pendingRequests.map((r) => t(`request.${r.kind}` as MessageKey));
  if (kinds.length === 0) return null;
  return <Alert type="info" showIcon className="action-alert" title={t('form.waitingFor', { kinds: kinds.join('、') })} data-testid="pending-notice" />;
}
