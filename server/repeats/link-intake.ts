/**
 * After an intake record is stored, in the same transaction (PRODUCT.md §5): remember the operator's
 * confirmed category for the classifier, link the ticket to the earlier ones it repeats, and raise
 * a supervision candidate or a cluster alert when the rules say so. Returns the events to append;
 * the caller appends them and publishes after commit.
 */
import type { Tx } from '../../db/client';
import { classifierChoices, ticketLinks, type tickets } from '../../db/schema';
import type { NewEvent } from '../platform/unit-of-work';
import type { IntakeAnalysis } from './analyse-intake';
import { detectCluster } from './detect-cluster';
import { raiseSupervisionCandidate } from './supervision-candidate';

export interface LinkIntakeOptions {
  ticket: typeof tickets.$inferSelect;
  analysis: IntakeAnalysis;
  actorId: number;
  actorRole: string;
  now: Date;
}

export async function linkIntake(tx: Tx, opts: LinkIntakeOptions): Promise<NewEvent[]> {
  const { ticket, analysis, now } = opts;
  if (ticket.categoryCode) {
    await tx
      .insert(classifierChoices)
      .values({ ticketId: ticket.id, text: ticket.description, categoryCode: ticket.categoryCode, confirmedBy: opts.actorId, createdAt: now });
  }
  if (analysis.earlier.length) {
    await tx.insert(ticketLinks).values(analysis.earlier.map((e) => ({ ticketId: ticket.id, linkedTicketId: e.id, reasons: e.reasons, createdAt: now })));
  }
  const actor = { actorId: opts.actorId, actorRole: opts.actorRole, now, settings: analysis.settings };
  const candidate = await raiseSupervisionCandidate(tx, { ...actor, ticket, calls: analysis.calls });
  const cluster = await detectCluster(tx, { ...actor, ticket, communityName: analysis.communityName });
  return [candidate, cluster].filter((e): e is NewEvent => e !== null);
}
