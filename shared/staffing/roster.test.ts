import { describe, expect, it } from 'vitest';
import { gaps, nextHandoverAt, staffedPerSlot } from './roster';

describe('staffed per half-hour', () => {
  const shifts = [
    { id: 1, startMinute: 8 * 60, durationMinutes: 8 * 60 }, // 早班 08:00–16:00
    { id: 2, startMinute: 16 * 60, durationMinutes: 8 * 60 }, // 中班 16:00–24:00
    { id: 3, startMinute: 22 * 60, durationMinutes: 10 * 60 }, // 夜班 22:00–08:00 next day
  ];
  it('counts each operator on a shift covering the half-hour, night shifts from the evening before', () => {
    const a = [
      { date: '2026-12-04', shiftId: 1, userId: 10 },
      { date: '2026-12-04', shiftId: 1, userId: 11 },
      { date: '2026-12-04', shiftId: 2, userId: 12 },
      { date: '2026-12-03', shiftId: 3, userId: 13 },
      { date: '2026-12-04', shiftId: 3, userId: 99 }, // a supervisor: not counted as an operator
    ];
    const staffed = staffedPerSlot('2026-12-04', shifts, a, new Set([10, 11, 12, 13]));
    expect(staffed[0]).toBe(1); // 00:00 the night shift of the 3rd
    expect(staffed[15]).toBe(1); // 07:30
    expect(staffed[16]).toBe(2); // 08:00
    expect(staffed[31]).toBe(2); // 15:30
    expect(staffed[32]).toBe(1); // 16:00
    expect(staffed[47]).toBe(1);
    expect(gaps(staffed, new Array(48).fill(2))).toEqual([...Array.from({ length: 16 }, (_, i) => i), ...Array.from({ length: 16 }, (_, i) => 32 + i)]);
  });
});

describe('the next handover', () => {
  const dayStart = (d: number) => Date.parse('2026-12-04T00:00:00+08:00') + d * 86_400_000;
  const three = [
    { id: 1, startMinute: 0, durationMinutes: 480 },
    { id: 2, startMinute: 480, durationMinutes: 480 },
    { id: 3, startMinute: 960, durationMinutes: 480 },
  ];
  it('is the end of the next shift: written at 15:40 (this handover 16:00) → 24:00', () => {
    expect(nextHandoverAt(new Date('2026-12-04T15:40:00+08:00'), three, dayStart).toISOString()).toBe(new Date('2026-12-05T00:00:00+08:00').toISOString());
    expect(nextHandoverAt(new Date('2026-12-04T16:10:00+08:00'), three, dayStart).toISOString()).toBe(new Date('2026-12-05T00:00:00+08:00').toISOString());
  });
  it('is 8 hours on with no shifts', () => {
    expect(nextHandoverAt(new Date('2026-12-04T15:40:00+08:00'), [], dayStart).toISOString()).toBe(new Date('2026-12-04T23:40:00+08:00').toISOString());
  });
});
