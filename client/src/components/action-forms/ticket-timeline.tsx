/** The ticket's timeline: its event list (PRODUCT.md §3), newest first, with who did what and why. */
import { Timeline } from 'antd';
import { assertUnreachable } from '../../../../shared/errors';
import type { TimelineEventType } from '../../../../shared/events/timeline';
import type { MessageKey } from '../../../../shared/i18n';
import type { TicketDetailView, TimelineEntry } from '../../../../shared/schemas/workspaces';
import { useI18n } from '../../lib/i18n';
import type { Unit } from '../../lib/units';
import { unitNameOf } from './ticket-info';
import { fullTime } from './time';

type T = ReturnType<typeof useI18n>['t'];

/** Colour of an entry; blue unless it needs an eye. */
const COLOR: Partial<Record<TimelineEventType, string>> = {
  'ticket.return_requested': 'orange',
  'ticket.reply_sent_back': 'red',
  'ticket.urged': 'red',
  'ticket.emergency_overridden': 'red',
  'ticket.light_changed': 'gold',
  'ticket.reminded': 'gold',
  'ticket.due_recomputed': 'gold',
  'ticket.call_time_corrected': 'orange',
  'ticket.urgency_set': 'red',
  'ticket.replied': 'purple',
  'ticket.revisited': 'green',
  'ticket.reply_accepted': 'green',
  'ticket.reply_signed_off': 'green',
};

/** The entry's name: supervision events read as on the supervision page. */
export function eventLabel(type: TimelineEventType, t: T): string {
  return type.startsWith('supervision.') ? t(`sup.ev.${type.slice('supervision.'.length)}` as MessageKey) : t(`event.${type}` as MessageKey);
}

const text = (v: string | null | undefined) => (v ? [v] : []);

