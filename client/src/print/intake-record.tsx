/**
 * 003 附件2 九亭镇便民服务专线工单信息记录表, on one A4 page, with the handling section filled
 * from the ticket: 当日先联 (derived), 现场查看, 事实认定, 办结汇报, 答复日期, 是否满意.
 */
import type { MessageKey } from '../../../shared/i18n';
import { firstContactSameDay, satisfiedYesNo, type TicketDetailView } from '../../../shared/schemas/workspaces';
import { siteVisited } from '../components/action-forms/ticket-info';
import { dateOnly, fullTime } from '../components/action-forms/time';
import { useI18n } from '../lib/i18n';
import type { Unit } from '../lib/units';
import { Check, FitToPage, unitName } from './print-parts';

export function IntakeRecord({ ticket, units }: { ticket: TicketDetailView; units: Unit[] }) {
  const { t } = useI18n();
  const s = ticket.detail;
  const assist = ticket.assistUnitIds.map((id) => unitName(units, id));
  const reply = s.reply;
  return (
    <FitToPage className="record-sheet" testId="intake-record">
      <h1 className="sheet-title">{t('print.recordTitle')}</h1>
      <div className="sheet-meta">
        <span>
          {t('field.number')}：<span data-field="number">{ticket.number}</span>
        </span>
        {ticket.round > 1 && <span>{t('field.round', { n: ticket.round })}</span>}
      </div>
      <table className="sheet-table">
        <colgroup>
          <col style={{ width: '8%' }} />
          <col style={{ width: '12%' }} />
          <col style={{ width: '32%' }} />
          <col style={{ width: '14%' }} />
          <col style={{ width: '34%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th colSpan={2}>{t('field.callAt')}</th>
            <td data-field="callAt">{fullTime(ticket.callAt)}</td>
            <th>{t('field.type')}</th>
            <td data-field="type">{t(`type.${ticket.type}` as MessageKey)}</td>
          </tr>
          <tr>
            <th colSpan={2}>{t('field.contactName')}</th>
            <td data-field="contactName">
              {ticket.contactName ?? '—'}
              {ticket.confidential && <span className="sheet-flag">（{t('field.confidential')}）</span>}
            </td>
            <th>{t('field.contactPhone')}</th>
            <td data-field="contactPhone">{ticket.contactPhone ?? ticket.contactPhoneMasked ?? t('reveal.noPhone')}</td>
          </tr>
          <tr>
            <th colSpan={2}>{t('field.address')}</th>
            <td colSpan={3} data-field="address">
              {ticket.address || '—'}
            </td>
          </tr>
          <tr className="tall">
            <th colSpan={2}>{t('field.description')}</th>
            <td colSpan={3} className="pre-wrap" data-field="description">
              {ticket.description}
            </td>
          </tr>
          <tr>
            <th colSpan={2}>{t('field.units')}</th>
            <td colSpan={3} data-field="units">
              {unitName(units, ticket.leadUnitId)}
              {assist.length > 0 && `（${t('field.assistUnits')}：${assist.join('、')}）`}
            </td>
          </tr>
          <tr>
            <th rowSpan={4} className="vertical">
              {t('field.handling')}
            </th>
            <th>{t('field.sameDayContact')}</th>
            <td data-field="sameDayContact">
              <Check value={firstContactSameDay(s)} />
            </td>
            <th>{t('field.siteVisit')}</th>
            <td data-field="siteVisit">
              <Check value={siteVisited(s)} />
            </td>
          </tr>
          <tr className="mid">
            <th>{t('field.facts')}</th>
            <td colSpan={3} className="pre-wrap" data-field="facts">
              {s.facts ?? ''}
            </td>
          </tr>
          <tr className="tall">
            <th>{t('field.report')}</th>
            <td colSpan={3} className="pre-wrap" data-field="report">
              {reply && (
                <>
                  【{t(`outcome.${reply.outcome}` as MessageKey)}】{reply.report}
                </>
              )}
            </td>
          </tr>
          <tr>
            <th>{t('field.replyDate')}</th>
            <td data-field="replyDate">{reply ? dateOnly(reply.citizenToldAt) : ''}</td>
            <th>{t('field.satisfied')}</th>
            <td data-field="satisfied">
              <Check value={satisfiedYesNo(s.revisit?.satisfaction)} />
              {s.revisit && <span className="sheet-flag">（{t(`satisfaction.${s.revisit.satisfaction}` as MessageKey)}）</span>}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="sheet-note">{t('print.recordNote')}</p>
    </FitToPage>
  );
}
