/**
 * The ticket's timeline as GET /api/tickets/:id shows it: every stored event about the ticket,
 * read with the event catalogue (a row that does not match it is refused by name, never guessed
 * at), without the ticket summary live screens needed (shared/events/timeline.ts).
 */
import type { events } from '../../db/schema';
import { readEvent } from '../../shared/events/catalogue';
import { isTimelineEventType, timelineEvent } from '../../shared/events/timeline';
import type { TimelineEntry } from '../../shared/schemas/workspaces';

type EventRow = typeof events.$inferSelect;

export function presentTimeline(rows: readonly EventRow[]): TimelineEntry[] {
  return rows.flatMap((row) => {
    const event = readEvent(row);
    if (!isTimelineEventType(event.type)) return [];
    return [
      {
        ...timelineEvent(event as Parameters<typeof timelineEvent>[0]),
        seq: row.seq,
        actorId: row.actorId,
        actorRole: row.actorRole,
        at: row.at.toISOString(),
        fromState: row.fromState,
        toState: row.toState,
      },
    ];
  });
}
