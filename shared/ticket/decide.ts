/**
 * The one path of every ticket command (STYLE: one domain action, one path): the server loads
 * the snapshot, calls `decide`, then in one transaction writes `next` (guarded by the old
 * version) and the event row, and publishes after commit. Pure: no I/O, no clock but `ctx.now`,
 * and the input snapshot is never changed.
 */
import { AppError } from '../errors';
import { COMMAND_INPUT_SCHEMAS, isTicketCommand, type TCommandInputs, type TicketCommand } from './commands';
import { HANDLERS } from './handlers';
import type { Handler } from './handlers/handler';
import { authorize, checkGuards, targetsOf } from './machine';
import type { TicketSnapshot } from './snapshot';
import type { Actor, DecideContext, Decision } from './types';

/** Validates a command's input with its shared schema; validation_failed carries `fields`. */
export function parseCommandInput<C extends TicketCommand>(command: C, input: unknown): TCommandInputs[C] {
  const result = COMMAND_INPUT_SCHEMAS[command].safeParse(input ?? {});
  if (result.success) return result.data as TCommandInputs[C];
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = result.error.issues[0]?.message ?? '输入有误';
  throw new AppError('validation_failed', `输入有误：${first}`, fields);
}

/**
 * Runs `command` on `snapshot` for `actor`. Refusals, in this order: forbidden_role,
 * wrong_unit, invalid_state (machine.ts `authorize`), validation_failed (input), then
 * rule_violation (guards in machine.ts, then the handler's rules of the clock and the input).
 */
export function decide<C extends TicketCommand>(snapshot: TicketSnapshot, command: C, actor: Actor, input: unknown, ctx: DecideContext): Decision {
  if (!isTicketCommand(command)) {
    throw new AppError('validation_failed', '未知的操作', { command: '未知的操作' });
  }
  const row = authorize(snapshot, command, actor);
  const parsed = parseCommandInput(command, input);
  checkGuards(row, snapshot);

  const draft = structuredClone(snapshot);
  const handler = HANDLERS[command] as Handler<C>;
  const event = handler({ before: snapshot, draft, input: parsed, actor, ctx });
  draft.version = snapshot.version + 1;

  if (!targetsOf(row, snapshot.state).includes(draft.state)) {
    throw new Error(`${command} led ${snapshot.state} → ${draft.state}, which machine.ts does not allow`);
  }
  return { next: draft, event: { ...event, fromState: snapshot.state, toState: draft.state } };
}
