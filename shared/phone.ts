/**
 * Phone numbers, parsed one way on both sides (client and server) with libphonenumber-js:
 * a ticket stores the number as it is dialled in mainland China (13812345678, 02162112345),
 * telephony speaks E.164 (+8613812345678, +862162112345). Only numbers libphonenumber holds
 * valid for China are accepted (PRODUCT.md §9: the hotline calls citizens back).
 *
 * The metadata is China's entry of libphonenumber-js's full ("max") set, ≈1 KB gzipped against
 * 40 KB for every country (the client bundles it); phone.test.ts fails when it no longer
 * matches the installed package.
 */
import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import CN_METADATA from './phone-metadata-cn.json';

const METADATA = CN_METADATA as MetadataJson;

export interface Phone {
  /** As dialled in mainland China and stored on tickets: 13812345678, 02162112345. */
  local: string;
  /** E.164, as telephony (Twilio) writes it: +8613812345678, +862162112345. */
  e164: string;
}

/** A Shanghai landline written without its area code: 62112345. */
const SHANGHAI_LOCAL = /^[2-9]\d{7}$/;

/**
 * What an operator typed or Twilio sent (spaces, dashes, brackets, full-width digits, +86/0086
 * allowed) → the number; null when it is not a valid Chinese number (withheld, `client:…`,
 * abroad, too short, a mobile prefix that does not exist).
 */
export function parsePhone(raw: string | null | undefined): Phone | null {
  if (!raw) return null;
  const compact = raw.replace(/[\s\-()（）]/g, '');
  // The line is in Shanghai: a bare 8-digit landline is in area 021.
  const text = SHANGHAI_LOCAL.test(compact) ? `021${compact}` : raw;
  const phone = parsePhoneNumberFromString(text, 'CN', METADATA);
  if (!phone?.isValid() || phone.country !== 'CN') return null;
  return { local: phone.formatNational().replace(/\D/g, ''), e164: phone.number };
}

/**
 * The same caller by number: two tickets' stored numbers are equal. A ticket without a number (an
 * Open311 filing without `phone`) is nobody's same caller, not even another one without a number.
 */
export function sameCaller(a: string | null, b: string | null): boolean {
  return a !== null && a === b;
}
