/**
 * The one path of every ticket command (STYLE): lock the row, check the version, ask the pure
 * core (`decide`) what happens, write the new state and the event in one transaction (the unit
 * of work publishes after commit). Locking and storing are shared with the supervisor's
 * corrections (ticket-row.ts).
 */
import type { Tx } from '../../../db/client';
import { tickets } from '../../../db/schema';
import type { OfficialWorkCalendar } from '../../../shared/calendar/types';
import { clockDue } from '../../../shared/clock/clocks';
import { returnNeedsVerificationOf, revisitAttemptsFor } from '../../../shared/clock/policy-schema';
import type { Role } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { withTicketSummary } from '../../../shared/events/catalogue';
import { ADDRESS_NEEDED_FOR_DISPATCH } from '../../../shared/schemas/ticket';
import type { TicketCommand } from '../../../shared/ticket/commands';
import { decide } from '../../../shared/ticket/decide';
import { actingRole } from '../../../shared/ticket/machine';
import type { TicketSnapshot } from '../../../shared/ticket/snapshot';
import type { DecideContext, Decision } from '../../../shared/ticket/types';
import { loadCalendar } from '../../clock/calendar';
import { policyVersion } from '../../clock/policies';
import type { SessionUser } from '../../platform/auth/sessions';
import type { AppContext } from '../../platform/context';
import { roomsForTicket } from '../../platform/live/rooms';
import { withTransaction, type Emit } from '../../platform/unit-of-work';
import { raiseRedispatchCandidate } from '../../repeats/supervision-candidate';
import { activeUnitIds } from '../../units/active-units';
import { presentTicketSummary } from '../presenter';
import { snapshotOf } from '../ticket-snapshot';
import { screenFirstDispatch } from './emergency-at-dispatch';
import { requireSignOff } from './sign-off-reply';
import { lockTicketAt, storeTicketSnapshot, type NextSnapshot } from './ticket-row';

type TicketRow = typeof tickets.$inferSelect;

export interface RunTicketCommandOptions {
  ctx: AppContext;
  actor: SessionUser;
  ticketId: number;
  command: TicketCommand;
  input: unknown;
  /** The version the client saw; a stale one is refused with version_conflict. */
  expectedVersion: number;
}

export async function runTicketCommand(opts: RunTicketCommandOptions): Promise<TicketRow> {
  const { ctx, actor } = opts;
  const now = ctx.now();
  return withTransaction(ctx, async (tx, emit) => {
    const row = await lockTicketAt(tx, actor, opts.ticketId, opts.expectedVersion);
    const result = await applyCommand(tx, emit, row, opts.command, actor, opts.input, now);
    return result.row;
  });
}

/**
 * Decides and writes one command on a locked row (planCommand's arguments); used by the runner and
 * by intake when it takes two steps (a record closed during the call, an unscreened filing).
 */
export async function applyCommand(...args: Parameters<typeof planCommand>): Promise<{ row: TicketRow; decision: Decision }> {
  const [tx, emit, row] = args;
  const plan = await planCommand(...args);
  const updated = await storeTicketSnapshot(tx, row, plan.write);
  await recordCommand(tx, emit, plan, row, updated);
  return { row: updated, decision: plan.decision };
}

/**
 * From intake: the calendar read before the caller took its locks (so the locked part of the
 * transaction stays short), and whether the record has just passed the emergency screen.
 */
export interface LoadedForCommand {
  calendar?: OfficialWorkCalendar | undefined;
  emergencyScreened?: boolean;
}

/** A command decided and checked on a row, not yet written: what to store, and who acted. */
export interface CommandPlan {
  decision: Decision;
  write: NextSnapshot;
  actor: SessionUser;
  role: Role;
  now: Date;
}

/**
 * The first half of applyCommand: asks the core, and runs every check a command must pass, on
 * `row` as it stands. Writes nothing and emits nothing unless the first dispatch of an
 * unscreened record needs its emergency screen (`loaded.emergencyScreened` false).
 */
