/**
 * Issue 16.10: what the console shows for a failed request, in the UI's language. The server's
 * message is Chinese; in English it is read from its stable code (shared/i18n/server-errors.ts).
 * Every place that shows an ApiError goes through here.
 */
import { translate, type Locale } from '../../../shared/i18n';
import { ApiError } from './api';

type EnglishReading = typeof import('../../../shared/i18n/server-errors');

/** The English reading of the server's messages: loaded when the UI is English (issue 17.6: ≈ 45 KB the Chinese UI never needs). */
let english: EnglishReading | null = null;

/** Loads the English reading (the i18n provider asks as soon as the UI is English). */
export async function loadEnglishErrors(): Promise<void> {
  english ??= await import('../../../shared/i18n/server-errors');
}

/** The message of a failed request: the server's refusal, or a network error. */
export function errorText(locale: Locale, err: unknown): string {
  if (!(err instanceof ApiError)) return translate(locale, 'error.network');
  if (locale !== 'en') return err.message;
  // Until the reading has arrived (a moment after switching), a plain English line, never Chinese.
  return english ? english.serverErrorText(locale, err) : translate(locale, 'error.refused');
}

/** The per-field messages of a refusal (empty for anything else), as antd's Form.setFields takes them. */
export function fieldErrors(locale: Locale, err: unknown): { name: string; errors: string[] }[] {
  if (!(err instanceof ApiError)) return [];
  const fields =
    locale !== 'en'
      ? err.fields
      : english
        ? english.serverFieldErrors(locale, err)
        : Object.fromEntries(Object.keys(err.fields).map((k) => [k, translate(locale, 'error.refused')]));
  return Object.entries(fields).map(([name, message]) => ({ name, errors: [message] }));
}
