/**
 * The intake record (PRODUCT.md §2) with its handling section, the deadlines and the reply, as the
 * ticket page and the workspaces show them. Phone numbers only when the server revealed them.
 */
import { Alert, Descriptions, Space, Tag } from 'antd';
import type { MessageKey } from '../../../../shared/i18n';
import { firstContactSameDay, satisfiedYesNo, type TicketDetailView } from '../../../../shared/schemas/workspaces';
import { useI18n } from '../../lib/i18n';
import { useRevealedContact } from '../../lib/reveal-contact';
import type { Unit } from '../../lib/units';
import { ClickToCallButton } from '../click-to-call-button';
import { RevealPhone } from '../reveal-phone';
import { CallTimeValue } from './call-time-edit';
import { DeadlineLine, ReturnWindowLine } from './deadline';
import { fullTime } from './time';
import { UrgencyValue } from './urgency-edit';

/** 003 附件2 现场查看: yes once visited; no only when the unit replied without a visit. */
export const siteVisited = (s: TicketDetailView['detail']): boolean | null => (s.siteVisit !== null ? true : s.reply ? false : null);

export const unitNameOf = (units: Unit[], id: number | null | undefined) => (id == null ? '—' : (units.find((u) => u.id === id)?.name ?? `#${id}`));

/**
 * Who sees the call button beside the number: those the server lets call (contactRevealable is
 * its canSeeContact: line staff and the lead unit's liaison). Not while the revisit form is open:
 * its own button (revisit-forms.tsx) reveals and calls in one click. Nobody, when no number was given.
 */
export const canClickToCall = (ticket: TicketDetailView): boolean =>
  ticket.contactRevealable &&
  ticket.contactPhoneMasked !== null &&
  !ticket.allowedCommands.some((c) => c === 'record_revisit' || c === 'record_revisit_attempt');

function YesNo({ value }: { value: boolean | null }) {
  const { t } = useI18n();
  if (value === null) return <span className="muted">—</span>;
  return <Tag color={value ? 'green' : 'red'}>{t(value ? 'yes' : 'no')}</Tag>;
}

/** A reveal is logged on the ticket's timeline: revealing reads the ticket again (client/src/api/tickets.ts). */
export function TicketFields({ ticket, units }: { ticket: TicketDetailView; units: Unit[] }) {
  const { t } = useI18n();
  // PRODUCT.md §9: name (when confidential) and number only once revealed, which the server logs.
  const revealed = useRevealedContact(ticket.id);
  const contact = ticket.contactRevealable ? revealed : null;
  const assist = ticket.assistUnitIds.map((id) => unitNameOf(units, id)).join('、');
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      className="ticket-fields"
      data-testid="ticket-fields"
      items={[
        { key: 'callAt', label: t('field.callAt'), children: <CallTimeValue ticket={ticket} /> },
        { key: 'type', label: t('field.type'), children: t(`type.${ticket.type}` as MessageKey) },
        {
          key: 'contact',
          label: t('field.contactName'),
          children: (
            <>
              {contact?.contactName ?? ticket.contactName ?? '—'} {ticket.confidential && <Tag color="orange">{t('field.confidential')}</Tag>}
            </>
          ),
        },
        {
          key: 'phone',
          label: t('field.contactPhone'),
          children: (
            <Space size={8} wrap>
              <RevealPhone ticket={ticket} />
              {/* PRODUCT.md §8 click to call; the server looks the number up from the ticket (issue 6). */}
              {canClickToCall(ticket) && <ClickToCallButton ticketId={ticket.id} />}
            </Space>
          ),
        },
        { key: 'address', label: t('field.address'), children: ticket.address },
        { key: 'description', label: t('field.description'), children: <div className="pre-wrap">{ticket.description}</div> },
        // Issue 16.8: the category the unit was chosen by (the dispatch rule table, PRODUCT.md §5).
        {
          key: 'category',
          label: t('field.category'),
          children: <span data-testid="ticket-category">{ticket.categoryCode ? t(`category.${ticket.categoryCode}` as MessageKey) : '—'}</span>,
        },
        {
          key: 'units',
          label: t('field.units'),
          children: (
            <>
              <span data-testid="lead-unit">{unitNameOf(units, ticket.leadUnitId)}</span>
              {assist && (
                <span className="muted">
                  （{t('field.assistUnits')}：{assist}）
                </span>
              )}
            </>
          ),
        },
        { key: 'urgent', label: t('field.urgent'), children: <UrgencyValue ticket={ticket} /> },
        ...(ticket.detail.dispatchedAt ? [{ key: 'dispatchedAt', label: t('field.dispatchedAt'), children: fullTime(ticket.detail.dispatchedAt) }] : []),
      ]}
    />
  );
}

export function TicketDeadlines({ ticket }: { ticket: TicketDetailView }) {
  const { t } = useI18n();
  const d = ticket.deadlines;
  if (!d.dispatch && !d.acceptance && !d.firstContact && !d.reply && !d.revisit && !d.returnWindow) return null;
  return (
    <div className="ticket-deadlines" data-testid="ticket-deadlines">
      {/* Issue 15.3: the centre's dispatch (000 三(一)) and the unit's acceptance (001 二.1). */}
      <DeadlineLine label={t('clock.dispatch')} deadline={d.dispatch} testId="deadline-dispatch" />
      <DeadlineLine label={t('clock.acceptance')} deadline={d.acceptance} testId="deadline-acceptance" />
      {d.returnWindow && <ReturnWindowLine window={d.returnWindow} testId="deadline-return_window" />}
      <DeadlineLine label={t('clock.first_contact')} deadline={d.firstContact} testId="deadline-first_contact" />
      <DeadlineLine label={t('clock.reply')} deadline={d.reply} testId="deadline-reply" />
      <DeadlineLine label={t('clock.revisit')} deadline={d.revisit} testId="deadline-revisit" />
    </div>
  );
}

