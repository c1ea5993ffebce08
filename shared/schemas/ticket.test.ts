import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone, ZPhoneSchema } from './ticket';

describe('phone numbers', () => {
  it.each([
    ['+86 139-1111-0001', '13911110001'],
    ['0086 13911110001', '13911110001'],
    ['１３９１１１１０００１', '13911110001'],
    ['(021) 6211-2345', '02162112345'],
  ])('normalises %s', (raw, want) => {
    expect(normalizePhone(raw)).toBe(want);
    expect(ZPhoneSchema.safeParse(raw).success).toBe(true);
  });

  it('refuses what cannot be dialled', () => {
    for (const bad of ['12345', '1391111000', 'abc', '+1 415 555 0100']) expect(ZPhoneSchema.safeParse(bad).success).toBe(false);
  });

  it('masks the middle of a number', () => {
    expect(maskPhone('13911110001')).toBe('139****0001');
    expect(maskPhone('02162112345')).toBe('021****2345');
  });
});
