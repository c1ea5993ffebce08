/**
 * PRODUCT.md §9: the caller's number, masked until the user asks for it. "显示号码" reveals it
 * through the server, which logs who saw it; then it is a tel: link. Users who may not contact
 * the caller see only the masked number, without a button. A ticket filed without a number (Open311,
 * issue 19 item 2) says 未留电话, with nothing to reveal.
 */
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import type { TRevealContactInput } from '../../../shared/schemas/contact';
import type { TicketDetailView } from '../../../shared/schemas/workspaces';
import { errorText } from '../lib/error-text';
import { useI18n } from '../lib/i18n';
import { useRevealContact, useRevealedContact } from '../lib/reveal-contact';

export interface RevealPhoneProps {
  ticket: Pick<TicketDetailView, 'id' | 'contactPhoneMasked' | 'contactRevealable'>;
  /** Recorded with the reveal (view, call, print). */
  purpose?: TRevealContactInput['purpose'];
  /** The number's test id; the button's is `<testId>-reveal`. */
  testId?: string;
}

export function RevealPhone({ ticket, purpose = 'view', testId = 'ticket-phone' }: RevealPhoneProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const contact = useRevealedContact(ticket.id);
  const revealContact = useRevealContact();
  const [busy, setBusy] = useState(false);
  if (ticket.contactPhoneMasked === null) {
    return (
      <span className="muted no-phone" data-testid={testId}>
        {t('reveal.noPhone')}
      </span>
    );
  }
  if (contact?.contactPhone && ticket.contactRevealable) {
    return (
      <a href={`tel:${contact.contactPhone}`} className="phone-link" data-testid={testId}>
        {contact.contactPhone}
      </a>
    );
  }
  const reveal = async () => {
    setBusy(true);
    try {
      await revealContact(ticket.id, purpose);
    } catch (e) {
      message.error(errorText(locale, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="reveal-phone">
      <span className="mono masked-phone" data-testid={testId} aria-label={t('reveal.masked')}>
        {ticket.contactPhoneMasked}
      </span>
      {ticket.contactRevealable && (
        <Tooltip title={t('reveal.hint')}>
          <Button size="small" loading={busy} onClick={() => void reveal()} data-testid={`${testId}-reveal`}>
            {t('reveal.show')}
          </Button>
        </Tooltip>
      )}
    </span>
  );
}