/** 003 附件2 处置: 当日先联, 现场查看, 事实认定, 办结汇报, 答复日期, 是否满意. */
export function HandlingSection({ ticket }: { ticket: TicketDetailView }) {
  const { t } = useI18n();
  const s = ticket.detail;
  const contact = s.firstContact;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      className="ticket-fields"
      title={t('field.handling')}
      data-testid="handling-section"
      items={[
        {
          key: 'sameDay',
          label: t('field.sameDayContact'),
          children: (
            <>
              <YesNo value={firstContactSameDay(s)} />
              {contact && (
                <span className="muted">
                  {fullTime(contact.at)} · {t(`channel.${contact.channel}` as MessageKey)} · {contact.note}
                </span>
              )}
            </>
          ),
        },
        {
          key: 'site',
          label: t('field.siteVisit'),
          children: (
            <>
              <YesNo value={siteVisited(s)} />
              {s.siteVisit && (
                <span className="muted">
                  {fullTime(s.siteVisit.at)} · {s.siteVisit.note}
                </span>
              )}
            </>
          ),
        },
        { key: 'facts', label: t('field.facts'), children: <div className="pre-wrap">{s.facts ?? '—'}</div> },
        {
          key: 'report',
          label: t('field.report'),
          children: s.reply ? (
            <div className="pre-wrap">
              <Tag color="purple">{t(`outcome.${s.reply.outcome}` as MessageKey)}</Tag>
              {s.reply.report}
            </div>
          ) : (
            '—'
          ),
        },
        { key: 'replyDate', label: t('field.replyDate'), children: s.reply ? fullTime(s.reply.citizenToldAt) : '—' },
        {
          key: 'satisfied',
          label: t('field.satisfied'),
          children: (
            <>
              <YesNo value={satisfiedYesNo(s.revisit?.satisfaction)} />
              {s.revisit && (
                <span className="muted">
                  {t(`satisfaction.${s.revisit.satisfaction}` as MessageKey)}
                  {s.revisit.words ? ` · “${s.revisit.words}”` : ''}
                </span>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

/** The unit's closing report, prominent for the revisit caller and the reviewing supervisor. */
export function ReplyCard({ ticket, units }: { ticket: TicketDetailView; units: Unit[] }) {
  const { t } = useI18n();
  const r = ticket.detail.reply;
  if (!r) return null;
  return (
    <div className="reply-card" data-testid="reply-card">
      <div className="reply-head">
        <strong>{t('ws.reply')}</strong>
        <Tag color="purple">{t(`outcome.${r.outcome}` as MessageKey)}</Tag>
        <span className="muted">
          {unitNameOf(units, r.unitId)} · {fullTime(r.at)}
        </span>
      </div>
      <div className="reply-row">
        <span className="reply-label">{t('field.facts')}</span>
        <span className="pre-wrap">{r.facts}</span>
      </div>
      <div className="reply-row">
        <span className="reply-label">{t('field.report')}</span>
        <span className="pre-wrap">{r.report}</span>
      </div>
      <div className="reply-row">
        <span className="reply-label">{t('form.citizenToldAt')}</span>
        <span>{fullTime(r.citizenToldAt)}</span>
      </div>
    </div>
  );
}

/**
 * What a unit must see first: why the ticket came back — a dissatisfied revisit (001 二.1
 * 再次处置) or a reply sent back as vague (000 三(五)).
 */
export function RoundNotices({ ticket }: { ticket: TicketDetailView }) {
  const { t } = useI18n();
  const last = [...ticket.events]
    .reverse()
    .find((e) => e.type === 'ticket.revisited' || e.type === 'ticket.reply_sent_back' || e.type === 'ticket.replied' || e.type === 'ticket.dispatched');
  if (!last) return null;
  if (last.type === 'ticket.revisited' && last.payload.outcome === 'redispatched' && ticket.state !== 'replied') {
    const r = (last.payload.revisit ?? {}) as { resolved?: boolean; satisfaction?: string; words?: string };
    return (
      <Alert
        className="action-alert"
        type="warning"
        showIcon
        data-testid="round-notice"
        title={t('ws.previousRound', {
          round: ticket.round,
          resolved: t(r.resolved ? 'ws.resolvedYes' : 'ws.resolvedNo'),
          satisfaction: r.satisfaction ? t(`satisfaction.${r.satisfaction}` as MessageKey) : '',
        })}
        description={r.words ? `“${r.words}”（${fullTime(last.at)}）` : fullTime(last.at)}
      />
    );
  }
  if (last.type === 'ticket.reply_sent_back' && ticket.state === 'in_progress') {
    return (
      <Alert
        className="action-alert"
        type="error"
        showIcon
        data-testid="round-notice"
        title={t('ws.sentBack', { time: fullTime(last.at) })}
        description={String(last.payload.note ?? '')}
      />
    );
  }
  return null;
}
