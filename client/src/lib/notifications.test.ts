/** Who gets which live alert (issue 5), from the event alone: the rules behind the pop-ups. */
import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../../shared/i18n';
import type { LiveEvent } from '../../../shared/live/feed';
import type { TicketSummary } from '../../../shared/schemas/ticket';
import { alertFor } from './notifications';

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('zh-CN', key, vars);
const UNIT = 7;
const OTHER = 9;

function ticket(over: Partial<TicketSummary> = {}): TicketSummary {
  return {
    id: 42,
    number: 'ZX20261123-0042',
    type: 'complaint_help',
    source: 'hotline',
    state: 'dispatched',
    version: 2,
    round: 1,
    categoryCode: null,
    leadUnitId: UNIT,
    assistUnitIds: [],
    contactName: '刘先生',
    contactPhoneMasked: '138****5678',
    address: '涞坊路1111弄12号',
    description: '油烟扰民',
    confidential: false,
    callAt: '2026-11-23T02:00:00.000Z',
    createdAt: '2026-11-23T02:00:00.000Z',
    updatedAt: '2026-11-23T02:00:00.000Z',
    clockKind: 'first_contact',
    dueAt: '2026-11-24T15:59:59.999Z',
    light: 'normal',
    pending: [],
    warning: false,
    revisitAttempts: 0,
    repeatCount: 0,
    ...over,
  };
}

const event = (type: string, data: Record<string, unknown>, tk: TicketSummary = ticket()): LiveEvent<any> => ({
  seq: 1,
  type,
  at: '2026-11-23T02:00:00.000Z',
  ticketId: tk.id,
  data: { ...data, ticket: tk },
});
const liaison = { roles: ['liaison'] as const, unitId: UNIT };
const otherLiaison = { roles: ['liaison'] as const, unitId: OTHER };

describe('alertFor', () => {
  it('tells the lead unit of a dispatch, and a second round as a warning', () => {
    expect(alertFor(event('ticket.dispatched', {}), liaison, t)).toMatchObject({ level: 'info', title: '新派单 ZX20261123-0042', path: '/unit?t=42' });
    const again = event('ticket.revisited', { outcome: 'redispatched' }, ticket({ round: 2, warning: true }));
    expect(alertFor(again, liaison, t)).toMatchObject({ level: 'warning', title: '再次派单（预警）ZX20261123-0042' });
    expect(alertFor(event('ticket.return_approved', {}), liaison, t)?.title).toBe('新派单 ZX20261123-0042');
    expect(alertFor(event('ticket.dispatched', {}), otherLiaison, t)).toBeNull();
    const assisting = event('ticket.dispatched', {}, ticket({ assistUnitIds: [OTHER] }));
    expect(alertFor(assisting, otherLiaison, t)?.title).toBe('协办工单 ZX20261123-0042');
  });

  it('urges and send-backs are errors that carry the note; only the lead unit hears them', () => {
    const urged = event('ticket.urged', { note: '请今天联系市民' }, ticket({ state: 'in_progress' }));
    expect(alertFor(urged, liaison, t)).toMatchObject({ level: 'error', title: '催办 ZX20261123-0042', body: '请今天联系市民' });
    expect(alertFor(urged, otherLiaison, t)).toBeNull();
    const back = event('ticket.reply_sent_back', { note: '答非所问' }, ticket({ state: 'in_progress' }));
    expect(alertFor(back, liaison, t)).toMatchObject({ level: 'error', title: '答复被发回重填 ZX20261123-0042', body: '答非所问' });
  });

  it('a clock turning yellow or worse alerts; warning and normal do not (PRODUCT.md §4)', () => {
    const light = (l: string) => event('ticket.light_changed', { clock: 'reply', light: l, due: '2026-11-30T15:59:59.999Z' }, ticket({ state: 'in_progress' }));
    expect(alertFor(light('yellow'), liaison, t)).toMatchObject({ level: 'warning', title: 'ZX20261123-0042 答复黄灯', body: '截止 11-30 23:59' });
    expect(alertFor(light('overdue'), liaison, t)?.level).toBe('error');
    expect(alertFor(light('warning'), liaison, t)).toBeNull();
    expect(alertFor(event('ticket.reminded', { clock: 'reply', due: '2026-11-30T15:59:59.999Z' }), liaison, t)?.title).toBe('时限提醒 ZX20261123-0042');
  });

  it('tells the unit when its own request is decided', () => {
    const refused = event('ticket.return_rejected', { unitId: UNIT, note: '属于本单位职责' }, ticket({ state: 'in_progress' }));
    expect(alertFor(refused, liaison, t)).toMatchObject({ title: 'ZX20261123-0042 驳回退单', body: '属于本单位职责' });
  });

  it('the revisit caller hears of replies; the supervisor of what awaits a decision', () => {
    const replied = event('ticket.replied', {}, ticket({ state: 'replied' }));
    expect(alertFor(replied, { roles: ['revisit'], unitId: null }, t)).toMatchObject({ title: '待回访 ZX20261123-0042', path: '/revisit?t=42' });
    const asked = event('ticket.return_requested', { reason: '不属于本单位' });
    expect(alertFor(asked, { roles: ['supervisor'], unitId: null }, t)).toMatchObject({
      title: '待审核 ZX20261123-0042：退单',
      body: '不属于本单位',
      path: '/decisions?t=42',
    });
    expect(alertFor(asked, { roles: ['operator'], unitId: null }, t)).toBeNull();
  });
});
