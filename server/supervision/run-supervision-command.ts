/**
 * The one path of every command on a supervision sheet (STYLE): lock the row, check the version,
 * check role, unit, type and state against the machine in shared/supervision, write the sheet,
 * its reply (if any) and the event in one transaction; the unit of work publishes after commit.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { supervisionReplies, supervisions } from '../../db/schema';
import { endOfShanghaiDay, shanghaiDate } from '../../shared/calendar/shanghai';
import { AppError } from '../../shared/errors';
import type { CatalogueEvent } from '../../shared/events/catalogue';
import type { SupervisionEventData } from '../../shared/events/views';
import type { TCloseSupervisionInput, TInstructInput, TRecordOutcomeInput, TReplySupervisionInput, TSendBackInput } from '../../shared/schemas/supervision';
import { authorizeSupervision, nextSupervisionState, supervisionRole, type SupervisionCommand } from '../../shared/supervision/machine';
import type { SupervisionState, SupervisionType } from '../../shared/supervision/types';
import type { SessionUser } from '../platform/auth/sessions';
import type { AppContext } from '../platform/context';
import { withTransaction } from '../platform/unit-of-work';
import { canReadSupervision, roomsForSupervision } from './policy';
import { supervisionEventData, type SupervisionDetails, type SupervisionRow } from './present-supervision';

/** The commands run here; `progress` opens a new sheet and has its own command. */
export type SimpleSupervisionCommand = Exclude<SupervisionCommand, 'progress'>;

interface Inputs {
  reply: TReplySupervisionInput;
  record_outcome: TRecordOutcomeInput;
  instruct: TInstructInput;
  send_back: TSendBackInput;
  close: TCloseSupervisionInput;
}

export interface RunSupervisionCommandOptions<C extends SimpleSupervisionCommand> {
  ctx: AppContext;
  actor: SessionUser;
  supervisionId: number;
  command: C;
  input: Inputs[C];
  /** The version the client saw; a stale one is refused with version_conflict. */
  expectedVersion: number;
}

type Patch = Partial<typeof supervisions.$inferInsert>;

export async function runSupervisionCommand<C extends SimpleSupervisionCommand>(opts: RunSupervisionCommandOptions<C>): Promise<SupervisionRow> {
  const { ctx, actor } = opts;
  const now = ctx.now();
  return withTransaction(ctx, async (tx, emit) => {
    const row = await lockSupervision(tx, opts.supervisionId, actor, opts.expectedVersion);
    const transition = authorizeSupervision(subjectOf(row), opts.command, actor);
    const role = supervisionRole(opts.command, actor) ?? actor.roles[0] ?? null;
    const { patch, event } = await apply(tx, row, opts.command, opts.input, actor, now);
    const [next] = await tx
      .update(supervisions)
      .set({ ...patch, state: nextSupervisionState(transition, row.state as SupervisionState), version: row.version + 1, updatedAt: now })
      .where(and(eq(supervisions.id, row.id), eq(supervisions.version, row.version)))
      .returning();
    if (!next) throw new AppError('version_conflict', '督办已被他人更新，请刷新后再操作');
    emit({
      ...event(supervisionEventData(next)),
      ticketId: row.ticketId,
      actorId: actor.id,
      actorRole: role,
      at: now,
      rooms: roomsForSupervision(next.unitId),
    });
    return next;
  });
}

/** The event of each command: `supervision.<verb>` with what it recorded and the sheet after it. */
type SupervisionCommandEvent = CatalogueEvent<
  'supervision.replied' | 'supervision.outcome_recorded' | 'supervision.instructed' | 'supervision.sent_back' | 'supervision.closed'
>;

/** Loads and locks the sheet; invisible and missing look the same (a liaison learns nothing). */
export async function lockSupervision(tx: Tx, id: number, actor: SessionUser, expectedVersion: number): Promise<SupervisionRow> {
  const [row] = await tx.select().from(supervisions).where(eq(supervisions.id, id)).for('update');
  if (!row || !canReadSupervision(actor, row)) throw new AppError('not_found', '督办不存在');
  if (row.version !== expectedVersion) {
    throw new AppError('version_conflict', '督办已被他人更新，请刷新后再操作', { version: `当前版本为 ${row.version}` });
  }
  return row;
}

