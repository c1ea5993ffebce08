/**
 * /tickets/:id/print?form=record|transfer — the printed forms, outside the console's shell.
 * The browser's print (or a PDF of it) gives one A4 page per form (print.css).
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Segmented, Spin } from 'antd';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { policiesQuery } from '../api/reference';
import { ticketDetailQuery } from '../api/tickets';
import { RevealPhone } from '../components/reveal-phone';
import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useRevealedContact } from '../lib/reveal-contact';
import { useUnits } from '../lib/units';
import { IntakeRecord } from './intake-record';
import { TransferSheet, type PolicyInfo } from './transfer-sheet';
import './print.css';

export function PrintPage() {
  const { t, locale } = useI18n();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const form = params.get('form') === 'transfer' ? 'transfer' : 'record';
  const units = useUnits();
  const read = useQuery(ticketDetailQuery(Number(id)));
  const ticket = read.data ?? null;
  const missing = read.error instanceof ApiError;
  const policies = useQuery({ ...policiesQuery, enabled: ticket !== null }).data;
  const revealed = useRevealedContact(Number(id));

  // The reply limit of the ticket's policy version and round, for the transfer sheet.
  const policy = useMemo((): PolicyInfo | null => {
    if (!ticket || !policies) return null;
    const row = policies.find((r) => r.code === ticket.policyCode && r.version === ticket.policyVersion);
    const rounds = row?.definition.clocks.reply?.rounds ?? [];
    const rule = rounds[Math.min(ticket.round, rounds.length) - 1];
    const name = (locale === 'en' ? row?.definition.name.en : row?.definition.name.zh) ?? ticket.policyCode;
    return { replyDays: rule?.limit.days ?? null, dayKind: rule?.limit.kind ?? null, name };
  }, [ticket, policies, locale]);

  if (missing) return <Result status="404" title={t('ws.notFound')} />;
  if (!ticket || units.length === 0) return <Spin fullscreen />;
  // PRODUCT.md §9: the sheets print the number masked unless the user reveals it here (logged as 'print').
  const contact = ticket.contactRevealable ? revealed : null;
  const sheet = contact ? { ...ticket, contactName: contact.contactName, contactPhone: contact.contactPhone } : ticket;
  return (
    <div className="print-page" data-testid="print-page" data-ready={policy !== null || undefined}>
      <div className="print-toolbar no-print">
        <Segmented
          value={form}
          onChange={(v) => setParams({ form: String(v) })}
          options={[
            { value: 'record', label: t('print.record') },
            { value: 'transfer', label: t('print.transfer') },
          ]}
        />
        <Button type="primary" onClick={() => window.print()} data-testid="print-button">
          {t('print.print')}
        </Button>
        {ticket.contactRevealable && !contact && <RevealPhone ticket={ticket} purpose="print" testId="print-phone" />}
        <Link to={`/tickets/${ticket.id}`}>{t('ws.openPage')}</Link>
      </div>
      {form === 'record' ? <IntakeRecord ticket={sheet} units={units} /> : <TransferSheet ticket={sheet} units={units} policy={policy} />}
    </div>
  );
}
