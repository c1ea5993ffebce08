/**
 * The call time (来电日期) of an intake record (PRODUCT.md §2; issue 16.7 and 15.9). A record taken
 * from a linked call takes the call's start; a record typed without one (a walk-in, a desk phone)
 * takes the moment the operator began it — its first keystroke — not the save, so a long call
 * does not move its ticket later. Only supervisors correct it afterwards, with a reason.
 * Pure: the server passes its (injected) clock.
 */
import { AppError } from '../errors';

/** Clock skew allowed between the operator's machine and the server. */
export const CALL_TIME_SKEW_MS = 5 * 60_000;
/** A record begun more than this before it is saved is a forgotten draft, not this call. */
export const MAX_RECORD_AGE_MS = 24 * 3_600_000;
/** A supervisor's correction may reach this far before the record's registration (a late-typed walk-in, a passed-down order). */
export const MAX_CORRECTION_BEFORE_REGISTRATION_MS = 30 * 24 * 3_600_000;

export interface RecordStartOptions {
  /** When the operator began the record, by the sender's clock. */
  startedAt: Date;
  /** The sender's clock when it sent the record: the server corrects the sender's clock offset by it. */
  clientNow?: Date | undefined;
  /** The server's clock. */
  now: Date;
}

/**
 * Issue 16.7: the call time of a record typed without a linked call. With `clientNow` the time is
 * moved by the sender's clock offset (a PC five minutes fast still stores the true moment).
 * Refused with `call_time_in_future` beyond CALL_TIME_SKEW_MS ahead of now, and with
 * `call_time_too_old` more than MAX_RECORD_AGE_MS back; nothing is stored then.
 */
export function callTimeOfRecord({ startedAt, clientNow, now }: RecordStartOptions): Date {
  const offset = clientNow ? now.getTime() - clientNow.getTime() : 0;
  const at = new Date(startedAt.getTime() + offset);
  if (at.getTime() > now.getTime() + CALL_TIME_SKEW_MS) {
    throw new AppError('call_time_in_future', '来电时间不能晚于当前时间，请检查本机时钟', { startedAt: '来电时间晚于当前时间' });
  }
  if (at.getTime() < now.getTime() - MAX_RECORD_AGE_MS) {
    throw new AppError('call_time_too_old', '这份记录开始于24小时之前，请清空后重新登记，或保存后由值班长更正来电时间', {
      startedAt: '来电时间早于24小时之前',
    });
  }
  // A sender up to the skew ahead: the call cannot have started after the save.
  return at.getTime() > now.getTime() ? now : at;
}

export interface CorrectionOptions {
  /** The corrected call time. */
  callAt: Date;
  /** When the ticket was registered. */
  registeredAt: Date;
  now: Date;
}

/**
 * Issue 15.9: a supervisor's corrected call time. A call comes before its record: not after the
 * registration (nor after now), with CALL_TIME_SKEW_MS of tolerance; and not more than
 * MAX_CORRECTION_BEFORE_REGISTRATION_MS before it.
 */
export function checkCorrectedCallTime({ callAt, registeredAt, now }: CorrectionOptions): void {
  const latest = Math.min(registeredAt.getTime(), now.getTime()) + CALL_TIME_SKEW_MS;
  if (callAt.getTime() > latest) {
    throw new AppError('call_time_in_future', '来电时间不能晚于工单登记时间', { callAt: '来电时间晚于登记时间' });
  }
  if (callAt.getTime() < registeredAt.getTime() - MAX_CORRECTION_BEFORE_REGISTRATION_MS) {
    throw new AppError('call_time_too_old', '来电时间不能早于登记时间30天以上', { callAt: '来电时间早于登记时间30天以上' });
  }
}
