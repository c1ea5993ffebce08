/**
 * Every event the system writes, `<resource>.<verb>` (STYLE: events), each with the zod schema of
 * its payload. The names are stored in the events table and never change; a new event is a new
 * name. Writing (`server/platform/append-events.ts`) accepts only these types, with payloads that
 * parse; readers switch over `EventType` exhaustively, so a new type fails typecheck until every
 * reader has decided what to do with it. Design: docs/decisions/events.md.
 */
import type { z } from 'zod';
import type { TicketSummary } from '../schemas/ticket';
import { ACCOUNT_EVENTS } from './accounts';
import { CALL_EVENTS } from './call';
import { REFERENCE_EVENTS } from './reference';
import { SEARCH_EVENTS } from './search';
import { STAFFING_EVENTS } from './staffing';
import { SUPERVISION_EVENTS } from './supervision';
import { TICKET_EVENTS, type TicketDecisionEvent, type TicketDecisionType } from './ticket';

export const EVENT_CATALOGUE = {
  ...TICKET_EVENTS,
  ...CALL_EVENTS,
  ...SUPERVISION_EVENTS,
  ...REFERENCE_EVENTS,
  ...SEARCH_EVENTS,
  ...STAFFING_EVENTS,
  ...ACCOUNT_EVENTS,
} satisfies Record<string, z.ZodType>;

export type EventType = keyof typeof EVENT_CATALOGUE;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];

/** The payload of an event of type `T` as stored and as read. */
export type EventPayload<T extends EventType> = z.output<(typeof EVENT_CATALOGUE)[T]>;

/** An event's type with its payload, correlated: narrow on `type` to read `payload`. */
export type CatalogueEvent<T extends EventType = EventType> = { [K in T]: { type: K; payload: EventPayload<K> } }[T];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_CATALOGUE, value);
}

/** A stored payload that does not match the catalogue: a writer's bug or a row from outside the catalogue. */
export class EventPayloadError extends Error {
  constructor(
    readonly type: string,
    readonly issues: string[],
    /** The row, when the payload was read from the events table. */
    readonly seq?: number,
  ) {
    super(
      `event ${seq === undefined ? '' : `#${seq} `}${type}: ${issues.length ? `payload does not match the catalogue (${issues.join('; ')})` : 'not in the catalogue'}`,
    );
    this.name = 'EventPayloadError';
  }
}

/**
 * Parses a payload with its type's schema; throws EventPayloadError naming each mismatch
 * (path and message) and, for a stored row, its seq. No defaults are filled in.
 */
export function parseEventPayload<T extends EventType>(type: T, value: unknown, seq?: number): EventPayload<T> {
  if (!isEventType(type)) throw new EventPayloadError(type, [], seq);
  const result = (EVENT_CATALOGUE[type] as z.ZodType).safeParse(value);
  if (!result.success) {
    throw new EventPayloadError(
      type,
      result.error.issues.map((i) => `${i.path.map(String).join('.') || '(payload)'}: ${i.message}`),
      seq,
    );
  }
  return result.data as EventPayload<T>;
}

/** Reads a stored event: its type must be in the catalogue and its payload must parse. */
export function readEvent(row: { type: string; payload: unknown; seq?: number }): CatalogueEvent {
  if (!isEventType(row.type)) throw new EventPayloadError(row.type, [], row.seq);
  return { type: row.type, payload: parseEventPayload(row.type, row.payload, row.seq) } as CatalogueEvent;
}

/** A decision of the ticket machine as stored: its payload with the ticket's summary after the command. */
export function withTicketSummary(event: TicketDecisionEvent, ticket: TicketSummary): CatalogueEvent<TicketDecisionType> {
  // The spread loses the type–payload correlation TypeScript tracks; the pair is the decision's own.
  return { type: event.type, payload: { ...event.payload, ticket } } as CatalogueEvent<TicketDecisionType>;
}
