import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parsePhone } from './phone';
import CN_METADATA from './phone-metadata-cn.json';

describe('parsePhone', () => {
  it.each([
    ['13911110001', '13911110001', '+8613911110001'],
    ['+86 139-1111-0001', '13911110001', '+8613911110001'],
    ['0086 13911110001', '13911110001', '+8613911110001'],
    ['8613911110001', '13911110001', '+8613911110001'],
    ['１３９１１１１０００１', '13911110001', '+8613911110001'],
    ['(021) 6211-2345', '02162112345', '+862162112345'],
    ['+862162112345', '02162112345', '+862162112345'],
    ['62112345', '02162112345', '+862162112345'],
    ['010-12345678', '01012345678', '+861012345678'],
  ])('reads %s as %s, %s', (raw, local, e164) => {
    expect(parsePhone(raw)).toEqual({ local, e164 });
  });

  it('refuses what cannot be dialled in China', () => {
    for (const bad of [
      '',
      null,
      undefined,
      '12345',
      '1391111000',
      '12345678901',
      'abc',
      '+1 415 555 0100',
      '+85291234567',
      'anonymous',
      'client:agent-7',
      '6211234',
    ])
      expect(parsePhone(bad), String(bad)).toBeNull();
  });

  it("holds China's entry of the installed libphonenumber-js metadata", () => {
    const max = createRequire(import.meta.url)('libphonenumber-js/metadata.max.json') as { version: number; countries: Record<string, unknown> };
    // On failure after an upgrade, write the new entry: { version, country_calling_codes: { 86: ['CN'] }, countries: { CN }, nonGeographic: {} }.
    expect(CN_METADATA).toEqual({ version: max.version, country_calling_codes: { 86: ['CN'] }, countries: { CN: max.countries.CN }, nonGeographic: {} });
  });
});
