/**
 * The transfer sheet (转送单) with the fields of 002 附件2: caller, dates, address, phone,
 * number, transfer date and office, urged, priority, content, the unit's handling, feedback,
 * the reply limit (and its basis), contacted within one working day, and the outcome.
 */
import { OUTCOMES } from '../../../shared/domain';
import type { MessageKey } from '../../../shared/i18n';
import type { TicketDetailView } from '../../../shared/schemas/workspaces';
import { dateOnly, fullTime } from '../components/action-forms/time';
import { useI18n } from '../lib/i18n';
import type { Unit } from '../lib/units';
import { Check, Choices, FitToPage, unitName } from './print-parts';

export interface PolicyInfo {
  /** The reply limit of this round, e.g. 5 working days. */
  replyDays: number | null;
  dayKind: 'working' | 'natural' | null;
  name: string;
}

export function TransferSheet({ ticket, units, policy }: { ticket: TicketDetailView; units: Unit[]; policy: PolicyInfo | null }) {
  const { t } = useI18n();
  const s = ticket.detail;
  const urged = ticket.events.some((e) => e.type === 'ticket.urged');
  const fc = ticket.deadlines.firstContact;
  const toldInTime = fc ? (fc.status === 'met' ? true : fc.status === 'late' || fc.light === 'overdue' ? false : null) : null;
  const handler = [...ticket.events].reverse().find((e) => e.type === 'ticket.replied');
  const handlerName = handler?.actorId != null ? ticket.actors[String(handler.actorId)] : undefined;
  const notes = ticket.events.filter((e) => e.type === 'ticket.note_added').map((e) => `${fullTime(e.at)} ${String(e.payload.note ?? '')}`);
  const handling = [
    s.acceptedAt ? `${fullTime(s.acceptedAt)} ${t('event.ticket.accepted')}。` : '',
    s.firstContact
      ? t('print.contactedAt', { time: fullTime(s.firstContact.at), channel: t(`channel.${s.firstContact.channel}` as MessageKey), note: s.firstContact.note })
      : '',
    s.siteVisit ? t('print.visitedAt', { time: fullTime(s.siteVisit.at), note: s.siteVisit.note }) : '',
    s.facts ? `${t('field.facts')}：${s.facts}` : '',
    s.reply ? `${t('field.report')}：${s.reply.report}` : '',
    s.reply ? t('print.toldAt', { time: fullTime(s.reply.citizenToldAt) }) : '',
    handlerName ? t('print.handler', { name: handlerName }) : '',
  ].filter(Boolean);
  const limit = policy?.replyDays ? t('print.limitValue', { days: policy.replyDays, policy: policy.name }) : (policy?.name ?? '');
  return (
    <FitToPage className="transfer-sheet" testId="transfer-sheet">
      <h1 className="sheet-title">{t('print.transferTitle')}</h1>
      <p className="sheet-to">{unitName(units, ticket.leadUnitId)}：</p>
      <p className="sheet-lead">{t('print.transferLead')}</p>
      <table className="sheet-table">
        <colgroup>
          <col style={{ width: '16%' }} />
          <col style={{ width: '34%' }} />
          <col style={{ width: '16%' }} />
          <col style={{ width: '34%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th>{t('print.caller')}</th>
            <td>{ticket.contactName ?? '—'}</td>
            <th>{t('field.callAt')}</th>
            <td>{fullTime(ticket.callAt)}</td>
          </tr>
          <tr>
            <th>{t('field.address')}</th>
            <td>{ticket.address}</td>
            <th>{t('field.contactPhone')}</th>
            <td>{ticket.contactPhone ?? ticket.contactPhoneMasked ?? t('reveal.noPhone')}</td>
          </tr>
          <tr>
            <th>{t('field.number')}</th>
            <td>{ticket.number}</td>
            <th>{t('print.transferAt')}</th>
            <td>{s.dispatchedAt ? fullTime(s.dispatchedAt) : ''}</td>
          </tr>
          <tr>
            <th>{t('print.fromOffice')}</th>
            <td>{t('print.fromOfficeValue')}</td>
            <th>{t('print.docNo')}</th>
            <td>{ticket.number}</td>
          </tr>
          <tr>
            <th>{t('print.urged')}</th>
            <td>
              <Check value={urged} />
            </td>
            <th>{t('print.priority')}</th>
            <td>{s.flags.warning ? t('print.priorityWarning') : t('print.priorityNormal')}</td>
          </tr>
          <tr className="mid">
            <td colSpan={4}>
              <div className="cell-label">{t('print.content')}：</div>
              <div className="pre-wrap">{ticket.description}</div>
            </td>
          </tr>
          <tr className="tall">
            <td colSpan={4}>
              <div className="cell-label">{t('print.handling')}：</div>
              {handling.map((line, i) => (
                <div key={i} className="pre-wrap">
                  {line}
                </div>
              ))}
            </td>
          </tr>
          <tr>
            <td colSpan={4}>
              <div className="cell-label">{t('print.feedback')}：</div>
              {s.revisit && (
                <div>
                  {dateOnly(s.revisit.at)} {t('field.revisit')}：{t(`satisfaction.${s.revisit.satisfaction}` as MessageKey)}
                  {s.revisit.words ? `，“${s.revisit.words}”` : ''}
                </div>
              )}
            </td>
          </tr>
          <tr>
            <th>{t('print.limit')}</th>
            <td>
              {limit}
              {ticket.deadlines.reply && <div className="muted-print">{t('deadline.due', { time: fullTime(ticket.deadlines.reply.due) })}</div>}
            </td>
            <th>{t('print.toldInOneDay')}</th>
            <td>
              <Check value={toldInTime} />
            </td>
          </tr>
          <tr>
            <th>{t('print.solved')}</th>
            <td colSpan={3}>
              <Choices options={OUTCOMES.map((o) => ({ label: t(`outcome.${o}` as MessageKey), checked: s.reply?.outcome === o }))} />
            </td>
          </tr>
          <tr>
            <th>{t('print.remarks')}</th>
            <td colSpan={3} className="pre-wrap">
              {notes.join('\n')}
            </td>
          </tr>
        </tbody>
      </table>
    </FitToPage>
  );
}
