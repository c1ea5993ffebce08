/**
 * Opens a supervision sheet (PRODUCT.md §6, 004 三): from a ticket, or from an issue-7 candidate
 * (repeats without progress, a cluster) by reference. One transaction writes the numbered sheet
 * and its event on the ticket's timeline; the event is published after commit.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { supervisions, tickets, units } from '../../db/schema';
import { AppError } from '../../shared/errors';
import type { TEscalation, TOnSiteNotice, TOpenSupervisionData } from '../../shared/schemas/supervision';
import { SUPERVISION_LABELS, type SupervisionScope, type SupervisionType } from '../../shared/supervision/types';
import { isDispatched } from '../../shared/ticket/machine';
import { loadCalendar } from '../clock/calendar';
import type { SessionUser } from '../platform/auth/sessions';
import type { AppContext } from '../platform/context';
import { withTransaction, type NewEvent } from '../platform/unit-of-work';
import { supervisionDue, supervisionPolicy } from './clock';
import { nextSupervisionNumber } from './numbering';
import { roomsForSupervision } from './policy';
import { supervisionEventData, type SupervisionDetails, type SupervisionRow } from './present-supervision';

type TicketRow = typeof tickets.$inferSelect;

/** States in which a sheet is still waiting on the unit or the centre. */
export const ACTIVE_SUPERVISION_STATES = ['open', 'replied'];

export interface OpenSupervisionOptions {
  ctx: AppContext;
  actor: SessionUser;
  input: TOpenSupervisionData;
}

export async function openSupervision({ ctx, actor, input }: OpenSupervisionOptions): Promise<SupervisionRow> {
  const now = ctx.now();
  return withTransaction(ctx, async (tx, emit) => {
    // The ticket row lock serialises two supervisors opening a sheet on the same ticket.
    const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, input.ticketId)).for('update');
    if (!ticket) throw new AppError('validation_failed', '输入有误：工单不存在', { ticketId: '工单不存在' });
    if (!isDispatched(ticket.state)) {
      throw new AppError('rule_violation', '工单尚未派单（或已当场办结），不能督办');
    }
    const [active] = await tx
      .select({ number: supervisions.number })
      .from(supervisions)
      .where(and(eq(supervisions.ticketId, ticket.id), inArray(supervisions.state, ACTIVE_SUPERVISION_STATES)))
      .limit(1);
    if (active) throw new AppError('rule_violation', `该工单已有进行中的督办 ${active.number}，请在原督办上提级或办结`);
    const unitId = input.unitId ?? ticket.leadUnitId;
    if (unitId === null) throw new AppError('validation_failed', '输入有误：请选择被督办单位', { unitId: '请选择被督办单位' });
    await checkUnit(tx, unitId);
    await checkRelated(
      tx,
      input.relatedTicketIds.filter((id) => id !== ticket.id),
    );
    const inserted = await insertSupervision(tx, {
      ticket,
      type: input.type,
      scope: input.scope,
      unitId,
      situation: input.situation,
      opinion: input.opinion,
      relatedTicketIds: [...new Set(input.relatedTicketIds.filter((id) => id !== ticket.id))],
      candidate: input.candidate ?? null,
      previousId: null,
      onSite: input.onSite,
      escalation: input.escalation,
      actor,
      now,
    });
    emit(openedEvent(inserted, actor, now));
    return inserted;
  });
}

export interface InsertSupervisionFields {
  ticket: TicketRow;
  type: SupervisionType;
  scope: string;
  unitId: number;
  situation: string;
  opinion: string;
  relatedTicketIds: number[];
  candidate: { kind: string; ref: string } | null;
  previousId: number | null;
  onSite: TOnSiteNotice | undefined;
  escalation: TEscalation | undefined;
  actor: SessionUser;
  now: Date;
}

/** A new numbered sheet whose 5-working-day clock starts now (004 三(一)2, 三(三)4). */
export async function insertSupervision(tx: Tx, f: InsertSupervisionFields): Promise<SupervisionRow> {
  const policy = await supervisionPolicy(tx, f.ticket.policyCode, f.ticket.policyVersion);
  const dueAt = supervisionDue(f.now, policy, await loadCalendar(tx));
  const details: SupervisionDetails = { instructions: [] };
  if (f.type === 'on_site' && f.onSite) details.onSite = { ...f.onSite, outcome: null, deadline: null };
  if (f.type === 'escalated' && f.escalation) details.escalation = f.escalation;
  const [row] = await tx
    .insert(supervisions)
    .values({
      number: await nextSupervisionNumber(tx, f.now),
      type: f.type,
      scope: f.scope,
      state: 'open',
      ticketId: f.ticket.id,
      relatedTicketIds: f.relatedTicketIds,
      candidateKind: f.candidate?.kind ?? null,
      candidateRef: f.candidate?.ref ?? null,
      unitId: f.unitId,
      previousId: f.previousId,
      situation: f.situation,
      opinion: f.opinion,
      details,
      policyCode: policy.code,
      policyVersion: policy.version,
      startedAt: f.now,
      dueAt,
      openedBy: f.actor.id,
      createdAt: f.now,
      updatedAt: f.now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export function openedEvent(row: SupervisionRow, actor: SessionUser, now: Date): NewEvent<'supervision.opened'> {
  return {
    type: 'supervision.opened',
    ticketId: row.ticketId,
    actorId: actor.id,
    actorRole: 'supervisor',
    at: now,
    payload: {
      supervision: supervisionEventData(row),
      label: `${SUPERVISION_LABELS.type[row.type as SupervisionType]} ${row.number}`,
      scope: row.scope as SupervisionScope,
      previousId: row.previousId,
      candidate: row.candidateKind ? { kind: row.candidateKind, ref: row.candidateRef } : null,
    },
    rooms: roomsForSupervision(row.unitId),
  };
}

export async function checkUnit(tx: Tx, unitId: number): Promise<void> {
  const [unit] = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.active, true)))
    .limit(1);
  if (!unit) throw new AppError('validation_failed', '输入有误：被督办单位不存在', { unitId: '被督办单位不存在' });
}

async function checkRelated(tx: Tx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.select({ id: tickets.id }).from(tickets).where(inArray(tickets.id, ids));
  if (found.length !== new Set(ids).size) {
    throw new AppError('validation_failed', '输入有误：关联工单不存在', { relatedTicketIds: '关联工单不存在' });
  }
}
