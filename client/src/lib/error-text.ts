/**
 * Issue 16.10: what the console shows for a failed request, in the UI's language. The server's
 * message is Chinese; in English it is read from its stable code (shared/i18n/server-errors.ts).
 * Every place that shows an ApiError goes through here.
 */
import { translate, type Locale } from '../../../shared/i18n';
import { serverErrorText, serverFieldErrors } from '../../../shared/i18n/server-errors';
import { ApiError } from './api';

/** The message of a failed request: the server's refusal, or a network error. */
export function errorText(locale: Locale, err: unknown): string {
  return err instanceof ApiError ? serverErrorText(locale, err) : translate(locale, 'error.network');
}

/** The per-field messages of a refusal (empty for anything else), as antd's Form.setFields takes them. */
export function fieldErrors(locale: Locale, err: unknown): { name: string; errors: string[] }[] {
  if (!(err instanceof ApiError)) return [];
  return Object.entries(serverFieldErrors(locale, err)).map(([name, message]) => ({ name, errors: [message] }));
}
