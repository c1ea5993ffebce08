/**
 * What leaves the server about a supervision sheet (an explicit whitelist): the sheet's fields
 * of 004 附件1/附件2, the ticket's number, time, address and content — never the caller's name
 * or phone — its replies with who signed them, and the reply clock's light.
 */
import { asc, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { supervisionReplies, supervisions, tickets, units, users } from '../../db/schema';
import type { WorkCalendar } from '../../shared/calendar/types';
import type { SupervisionEventData } from '../../shared/events/views';
import type { SupervisionView } from '../../shared/schemas/supervision';
import { allowedSupervisionCommands } from '../../shared/supervision/machine';
import type { EscalationMode, ReplyProgress, SupervisionScope, SupervisionState, SupervisionType } from '../../shared/supervision/types';
import { loadCalendar } from '../clock/calendar';
import type { SessionUser } from '../platform/auth/sessions';
import { asSeenBy } from '../tickets/presenter';
import { supervisionClock, supervisionPolicy } from './clock';

export type SupervisionRow = typeof supervisions.$inferSelect;

/** The type-specific part of a sheet, kept in `details`. */
export interface SupervisionDetails {
  onSite?: NonNullable<SupervisionView['onSite']>;
  escalation?: { mode: EscalationMode; leader: string };
  instructions?: { leader: string; instruction: string; at: string }[];
}

/** The compact form carried by live events (the screen refetches the sheet it shows). */
export function supervisionEventData(row: SupervisionRow): SupervisionEventData {
  return {
    id: row.id,
    number: row.number,
    type: row.type as SupervisionType,
    state: row.state as SupervisionState,
    version: row.version,
    unitId: row.unitId,
    ticketId: row.ticketId,
    dueAt: row.dueAt.toISOString(),
  };
}

export async function presentSupervisions(
  db: Queryable,
  rows: SupervisionRow[],
  viewer: SessionUser,
  now: Date,
  calendar?: WorkCalendar,
): Promise<SupervisionView[]> {
  if (rows.length === 0) return [];
  const cal = calendar ?? (await loadCalendar(db));
  const ids = rows.map((r) => r.id);
  const ticketRows = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      callAt: tickets.callAt,
      address: tickets.address,
      description: tickets.description,
      categoryCode: tickets.categoryCode,
      state: tickets.state,
      leadUnitId: tickets.leadUnitId,
      assistUnitIds: tickets.assistUnitIds,
    })
    .from(tickets)
    .where(inArray(tickets.id, [...new Set(rows.map((r) => r.ticketId))]));
  const unitRows = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(inArray(units.id, [...new Set(rows.map((r) => r.unitId))]));
  const replies = await db.select().from(supervisionReplies).where(inArray(supervisionReplies.supervisionId, ids)).orderBy(asc(supervisionReplies.id));
  const nexts = await db
    .select({ id: supervisions.id, number: supervisions.number, previousId: supervisions.previousId })
    .from(supervisions)
    .where(inArray(supervisions.previousId, ids));
  const previousIds = rows.map((r) => r.previousId).filter((id): id is number => id !== null);
  const previous = previousIds.length
    ? await db.select({ id: supervisions.id, number: supervisions.number }).from(supervisions).where(inArray(supervisions.id, previousIds))
    : [];
  const userIds = [...new Set([...rows.map((r) => r.openedBy), ...replies.map((r) => r.submittedBy)])];
  const people = await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, userIds));

  const ticketById = new Map(ticketRows.map((t) => [t.id, t]));
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const personName = new Map(people.map((p) => [p.id, p.displayName]));
  const nextOf = new Map(nexts.map((n) => [n.previousId, n]));
  const numberOf = new Map(previous.map((p) => [p.id, p.number]));
  const views: SupervisionView[] = [];
  for (const row of rows) {
    const ticket = ticketById.get(row.ticketId);
    if (!ticket) throw new Error(`supervision ${row.id} points at missing ticket ${row.ticketId}`);
    const details = row.details as SupervisionDetails;
    const policy = await supervisionPolicy(db, row.policyCode, row.policyVersion);
    const clock = supervisionClock(row, policy, cal, now);
    const subject = { state: row.state as SupervisionState, type: row.type as SupervisionType, unitId: row.unitId };
    // Issue 14 item 7: the sheet's texts and the ticket's description as the viewer may read them.
    views.push(
      asSeenBy(viewer, ticket, {
        id: row.id,
        number: row.number,
        type: subject.type,
        scope: row.scope as SupervisionScope,
        state: subject.state,
        version: row.version,
        unitId: row.unitId,
        unitName: unitName.get(row.unitId) ?? `#${row.unitId}`,
        ticket: {
          id: ticket.id,
          number: ticket.number,
          callAt: ticket.callAt.toISOString(),
          address: ticket.address,
          description: ticket.description,
          categoryCode: ticket.categoryCode,
          state: ticket.state,
        },
        relatedTicketIds: row.relatedTicketIds,
        candidate: row.candidateKind && row.candidateRef ? { kind: row.candidateKind, ref: row.candidateRef } : null,
        previousId: row.previousId,
        previousNumber: row.previousId === null ? null : (numberOf.get(row.previousId) ?? null),
        nextId: nextOf.get(row.id)?.id ?? null,
        nextNumber: nextOf.get(row.id)?.number ?? null,
        situation: row.situation,
        opinion: row.opinion,
        onSite: details.onSite ?? null,
        escalation: details.escalation ?? null,
        instructions: details.instructions ?? [],
        startedAt: row.startedAt.toISOString(),
        dueAt: row.dueAt.toISOString(),
        light: clock.light,
        onTime: clock.onTime,
        replies: replies
          .filter((r) => r.supervisionId === row.id)
          .map((r) => ({
            id: r.id,
            progress: r.progress as ReplyProgress,
            content: r.content,
            headName: r.headName,
            signedAt: r.signedAt,
            sealed: r.sealed,
            submittedBy: r.submittedBy,
            submittedByName: personName.get(r.submittedBy) ?? '',
            submittedAt: r.submittedAt.toISOString(),
          })),
        outcomeNote: row.outcomeNote,
        closedAt: row.closedAt?.toISOString() ?? null,
        openedBy: row.openedBy,
        openedByName: personName.get(row.openedBy) ?? '',
        allowedCommands: allowedSupervisionCommands(subject, viewer),
      }),
    );
  }
  return views;
}
