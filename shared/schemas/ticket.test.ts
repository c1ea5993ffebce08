import { describe, expect, it } from 'vitest';
import { maskPhone, ZPhoneSchema } from './ticket';

describe('phone numbers', () => {
  it.each([
    ['+86 139-1111-0001', '13911110001'],
    ['0086 13911110001', '13911110001'],
    ['１３９１１１１０００１', '13911110001'],
    ['(021) 6211-2345', '02162112345'],
    ['62112345', '02162112345'],
  ])('stores %s as %s', (raw, want) => {
    expect(ZPhoneSchema.parse(raw)).toBe(want);
  });

  it('refuses what cannot be dialled', () => {
    for (const bad of ['12345', '1391111000', '12345678901', 'abc', '+1 415 555 0100']) {
      const answer = ZPhoneSchema.safeParse(bad);
      expect(answer.success, bad).toBe(false);
      expect(answer.error?.issues[0]?.message).toBe('联系电话格式不正确（手机号11位，或座机号码）');
    }
  });

  it('masks the middle of a number', () => {
    expect(maskPhone('13911110001')).toBe('139****0001');
    expect(maskPhone('02162112345')).toBe('021****2345');
  });
});
