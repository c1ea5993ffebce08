/**
 * Issue 16: records kept without an address (a consultation answered on the call, an emergency
 * handed to 119) are counted as 未填地址, not as an address the list failed to read, and are never
 * repeats of one another by place. Issue 19 item 2: nor are Open311 filings without a phone repeats
 * of one another by phone.
 */
import { describe, expect, it } from 'vitest';
import { boundsOf } from '../../shared/reports/period';
import { communityKey, repeatsIn, unitLabel, type ReportTicket } from './figures';

const ticket = (id: number, patch: Partial<ReportTicket>): ReportTicket =>
  ({
    id,
    number: `ZX20261105-000${id}`,
    source: 'hotline',
    type: 'complaint_help',
    categoryCode: 'noise',
    state: 'closed_on_call',
    callAt: new Date(`2026-11-05T0${id}:00:00+08:00`),
    address: '',
    description: '家里着火了',
    contactPhone: `1380013800${id}`,
    communityUnitId: null,
    excluded: false,
    ...patch,
  }) as ReportTicket;

describe('reports and records without an address', () => {
  it('counts them as 未填地址, apart from addresses the list could not read', () => {
    const label = unitLabel(new Map());
    expect(communityKey(ticket(1, {}))).toBe('no_address');
    expect(label('no_address')).toBe('未填地址');
    expect(communityKey(ticket(2, { address: '火星路1号' }))).toBe('unresolved');
    expect(label('unresolved')).toBe('地址未能识别');
    expect(communityKey(ticket(3, { address: '涞坊路1111弄', communityUnitId: 7 }))).toBe('7');
  });

  it('never links two of them as the same place', () => {
    const rows = repeatsIn([ticket(1, {}), ticket(2, {}), ticket(3, { address: '  ' })], boundsOf({ from: '2026-11-01', to: '2026-11-30' }));
    expect(rows).toEqual([]);
  });

  it('never links two filings without a phone as the same phone, and lists a repeat of one as 未留电话 (null)', () => {
    const bounds = boundsOf({ from: '2026-11-01', to: '2026-11-30' });
    const noPhone = (id: number, address: string) =>
      ticket(id, { source: 'open311', contactPhone: null, address, categoryCode: id === 1 ? 'noise' : 'parking' });
    expect(repeatsIn([noPhone(1, '涞坊路1111弄'), noPhone(2, '涞坊路1111弄')], bounds)).toEqual([]);
    // Still a repeat by place: same address and category.
    const rows = repeatsIn([noPhone(1, '涞坊路1111弄'), { ...noPhone(3, '涞坊路1111弄'), categoryCode: 'noise' }], bounds);
    expect(rows).toMatchObject([{ ticketNumber: 'ZX20261105-0003', phoneMasked: null, reasons: ['same_place'] }]);
  });
});
