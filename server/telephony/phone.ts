/**
 * Phone numbers between Twilio (E.164, +8613812345678) and the console (local form as tickets
 * store it: 13812345678, 02162112345).
 */
import { normalizePhone } from '../../shared/schemas/ticket';

/** The line's own number when none is configured (62112345, Shanghai 021). */
export const DEFAULT_LINE_NUMBER = '+862162112345';

const MOBILE = /^1[3-9]\d{9}$/;

/** +8613812345678 → 13812345678; +862162112345 → 02162112345; unknown or withheld → null. */
export function toLocalPhone(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const n = normalizePhone(raw.trim());
  if (MOBILE.test(n)) return n;
  const cn = n.match(/^\+?86(\d{9,11})$/);
  if (cn?.[1]) return `0${cn[1]}`;
  if (/^0\d{9,11}$/.test(n) || /^[2-9]\d{6,7}$/.test(n)) return n;
  return null;
}

/** 13812345678 → +8613812345678; 02162112345 → +862162112345; 62112345 (no area code) → +862162112345. */
export function toE164(local: string): string {
  const n = normalizePhone(local);
  if (n.startsWith('+')) return n;
  if (MOBILE.test(n)) return `+86${n}`;
  if (n.startsWith('0')) return `+86${n.slice(1)}`;
  return `+8621${n}`;
}

/** The forms a ticket may have stored the same number in: a Shanghai landline with or without 021. */
export function phoneVariants(local: string): string[] {
  const variants = new Set([local]);
  if (local.startsWith('021') && local.length === 11) variants.add(local.slice(3));
  if (/^[2-9]\d{7}$/.test(local)) variants.add(`021${local}`);
  return [...variants];
}
