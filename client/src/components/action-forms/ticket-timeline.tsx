/** The ticket's timeline: its event list (SPEC 3), newest first, with who did what and why. */
import { Timeline } from 'antd';
import type { MessageKey } from '../../../../shared/i18n';
import type { TicketDetailView, TimelineEntry } from '../../../../shared/schemas/workspaces';
import { useI18n } from '../../lib/i18n';
import type { Unit } from '../../lib/units';
import { unitNameOf } from './ticket-info';
import { fullTime } from './time';

type T = ReturnType<typeof useI18n>['t'];

const COLOR: Record<string, string> = {
  'ticket.return_requested': 'orange',
  'ticket.reply_sent_back': 'red',
  'ticket.urged': 'red',
  'ticket.light_changed': 'gold',
  'ticket.reminded': 'gold',
  'ticket.replied': 'purple',
  'ticket.revisited': 'green',
  'ticket.reply_accepted': 'green',
};

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** What an event says beyond its name, one short line each. */
export function eventDetails(e: TimelineEntry, units: Unit[], t: T): string[] {
  const p = e.payload;
  const lines: string[] = [];
  const unit = (id: unknown) => unitNameOf(units, num(id));
  if (e.type === 'ticket.dispatched' || e.type === 'ticket.return_approved' || e.type === 'ticket.designated') {
    const to = num(p.leadUnitId) ?? num(p.newLeadUnitId) ?? num(p.unitId);
    if (to !== null) lines.push(`→ ${unit(to)}`);
  }
  if (e.type === 'ticket.return_requested' && p.suggestedUnitId) lines.push(`${t('form.suggestedUnit')}：${unit(p.suggestedUnitId)}`);
  if (e.type === 'ticket.first_contacted' || e.type === 'ticket.site_visited') {
    const at = str(p.at);
    const channel = str(p.channel);
    lines.push([at ? fullTime(at) : null, channel ? t(`channel.${channel}` as MessageKey) : null].filter(Boolean).join(' · '));
  }
  if (e.type === 'ticket.replied') {
    if (str(p.outcome)) lines.push(`${t('field.outcome')}：${t(`outcome.${p.outcome as string}` as MessageKey)}`);
    if (str(p.facts)) lines.push(`${t('field.facts')}：${p.facts as string}`);
    if (str(p.report)) lines.push(`${t('field.report')}：${p.report as string}`);
  }
  if (e.type === 'ticket.revisited') {
    const r = (p.revisit ?? {}) as { resolved?: boolean; satisfaction?: string; words?: string };
    lines.push(`${t('form.resolved')}：${t(r.resolved ? 'yes' : 'no')} · ${r.satisfaction ? t(`satisfaction.${r.satisfaction}` as MessageKey) : ''}`);
    if (r.words) lines.push(`“${r.words}”`);
    if (p.outcome === 'redispatched') lines.push(`${t('tag.warning')} · ${t('field.round', { n: num(p.round) ?? 0 })}`);
  }
  if (e.type === 'ticket.revisit_attempted') lines.push(t('form.attempts', { n: num(p.attempts) ?? 0, max: num(p.maxAttempts) ?? 3 }));
  if (e.type === 'ticket.light_changed' || e.type === 'ticket.reminded') {
    const clock = str(p.clock);
    const light = str(p.light);
    lines.push(
      [
        clock ? t(`clock.${clock}` as MessageKey) : '',
        light ? t(`light.${light}` as MessageKey) : '',
        str(p.due) ? t('deadline.due', { time: fullTime(p.due as string) }) : '',
      ].join(' '),
    );
  }
  if (e.type === 'ticket.facts_recorded' && str(p.facts)) lines.push(p.facts as string);
  // Issue 6: a call linked to the ticket — direction, masked number, result (never the full number).
  if (e.type.startsWith('call.') && p.call && typeof p.call === 'object') {
    const c = p.call as { direction?: string; citizenPhoneMasked?: string | null; status?: string; talkSeconds?: number | null };
    const parts = [
      c.direction ? t(`calls.direction.${c.direction}` as MessageKey) : '',
      c.citizenPhoneMasked ?? '',
      c.status ? t(`calls.status.${c.status}` as MessageKey) : '',
    ];
    if (num(c.talkSeconds)) parts.push(t('calls.timelineTalk', { n: c.talkSeconds! }));
    lines.push(parts.filter(Boolean).join(' · '));
  }
  // SPEC 9: a reveal says why (page, call, print); the number itself is never in the log.
  if (e.type === 'ticket.contact_revealed' && str(p.purpose)) lines.push(t(`reveal.purpose.${p.purpose as string}` as MessageKey));
  if (typeof p.approve === 'boolean') lines.push(t(p.approve ? 'form.approve' : 'form.reject'));
  if (str(p.newDue)) lines.push(`${t('form.newDue')}：${fullTime(p.newDue as string)}`);
  if (str(p.requestedDue)) lines.push(t('form.requestedDueValue', { time: fullTime(p.requestedDue as string) }));
  for (const key of ['reason', 'note'] as const) if (str(p[key])) lines.push(p[key] as string);
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
                <strong className="tl-type">{t(`event.${e.type}` as MessageKey)}</strong>
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