export function subjectOf(row: SupervisionRow) {
  return { state: row.state as SupervisionState, type: row.type as SupervisionType, unitId: row.unitId };
}

async function apply(
  tx: Tx,
  row: SupervisionRow,
  command: SimpleSupervisionCommand,
  input: Inputs[SimpleSupervisionCommand],
  actor: SessionUser,
  now: Date,
): Promise<{ patch: Patch; event: (supervision: SupervisionEventData) => SupervisionCommandEvent }> {
  const details = row.details as SupervisionDetails;
  const today = shanghaiDate(now);
  switch (command) {
    case 'reply': {
      const r = input as TReplySupervisionInput;
      // 004 三(一)2: "由单位主要领导签字并加盖单位公章".
      if (!r.sealed) throw new AppError('rule_violation', '书面反馈须由单位主要领导签字并加盖单位公章');
      if (r.signedAt > today) throw new AppError('rule_violation', '签字日期不能晚于今天');
      if (r.signedAt < shanghaiDate(row.startedAt)) throw new AppError('rule_violation', '签字日期不能早于督办下发日期');
      const [reply] = await tx
        .insert(supervisionReplies)
        .values({
          supervisionId: row.id,
          progress: r.progress,
          content: r.content,
          headName: r.headName,
          signedAt: r.signedAt,
          sealed: r.sealed,
          submittedBy: actor.id,
          submittedAt: now,
        })
        .returning();
      if (!reply) throw new Error('reply insert returned no row');
      // 004 三(一)2 "反馈办理结果": only an answer stops the clock — a reply saying the matter is
      // still being handled (正在处置) is recorded and the clock keeps running (issue 15 item 4).
      const firstRepliedAt = r.progress === 'in_progress' ? row.firstRepliedAt : (row.firstRepliedAt ?? now);
      return {
        patch: { firstRepliedAt },
        event: (supervision) => ({
          type: 'supervision.replied',
          payload: {
            replyId: reply.id,
            progress: r.progress,
            headName: r.headName,
            signedAt: r.signedAt,
            sealed: r.sealed,
            onTime: now.getTime() <= row.dueAt.getTime(),
            supervision,
          },
        }),
      };
    }
    case 'record_outcome': {
      const r = input as TRecordOutcomeInput;
      if (r.deadline < today) throw new AppError('rule_violation', '处置时限不能早于今天');
      const onSite = details.onSite;
      if (!onSite) throw new Error(`on-site sheet ${row.id} has no notice`);
      // 004 三(二)3-4: the time limit set on site replaces the default 5 working days.
      const dueAt = endOfShanghaiDay(r.deadline);
      return {
        patch: { details: { ...details, onSite: { ...onSite, outcome: r.outcome, deadline: r.deadline } }, dueAt },
        event: (supervision) => ({
          type: 'supervision.outcome_recorded',
          payload: { outcome: r.outcome, deadline: r.deadline, dueAt: dueAt.toISOString(), supervision },
        }),
      };
    }
    case 'instruct': {
      const r = input as TInstructInput;
      const instruction = { leader: r.leader, instruction: r.instruction, at: now.toISOString() };
      return {
        patch: { details: { ...details, instructions: [...(details.instructions ?? []), instruction] } },
        event: (supervision) => ({ type: 'supervision.instructed', payload: { ...instruction, supervision } }),
      };
    }
    case 'send_back': {
      const r = input as TSendBackInput;
      // A reply sent back was no answer: the clock runs again against the same due time.
      return { patch: { firstRepliedAt: null }, event: (supervision) => ({ type: 'supervision.sent_back', payload: { note: r.note, supervision } }) };
    }
    case 'close': {
      const r = input as TCloseSupervisionInput;
      return {
        patch: { closedAt: now, closedBy: actor.id, outcomeNote: r.note },
        event: (supervision) => ({ type: 'supervision.closed', payload: { note: r.note, supervision } }),
      };
    }
  }
}
