import { describe, expect, it } from 'vitest';
import { firstContactStop } from './first-contact';

const d = (iso: string) => new Date(iso);

describe('first-contact clock stop, 003 第六条(一) (issue 15.6: one rule for the live clock and the report)', () => {
  it('is the recorded contact or the reply’s "citizen told", whichever is earlier', () => {
    expect(firstContactStop(null, null)).toBeNull();
    expect(firstContactStop(d('2026-11-23T15:00:00+08:00'), null)).toEqual(d('2026-11-23T15:00:00+08:00'));
    expect(firstContactStop(null, d('2026-11-24T09:00:00+08:00'))).toEqual(d('2026-11-24T09:00:00+08:00'));
    expect(firstContactStop(d('2026-11-25T09:00:00+08:00'), d('2026-11-24T09:00:00+08:00'))).toEqual(d('2026-11-24T09:00:00+08:00'));
    expect(firstContactStop(d('2026-11-23T11:00:00+08:00'), d('2026-11-24T09:00:00+08:00'))).toEqual(d('2026-11-23T11:00:00+08:00'));
  });
});
