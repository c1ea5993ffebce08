/**
 * One ticket, everything about it: the record and its handling, deadlines, the reply, the
 * timeline — beside the forms of what this user may do now. Used by the ticket page and inside
 * the unit, revisit and decision workspaces; read again whenever a live event touches the ticket.
 */
import { Button, Result, Space, Spin, Tag } from 'antd';
import { Link } from 'react-router';
import type { MessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import type { Unit } from '../../lib/units';
import { ActionPanel } from './action-panel';
import { LightTag } from './deadline';
import { HandlingSection, ReplyCard, RoundNotices, TicketDeadlines, TicketFields } from './ticket-info';
import { TicketRepeats } from './ticket-repeats';
import { TicketTimeline } from './ticket-timeline';
import { useTicket } from './use-ticket';
import './workspaces.css';

export interface TicketPanelProps {
  id: number;
  units: Unit[];
  /** Which action to open first (a command, or `decide:<kind>`). */
  focus?: string | null;
  /** Shown as a "back to the list" button (narrow screens). */
  onBack?: () => void;
  /** Inside a workspace: offer a link to the full ticket page. */
  embedded?: boolean;
}

export function TicketPanel({ id, units, focus, onBack, embedded }: TicketPanelProps) {
  const { t } = useI18n();
  const { ticket, error, reload } = useTicket(id);
  const { user } = useSession();
  const back = onBack && (
    <Button onClick={onBack} data-testid="back-to-list">
      ← {t('ws.back')}
    </Button>
  );
  if (error === 'not_found') return <Result status="404" title={t('ws.notFound')} extra={back} data-testid="ticket-missing" />;
  if (!ticket) return <Spin className="panel-spin" />;
  const flags = ticket.detail.flags;
  // A lead liaison always gets the actions column (the return form explains itself when closed).
  const leadLiaison = !!user?.roles.includes('liaison') && user.unitId !== null && user.unitId === ticket.leadUnitId;
  const actionable = ticket.allowedCommands.length > 0 || (leadLiaison && (ticket.state === 'dispatched' || ticket.state === 'in_progress'));
  const timeline = (
    <>
      <h4 className="section-title">{t('ws.timeline')}</h4>
      <TicketTimeline ticket={ticket} units={units} />
    </>
  );
  return (
    <div className="ticket-panel" data-testid="ticket-panel" data-ticket={ticket.number} data-state={ticket.state} data-version={ticket.version}>
      <div className="ticket-head">
        <Space wrap size={[6, 4]} className="ticket-head-left">
          {back}
          <span className="ticket-number mono" data-testid="ticket-number">
            {ticket.number}
          </span>
          <Tag color="blue" data-testid="ticket-state">
            {t(`state.${ticket.state}` as MessageKey)}
          </Tag>
          <LightTag light={ticket.light} />
          {ticket.urgent && (
            <Tag color="red" data-testid="urgent-flag">
              {t('tag.urgent')}
            </Tag>
          )}
          {ticket.round > 1 && <Tag>{t('field.round', { n: ticket.round })}</Tag>}
          {flags.warning && (
            <Tag color="volcano" data-testid="warning-flag">
              {t('tag.warning')}
            </Tag>
          )}
          {ticket.detail.designatedUnitId !== null && <Tag color="geekblue">{t('tag.designated')}</Tag>}
          {flags.notCounted && <Tag>{t('tag.notCounted')}</Tag>}
          {flags.objectiveCase && <Tag>{t('tag.objectiveCase')}</Tag>}
          {ticket.detail.archivedAs === 'unreachable' && <Tag color="default">{t('tag.unreachable')}</Tag>}
        </Space>
        <Space wrap size={[6, 4]}>
          <Link to={`/tickets/${ticket.id}/print?form=record`} target="_blank" data-testid="print-record">
            {t('ws.printRecord')}
          </Link>
          <Link to={`/tickets/${ticket.id}/print?form=transfer`} target="_blank" data-testid="print-transfer">
            {t('ws.printTransfer')}
          </Link>
          {embedded && (
            <Link to={`/tickets/${ticket.id}`} data-testid="open-ticket-page">
              {t('ws.openPage')}
            </Link>
          )}
        </Space>
      </div>
      <RoundNotices ticket={ticket} />
      <div className="ticket-grid">
        <div className="ticket-main">
          {ticket.state === 'replied' && <ReplyCard ticket={ticket} units={units} />}
          <TicketDeadlines ticket={ticket} />
          <TicketFields ticket={ticket} units={units} />
          <TicketRepeats ticket={ticket} units={units} />
          <HandlingSection ticket={ticket} />
          {actionable && timeline}
        </div>
        <div className="ticket-actions">
          {actionable ? (
            <>
              <h4 className="section-title">{t('ws.actions')}</h4>
              <ActionPanel ticket={ticket} units={units} onDone={reload} focus={focus ?? null} />
            </>
          ) : (
            // Nothing left to do here (closed, or another role's turn): the timeline takes the space.
            timeline
          )}
        </div>
      </div>
    </div>
  );
}
