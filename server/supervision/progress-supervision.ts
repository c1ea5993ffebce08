/**
 * 004 三(一)3, 三(二)5: a matter without progress goes on to the next type. The current sheet
 * ends as `progressed` and a new numbered sheet of the higher type opens with its own clock, in
 * one transaction; both events land on the ticket's timeline.
 */
import { and, eq } from 'drizzle-orm';
import { supervisions, tickets } from '../../db/schema';
import { AppError } from '../../shared/errors';
import type { TProgressSupervisionInput } from '../../shared/schemas/supervision';
import { authorizeSupervision } from '../../shared/supervision/machine';
import { nextTypesOf, SUPERVISION_LABELS, type SupervisionType } from '../../shared/supervision/types';
import type { SessionUser } from '../platform/auth/sessions';
import type { AppContext } from '../platform/context';
import { withTransaction } from '../platform/unit-of-work';
import { checkUnit, insertSupervision, openedEvent } from './open-supervision';
import { roomsForSupervision } from './policy';
import { supervisionEventData, type SupervisionRow } from './present-supervision';
import { lockSupervision, subjectOf } from './run-supervision-command';

export interface ProgressSupervisionOptions {
  ctx: AppContext;
  actor: SessionUser;
  supervisionId: number;
  input: TProgressSupervisionInput;
  expectedVersion: number;
}

/** Returns the new sheet. */
export async function progressSupervision(opts: ProgressSupervisionOptions): Promise<SupervisionRow> {
  const { ctx, actor, input } = opts;
  const now = ctx.now();
  return withTransaction(ctx, async (tx, emit) => {
    const row = await lockSupervision(tx, opts.supervisionId, actor, opts.expectedVersion);
    authorizeSupervision(subjectOf(row), 'progress', actor);
    const from = row.type as SupervisionType;
    const allowed = nextTypesOf(from);
    if (!allowed.includes(input.toType)) {
      const names = allowed.map((t) => SUPERVISION_LABELS.type[t]).join('或');
      throw new AppError('rule_violation', `${SUPERVISION_LABELS.type[from]}只能提级为${names}` /* 004 三 */);
    }
    const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, row.ticketId));
    if (!ticket) throw new Error(`supervision ${row.id} points at missing ticket`);
    const unitId = input.unitId ?? row.unitId;
    if (unitId !== row.unitId) await checkUnit(tx, unitId);
    const [ended] = await tx
      .update(supervisions)
      .set({ state: 'progressed', version: row.version + 1, closedAt: now, closedBy: actor.id, outcomeNote: input.reason, updatedAt: now })
      .where(and(eq(supervisions.id, row.id), eq(supervisions.version, row.version)))
      .returning();
    if (!ended) throw new AppError('version_conflict', '督办已被他人更新，请刷新后再操作');
    const next = await insertSupervision(tx, {
      ticket,
      type: input.toType,
      scope: row.scope,
      unitId,
      situation: `经${SUPERVISION_LABELS.type[from]}（${row.number}）仍未有处置进展：${input.reason}`,
      opinion: input.opinion,
      relatedTicketIds: row.relatedTicketIds,
      candidate: row.candidateKind && row.candidateRef ? { kind: row.candidateKind, ref: row.candidateRef } : null,
      previousId: row.id,
      onSite: input.onSite,
      escalation: input.escalation,
      actor,
      now,
    });
    emit(
      {
        type: 'supervision.progressed',
        ticketId: row.ticketId,
        actorId: actor.id,
        actorRole: 'supervisor',
        at: now,
        payload: { reason: input.reason, toType: input.toType, nextId: next.id, nextNumber: next.number, supervision: supervisionEventData(ended) },
        rooms: roomsForSupervision(row.unitId),
      },
      { ...openedEvent(next, actor, now), rooms: roomsForSupervision(next.unitId, row.unitId) },
    );
    return next;
  });
}
