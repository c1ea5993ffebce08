/**
 * A failure Open311 answers in the standard's own shape (an array of { code, description }, XML
 * root <errors>): the status, and a description in Chinese with the field names as sent.
 * 403 for the key, 404 for what does not exist, 422 for an Idempotency-Key reused with another
 * body, 429 for a limit, 400 for everything else (routes.ts maps the rest).
 */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
