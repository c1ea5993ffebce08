/**
 * Phone numbers between Twilio (E.164, +8613812345678) and the console (local form as tickets
 * store it: 13812345678, 02162112345), both read by shared/phone.ts.
 */
import { AppError } from '../../shared/errors';
import { parsePhone } from '../../shared/phone';

/** The line's own number when none is configured (62112345, Shanghai 021). */
export const DEFAULT_LINE_NUMBER = '+862162112345';

/** +8613812345678 → 13812345678; +862162112345 → 02162112345; unknown or withheld → null. */
export function toLocalPhone(raw: string | undefined | null): string | null {
  return parsePhone(raw)?.local ?? null;
}

/** 13812345678 → +8613812345678; 02162112345 → +862162112345; 62112345 (no area code) → +862162112345. */
export function toE164(local: string): string {
  const phone = parsePhone(local);
  if (!phone) throw new AppError('rule_violation', '该号码不是可拨打的国内号码');
  return phone.e164;
}
/** The forms a ticket may have stored the same number in: a Shanghai landline with or without 021. */
export function phoneVariants(local: string): string[] {
  const variants = new Set([local]);
  if (local.startsWith('021') && local.length === 11) variants.add(local.slice(3));
  if (/^[2-9]\d{7}$/.test(local)) variants.add(`021${local}`);
  return [...variants];
}
