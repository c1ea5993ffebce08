/**
 * Free text as it may be published (the Open311 description): names of the record's people and
 * names introduced as such, e-mail addresses and every number of 7 or more digits masked
 * (docs/decisions/open311.md).
 */
import { maskNames } from './mask-names';
import { maskNumbers } from './mask-numbers';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

export interface PublicTextOptions {
  /** Names of people of this record (the caller's name as stored). */
  names?: readonly (string | null | undefined)[];
}

/** `zhang.wei@example.com` → `*****.***@*******.***`: the shape stays, nothing of the address. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, (email) => email.replace(/[^@.]/g, '*'));
}

export function publicText(text: string, opts: PublicTextOptions = {}): string {
  return maskNumbers(maskEmails(maskNames(text, { names: opts.names ?? [] })));
}
