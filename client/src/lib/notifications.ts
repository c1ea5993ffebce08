/**
 * Live alerts (issue 5): a liaison hears when a ticket is dispatched to the unit, urged, sent
 * back, when a clock turns yellow (or worse) and when a request is decided; a revisit caller
 * when a reply arrives; a supervisor when something awaits a decision. In the page always; as
 * a browser Notification too when permitted and the page is not in front.
 */
import { App } from 'antd';
import { createElement, useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Role } from '../../../shared/domain';
import type { MessageKey } from '../../../shared/i18n';
import type { LiveEvent } from '../../../shared/live/feed';
import type { TicketSummary } from '../../../shared/schemas/ticket';
import { shortTime } from '../components/action-forms/time';
import { useI18n } from './i18n';
import { useLiveEvent } from './live/hooks';
import { useSession } from './session';

export interface LiveAlert {
  level: 'info' | 'warning' | 'error';
  title: string;
  body: string;
  ticketId: number;
  /** Where "view" leads. */
  path: string;
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
type Payload = Record<string, unknown> & { ticket?: TicketSummary };

/** Events that hand the ticket (again) to its lead unit. */
const HANDED_OVER = new Set(['ticket.dispatched', 'ticket.return_approved', 'ticket.designated', 'ticket.revisited']);
/** 000 三(二)/(七), 002: a supervisor decided one of the unit's requests. */
const DECIDED = new Set([
  'ticket.return_rejected',
  'ticket.extension_granted',
  'ticket.extension_refused',
  'ticket.filing_approved',
  'ticket.filing_rejected',
  'ticket.not_counted_approved',
  'ticket.not_counted_rejected',
  'ticket.objective_case_approved',
  'ticket.objective_case_rejected',
]);
const TO_DECIDE: Record<string, MessageKey> = {
  'ticket.return_requested': 'request.return',
  'ticket.delay_explained': 'request.extension',
  'ticket.filing_requested': 'request.filing',
  'ticket.not_counted_requested': 'request.not_counted',
  'ticket.objective_case_requested': 'request.objective_case',
  'ticket.replied': 'request.reply',
};
/** PRODUCT.md §4: a reminder goes out when a clock turns yellow; red and overdue are louder still. */
const ALERT_LIGHTS = new Set(['yellow', 'red', 'overdue']);

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The alert an event deserves for this user, or null. Pure, so it is tested without a browser. */
export function alertFor(e: LiveEvent<Payload>, user: { roles: readonly Role[]; unitId: number | null }, t: T): LiveAlert | null {
  const ticket = e.data?.ticket;
  if (!ticket) return null;
  const p = e.data;
  const number = ticket.number;
  if (user.roles.includes('liaison') && user.unitId !== null) {
    const a = liaisonAlert(e.type, p, ticket, user.unitId, t);
    if (a) return { ...a, ticketId: ticket.id, path: `/unit?t=${ticket.id}` };
  }
  if (user.roles.includes('revisit')) {
    const path = `/revisit?t=${ticket.id}`;
    if (e.type === 'ticket.replied') return { level: 'info', title: t('alert.toRevisit', { number }), body: ticket.address, ticketId: ticket.id, path };
    if (e.type === 'ticket.light_changed' && p.clock === 'revisit' && ALERT_LIGHTS.has(text(p.light))) {
      return {
        level: 'warning',
        title: t('alert.light', { number, clock: t('clock.revisit'), light: t(`light.${text(p.light)}` as MessageKey) }),
        body: ticket.address,
        ticketId: ticket.id,
        path,
      };
    }
  }
  const toDecide = TO_DECIDE[e.type];
  if (user.roles.includes('supervisor') && toDecide) {
    return {
      level: 'info',
      title: t('alert.toDecide', { number, what: t(toDecide) }),
      body: text(p.reason) || ticket.address,
      ticketId: ticket.id,
      path: `/decisions?t=${ticket.id}`,
    };
  }
  return null;
}

function liaisonAlert(type: string, p: Payload, ticket: TicketSummary, unitId: number, t: T): Omit<LiveAlert, 'ticketId' | 'path'> | null {
  const number = ticket.number;
  const lead = ticket.leadUnitId === unitId;
  if (HANDED_OVER.has(type) && ticket.state === 'dispatched') {
    if (lead) {
      const again = ticket.round > 1 && type === 'ticket.revisited';
      return {
        level: again ? 'warning' : 'info',
        title: t(again ? 'alert.redispatched' : 'alert.dispatched', { number }),
        body: `${ticket.address} · ${ticket.description}`,
      };
    }
    if (type === 'ticket.dispatched' && ticket.assistUnitIds.includes(unitId)) {
      return { level: 'info', title: t('alert.assist', { number }), body: ticket.address };
    }
    return null;
  }
  if (!lead) return null;
  switch (type) {
    case 'ticket.urged':
      return { level: 'error', title: t('alert.urged', { number }), body: text(p.note) };
    case 'ticket.reply_sent_back':
      return { level: 'error', title: t('alert.sentBack', { number }), body: text(p.note) };
    case 'ticket.light_changed': {
      const light = text(p.light);
      if (!ALERT_LIGHTS.has(light)) return null;
      const clock = t(`clock.${text(p.clock)}` as MessageKey);
      return {
        level: light === 'yellow' ? 'warning' : 'error',
        title: t('alert.light', { number, clock, light: t(`light.${light}` as MessageKey) }),
        body: dueText(p, t),
      };
    }
    case 'ticket.reminded':
      return { level: 'warning', title: t('alert.reminded', { number }), body: dueText(p, t) };
    default:
      if (DECIDED.has(type) && p.unitId === unitId) {
        return { level: 'info', title: t('alert.decided', { number, what: t(`event.${type}` as MessageKey) }), body: text(p.note) };
      }
      return null;
  }
}

function dueText(p: Payload, t: T): string {
  const due = text(p.due);
  if (!due) return '';
  return t('alert.dueAt', { time: shortTime(due) });
}

export type DesktopPermission = NotificationPermission | 'unsupported';

const desktopPermission = (): DesktopPermission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/** Shows alerts for the tab's live events while the screen is open (one screen at a time calls it). */
export function useLiveAlerts() {
  const { notification } = App.useApp();
  const { user } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [desktop, setDesktop] = useState<DesktopPermission>(desktopPermission);

  const onEvent = useCallback(
    (e: LiveEvent<Payload>) => {
      if (!user) return;
      const alert = alertFor(e, user, t);
      if (!alert) return;
      const key = `alert-${e.seq}`;
      notification.open({
        key,
        type: alert.level === 'info' ? 'info' : alert.level,
        title: alert.title,
        description: alert.body,
        // Bottom left: over the least urgent end of the queue, never over the forms or the header.
        placement: 'bottomLeft',
        // Urges and send-backs stay until read; the rest fade.
        duration: alert.level === 'error' ? 0 : 8,
        className: `live-alert live-alert-${alert.level}`,
        actions: createElement(
          'a',
          {
            onClick: () => {
              notification.destroy(key);
              void navigate(alert.path);
            },
            'data-testid': 'alert-view',
          },
          t('ws.view'),
        ),
      });
      if (desktopPermission() === 'granted' && (document.hidden || !document.hasFocus())) {
        const n = new Notification(alert.title, { body: alert.body, tag: key });
        n.onclick = () => {
          window.focus();
          void navigate(alert.path);
        };
      }
    },
    [user, t, notification, navigate],
  );
  useLiveEvent((e) => onEvent(e as LiveEvent<Payload>));

  const enableDesktop = useCallback(() => {
    if (typeof Notification === 'undefined') return;
    void Notification.requestPermission().then((p) => setDesktop(p));
  }, []);

  return { onEvent, desktop, enableDesktop };
}
