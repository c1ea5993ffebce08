import { describe, expect, it } from 'vitest';

import { ZCalendarOverrideSchema, ZIsoDateSchema } from './schemas';

describe('ZCalendarOverrideSchema', () => {
  it('accepts a supervisor override of a real date', () => {
    const override = { date: '2027-02-08', working: false, note: '2027 春节' };
    expect(ZCalendarOverrideSchema.parse(override)).toEqual(override);
  });

  it('rejects impossible or badly written dates and a missing working flag', () => {
    expect(ZIsoDateSchema.safeParse('2027-02-29').success).toBe(false);
    expect(ZIsoDateSchema.safeParse('2027/02/08').success).toBe(false);
    expect(ZCalendarOverrideSchema.safeParse({ date: '2027-02-08' }).success).toBe(false);
  });
});