export async function planCommand(
  tx: Tx,
  emit: Emit,
  row: TicketRow,
  command: TicketCommand,
  actor: SessionUser,
  input: unknown,
  now: Date,
  loaded?: LoadedForCommand,
): Promise<CommandPlan> {
  const snapshot = snapshotOf(row);
  const policy = await policyVersion(tx, row.policyCode, row.policyVersion);
  const calendar = loaded?.calendar ?? (await loadCalendar(tx));
  const role = actingRole(snapshot, command, actor.roles);
  if (!role) throw new AppError('forbidden_role', '您的角色无权进行此操作');
  const attempts = revisitAttemptsFor(policy, row);
  const decideCtx: DecideContext = {
    now,
    maxRevisitAttempts: attempts.max,
    returnNeedsVerification: returnNeedsVerificationOf(policy),
    revisitAttemptGapMinutes: attempts.minGapMinutes,
    due: (clock, startedAt, o) =>
      clockDue({ kind: clock, startedAt, policy, calendar, round: snapshot.round, ...(o?.onSite !== undefined ? { onSite: o.onSite } : {}) }),
  };
  const decision = decide(snapshot, command, { userId: actor.id, role, unitId: actor.unitId }, input, decideCtx);
  // Issue 15.8 (000 三(四)): a closing report the policy wants signed off is revisited only once signed.
  if (command === 'record_revisit' || command === 'record_revisit_attempt') await requireSignOff(tx, row);
  if (command === 'dispatch' && snapshot.state === 'registered' && !loaded?.emergencyScreened) {
    await screenFirstDispatch(tx, emit, { row, input, actor, role, now });
  }
  // Issue 16: a record may be kept without an address (a consultation, an emergency handed on), but
  // a unit is sent only where it can go: every (re-)dispatch restarts the unit's clocks.
  if (decision.next.dispatchedAt !== snapshot.dispatchedAt && row.address.trim() === '') {
    throw new AppError('rule_violation', ADDRESS_NEEDED_FOR_DISPATCH, { address: ADDRESS_NEEDED_FOR_DISPATCH });
  }
  await checkUnitsExist(tx, decision.next, snapshot);
  return { decision, write: { next: decision.next, policy, calendar, now }, actor, role, now };
}

/** The second half: the command's event on the row as written, and a supervision candidate when it asks for one. */
export async function recordCommand(tx: Tx, emit: Emit, plan: CommandPlan, row: TicketRow, updated: TicketRow): Promise<void> {
  const { decision, actor, role, now } = plan;
  emit({
    ...withTicketSummary(decision.event, presentTicketSummary(updated)),
    ticketId: row.id,
    actorId: actor.id,
    actorRole: role,
    at: now,
    fromState: decision.event.fromState,
    toState: decision.event.toState,
    rooms: roomsForTicket(updated, row),
  });
  // Issue 15.5, 000 三(六): dispatched again round after round → a supervision candidate.
  if (decision.next.round > row.round) {
    const candidate = await raiseRedispatchCandidate(tx, { ticket: { ...updated, round: decision.next.round }, now, actorId: actor.id, actorRole: role });
    if (candidate) emit(candidate);
  }
}

/** Units the command newly names (lead, assisting) must exist and be active. */
async function checkUnitsExist(tx: Tx, next: TicketSnapshot, before: TicketSnapshot): Promise<void> {
  const named = [next.leadUnitId, ...next.assistUnitIds].filter((id): id is number => id !== null);
  const fresh = named.filter((id) => id !== before.leadUnitId && !before.assistUnitIds.includes(id));
  if (fresh.length === 0) return;
  const found = await activeUnitIds(tx, fresh);
  if (found.size !== new Set(fresh).size) {
    throw new AppError('validation_failed', '输入有误：单位不存在', { unitId: '单位不存在' });
  }
}
