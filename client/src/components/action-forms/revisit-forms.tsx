/**
 * The revisit caller's actions (PRODUCT.md §3 revisit): call the citizen, record an unreachable
 * attempt (archived as unreachable after 3 at different times), or the outcome — resolved,
 * satisfaction, the citizen's words — which archives the ticket or dispatches it again.
 */
import { Alert, App, Button, Form, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { SATISFACTIONS } from '../../../../shared/domain';
import type { MessageKey } from '../../../../shared/i18n';
import { revisitSucceeded } from '../../../../shared/ticket/rules';
import type { TCommandDraft } from '../../api/tickets';
import { useClickToCall } from '../../lib/click-to-call';
import { errorText } from '../../lib/error-text';
import { useI18n } from '../../lib/i18n';
import { useRevealContact, useRevealedContact } from '../../lib/reveal-contact';
import { RevealPhone } from '../reveal-phone';
import { ActionForm } from './action-form';
import { shortTime } from './time';
import type { FormProps } from './unit-forms';
import { useTicketCommand } from './use-ticket';

/** Click to call (PRODUCT.md §8 outbound): the call is placed by the telephony module and linked to the ticket; in Twilio mode the revisit caller answers on this page's softphone. */
export function CallCitizen({ ticket }: Pick<FormProps, 'ticket'>) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const contact = useRevealedContact(ticket.id);
  const revealContact = useRevealContact();
  const phone = useClickToCall((m) => void message.warning(m));
  if (!ticket.contactRevealable) return null;
  // Issue 19 item 2: an Open311 filing without a number: nobody to call; one attempt records it and archives it as unreachable.
  if (ticket.contactPhoneMasked === null) return <Alert type="warning" showIcon title={t('revisit.noPhone')} data-testid="revisit-no-phone" />;
  const call = async () => {
    setBusy(true);
    try {
      // PRODUCT.md §9: the click that starts the call reveals the number (logged), unless already shown.
      const shown = contact ?? (await revealContact(ticket.id, 'call'));
      await phone.call(ticket.id);
      message.info(t('form.calling', { phone: shown.contactPhone ?? '' }));
    } catch (e) {
      message.error(errorText(locale, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space className="call-citizen" wrap>
      <RevealPhone ticket={ticket} testId="citizen-phone" />
      {phone.active ? (
        <Button danger onClick={phone.hangup} data-testid="call-citizen-hangup">
          {t('calls.hangup')}
        </Button>
      ) : (
        <Button onClick={() => void call()} loading={busy} data-testid="call-citizen">
          {t('form.callCitizen')}
        </Button>
      )}
    </Space>
  );
}

export function RevisitAttemptForm({ ticket, onDone }: FormProps) {
  const { t } = useI18n();
  const run = useTicketCommand();
  const attempts = ticket.detail.revisitAttempts;
  const { max, minGapMinutes } = ticket.deadlines.revisitAttempts;
  return (
    <ActionForm<TCommandDraft<'record_revisit_attempt'>>
      testId="form-record_revisit_attempt"
      actionLabel={t('cmd.record_revisit_attempt')}
      onDone={onDone}
      onSubmit={(v) => run(ticket, 'record_revisit_attempt', { reached: false, note: v.note })}
    >
      <p className="action-hint" data-testid="attempt-count">
        {t('form.attempts', { n: attempts.length, max })} · {t('form.attemptsHint', { max, minutes: minGapMinutes })}
      </p>
      {attempts.length > 0 && (
        <ol className="attempt-list">
          {attempts.map((a) => (
            <li key={a.at}>
              {shortTime(a.at)} {a.note}
            </li>
          ))}
        </ol>
      )}
      <Form.Item name="note" label={t('form.attemptNote')}>
        <Input />
      </Form.Item>
    </ActionForm>
  );
}

/** Shows, before saving, what the outcome will do: archive, or a new round with the warning flag. */
function OutcomePreview({ ticket, unitName }: { ticket: FormProps['ticket']; unitName: string }) {
  const { t } = useI18n();
  const resolved = Form.useWatch('resolved') as boolean | undefined;
  const satisfaction = Form.useWatch('satisfaction') as (typeof SATISFACTIONS)[number] | undefined;
  if (resolved === undefined || satisfaction === undefined) return null;
  const ok = revisitSucceeded(resolved, satisfaction);
  return ok ? (
    <Alert className="action-alert" type="success" showIcon title={t('form.archiveHint')} data-testid="revisit-preview" />
  ) : (
    <Alert
      className="action-alert"
      type="warning"
      showIcon
      title={t('form.redispatchWarning', { unit: unitName, round: ticket.round + 1 })}
      data-testid="revisit-preview"
    />
  );
}

export function RevisitOutcomeForm({ ticket, units, onDone }: FormProps) {
  const { t } = useI18n();
  const run = useTicketCommand();
  const unitName = units.find((u) => u.id === ticket.leadUnitId)?.name ?? '';
  return (
    <ActionForm<TCommandDraft<'record_revisit'>>
      testId="form-record_revisit"
      actionLabel={t('cmd.record_revisit')}
      onDone={onDone}
      onSubmit={(v) => run(ticket, 'record_revisit', v)}
    >
      <Form.Item name="resolved" label={t('form.resolved')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: true, label: t('yes') },
            { value: false, label: t('no') },
          ]}
        />
      </Form.Item>
      <Form.Item name="satisfaction" label={t('form.satisfaction')}>
        <Radio.Group optionType="button" options={SATISFACTIONS.map((s) => ({ value: s, label: t(`satisfaction.${s}` as MessageKey) }))} />
      </Form.Item>
      <Form.Item name="words" label={t('form.words')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <OutcomePreview ticket={ticket} unitName={unitName} />
    </ActionForm>
  );
}
