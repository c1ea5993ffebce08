/**
 * Stable error codes of the API. Each maps to one HTTP status here, and the server's error
 * handler is the only place that turns them into responses. Messages shown to people are
 * Chinese (the console's default language); the code is what programs match on.
 */
export const ERROR_STATUS = {
  /** The request body, query or params failed validation; `fields` says which. */
  validation_failed: 400,
  /** No session, or the session expired. */
  unauthenticated: 401,
  /** Wrong username or password. */
  bad_credentials: 401,
  /** Missing or wrong X-CSRF-Token on a state-changing request. */
  csrf_failed: 403,
  /** The user's role may not do this. */
  forbidden_role: 403,
  /** A telephony webhook without a valid X-Twilio-Signature; nothing is recorded. */
  bad_signature: 403,
  /** The ticket belongs to another unit than the user's. */
  wrong_unit: 403,
  /** Nothing with that id, or not visible to this user. */
  not_found: 404,
  /** The command is not allowed in the ticket's current state. */
  invalid_state: 409,
  /** The ticket changed since the client read it (optimistic concurrency). */
  version_conflict: 409,
  /** A rule of the hotline refuses the command (return window closed, designated unit, …). */
  rule_violation: 422,
  /** A call time later than now (beyond a few minutes of clock skew), or later than its record's registration. */
  call_time_in_future: 422,
  /** A call time further back than a record may start (24 h before saving; 30 days before registration for a correction). */
  call_time_too_old: 422,
  /** 000 二(一) 首办责任: a return asked before the unit recorded a first contact or a site visit. */
  return_needs_verification: 422,
  /**
   * Issue 15.8 (000 三(四), 002 一.6): the policy asks for the unit head's sign-off on the closing
   * report, and the current reply has none: it is neither accepted nor revisited.
   */
  reply_not_signed_off: 422,
  /**
   * Issue 16.3: the description reads as a 110/119/120 emergency and the record was to be saved as
   * an ordinary ticket without the operator's override and reason: nothing stored. `fields.emergency`
   * names the number.
   */
  emergency_unconfirmed: 422,
  /** An Idempotency-Key already used for a different request (as Stripe answers): nothing stored. */
  idempotency_key_reused: 422,
  /** Too many attempts; try later. */
  rate_limited: 429,
  /** A bug or an outage; reported, never expected. */
  internal: 500,
  /** The database is unreachable. */
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The JSON body of every error response. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}

/** A refusal the domain core or a route raises on purpose. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