/** What an event says beyond its name, one short line each. */
export function eventDetails(e: TimelineEntry, units: Unit[], t: T): string[] {
  const unit = (id: number | null) => unitNameOf(units, id);
  const to = (id: number | null) => (id === null ? [] : [`→ ${unit(id)}`]);
  const decided = (approve: boolean) => t(approve ? 'form.approve' : 'form.reject');
  const due = (at: string) => t('deadline.due', { time: fullTime(at) });
  const lines = ((): string[] => {
    switch (e.type) {
      case 'ticket.registered':
      case 'ticket.accepted':
      case 'knowledge.used':
        return [];
      case 'ticket.dispatched':
        return to(e.payload.leadUnitId);
      case 'ticket.closed_on_call':
        return [
          t(`closeReason.${e.payload.reason}`),
          ...(e.payload.transferredTo ? [t('event.transferredTo', { number: e.payload.transferredTo })] : []),
          ...text(e.payload.note),
        ];
      // Issue 16.3: an emergency kept as an ordinary ticket, and why.
      case 'ticket.emergency_overridden':
        return [t('event.emergencyFlagged', { number: e.payload.number }), ...text(e.payload.reason)];
      case 'ticket.first_contacted':
        return [[fullTime(e.payload.at), t(`channel.${e.payload.channel}` as MessageKey)].join(' · '), ...text(e.payload.note)];
      case 'ticket.site_visited':
        return [fullTime(e.payload.at), ...text(e.payload.note)];
      case 'ticket.facts_recorded':
        return text(e.payload.facts);
      case 'ticket.delay_explained':
        return [...(e.payload.requestedDue ? [t('form.requestedDueValue', { time: fullTime(e.payload.requestedDue) })] : []), ...text(e.payload.reason)];
      case 'ticket.extension_granted':
        return [decided(e.payload.approve), `${t('form.newDue')}：${fullTime(e.payload.newDue)}`, ...text(e.payload.note)];
      case 'ticket.extension_refused':
      case 'ticket.return_rejected':
        return [decided(e.payload.approve), ...text(e.payload.note)];
      case 'ticket.return_requested':
        return [`${t('form.suggestedUnit')}：${unit(e.payload.suggestedUnitId)}`, ...text(e.payload.reason)];
      case 'ticket.return_approved':
        return [...to(e.payload.newLeadUnitId), decided(e.payload.approve), ...text(e.payload.note)];
      case 'ticket.designated':
        return [...to(e.payload.unitId), ...text(e.payload.note)];
      case 'ticket.replied':
        return [
          `${t('field.outcome')}：${t(`outcome.${e.payload.outcome}` as MessageKey)}`,
          ...text(e.payload.facts && `${t('field.facts')}：${e.payload.facts}`),
          ...text(e.payload.report && `${t('field.report')}：${e.payload.report}`),
        ];
      case 'ticket.revisit_attempted':
        return [t('form.attempts', { n: e.payload.attempts, max: e.payload.maxAttempts }), ...text(e.payload.note)];
      case 'ticket.revisited': {
        const r = e.payload.revisit;
        return [
          `${t('form.resolved')}：${t(r.resolved ? 'yes' : 'no')} · ${t(`satisfaction.${r.satisfaction}` as MessageKey)}`,
          ...text(r.words && `“${r.words}”`),
          ...(e.payload.outcome === 'redispatched' ? [`${t('tag.warning')} · ${t('field.round', { n: e.payload.round })}`] : []),
        ];
      }
      case 'ticket.filing_requested':
      case 'ticket.not_counted_requested':
      case 'ticket.objective_case_requested':
        return text(e.payload.reason);
      case 'ticket.filing_approved':
      case 'ticket.filing_rejected':
      case 'ticket.not_counted_approved':
      case 'ticket.not_counted_rejected':
      case 'ticket.objective_case_approved':
      case 'ticket.objective_case_rejected':
        return [decided(e.payload.approve), ...text(e.payload.note)];
      case 'ticket.reply_sent_back':
      case 'ticket.note_added':
      case 'ticket.urged':
      case 'ticket.reply_accepted':
      case 'supervision.sent_back':
      case 'supervision.closed':
        return text(e.payload.note);
      case 'ticket.reply_signed_off':
        return [t('form.signer', { name: e.payload.signer }), ...text(e.payload.note)];
      // PRODUCT.md §9: a reveal says why (page, call, print); the number itself is never in the log.
      case 'ticket.contact_revealed':
        return [t(`reveal.purpose.${e.payload.purpose}` as MessageKey)];
      case 'ticket.light_changed':
      case 'ticket.reminded':
        return [[t(`clock.${e.payload.clock}` as MessageKey), t(`light.${e.payload.light}` as MessageKey), due(e.payload.due)].join(' ')];
      case 'supervision.light_changed':
      case 'supervision.reminded':
        return [[e.payload.supervision.number, t('clock.supervision_reply'), t(`light.${e.payload.light}` as MessageKey), due(e.payload.due)].join(' ')];
      case 'ticket.urgency_set':
        return [
          `${t(e.payload.urgent ? 'urgency.on' : 'urgency.off')} · ${e.payload.previousPolicy.code} → ${e.payload.policy.code}`,
          ...text(e.payload.reason),
        ];
      case 'ticket.call_time_corrected':
        return [`${fullTime(e.payload.previousCallAt)} → ${fullTime(e.payload.callAt)}`, ...text(e.payload.reason)];
      case 'ticket.due_recomputed':
        return e.payload.clock && e.payload.due ? [[t(`clock.${e.payload.clock}` as MessageKey), due(e.payload.due)].join(' ')] : [];
      // Issue 6: a call linked to the ticket — direction, masked number, result (never the full number).
      case 'call.claimed':
      case 'call.released':
      case 'call.linked':
      case 'call.dialing':
      case 'call.called_back':
      case 'call.ringing':
      case 'call.queued':
      case 'call.answered':
      case 'call.abandoned':
      case 'call.ended':
      case 'call.updated': {
        const c = e.payload.call;
        const parts = [t(`calls.direction.${c.direction}` as MessageKey), c.citizenPhoneMasked ?? '', t(`calls.status.${c.status}` as MessageKey)];
        if (c.talkSeconds) parts.push(t('calls.timelineTalk', { n: c.talkSeconds }));
        return [parts.filter(Boolean).join(' · ')];
      }
      case 'supervision.opened':
        return [e.payload.label];
      case 'supervision.progressed':
        return [e.payload.nextNumber, ...text(e.payload.reason)];
      case 'supervision.replied':
        return [e.payload.headName];
      case 'supervision.outcome_recorded':
        return [e.payload.outcome, due(e.payload.dueAt)];
      case 'supervision.instructed':
        return [`${e.payload.leader}：${e.payload.instruction}`];
      default:
        return assertUnreachable(e);
    }
  })();
  return lines.filter((l) => l.trim() !== '');
}

export function TicketTimeline({ ticket, units }: { ticket: TicketDetailView; units: Unit[] }) {
  const { t } = useI18n();
  const events = [...ticket.events].reverse();
  return (
    <Timeline
      className="ticket-timeline"
      data-testid="ticket-timeline"
      items={events.map((e) => {
        const who = e.actorId !== null ? (ticket.actors[String(e.actorId)] ?? '') : '';
        const role = e.actorRole ? t(`role.${e.actorRole}` as MessageKey) : '';
        return {
          key: e.seq,
          color: COLOR[e.type] ?? 'blue',
          content: (
            <div className="tl-body">
              <div className="tl-head">
                <span className="tl-time">{fullTime(e.at)}</span>
                <strong className="tl-type">{eventLabel(e.type, t)}</strong>
                <span className="muted">{who || role}</span>
              </div>
              {eventDetails(e, units, t).map((line, i) => (
                <div key={i} className="pre-wrap">
                  {line}
                </div>
              ))}
            </div>
          ),
        };
      })}
    />
  );
}
