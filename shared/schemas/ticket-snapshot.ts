/**
 * The intake record and its life as the ticket's page reads it (shared/ticket/snapshot.ts): the
 * schema of `detail` in GET /api/tickets/:id and POST /api/tickets answers (issue 19.1).
 * defineRoute checks at compile time that the snapshot the presenter returns fits it.
 */
import { z } from 'zod';
import { CLOSE_ON_CALL_REASONS, OUTCOMES, SATISFACTIONS, TICKET_SOURCES, TICKET_STATES, TICKET_TYPES } from '../domain';
import { ARCHIVED_AS, CONTACT_CHANNELS, REQUEST_KINDS } from '../ticket/snapshot';

const ZInstant = z.string();

export const ZPendingRequestSchema = z.object({
  id: z.string(),
  kind: z.enum(REQUEST_KINDS),
  unitId: z.number().int(),
  at: ZInstant,
  reason: z.string(),
  suggestedUnitId: z.number().int().optional(),
  requestedDue: ZInstant.optional(),
});

export const ZReplySchema = z.object({
  outcome: z.enum(OUTCOMES),
  facts: z.string(),
  report: z.string(),
  citizenToldAt: ZInstant,
  at: ZInstant,
  unitId: z.number().int(),
});

export const ZTicketSnapshotSchema = z.object({
  id: z.number().int(),
  state: z.enum(TICKET_STATES),
  version: z.number().int(),
  type: z.enum(TICKET_TYPES),
  source: z.enum(TICKET_SOURCES),
  round: z.number().int(),
  leadUnitId: z.number().int().nullable(),
  assistUnitIds: z.array(z.number().int()),
  designatedUnitId: z.number().int().nullable(),
  returnedByUnitIds: z.array(z.number().int()),
  onSiteDetermination: z.boolean(),
  registeredAt: ZInstant.nullable().optional(),
  dispatchedAt: ZInstant.nullable(),
  acceptedAt: ZInstant.nullable(),
  firstContact: z.object({ at: ZInstant, channel: z.enum(CONTACT_CHANNELS), note: z.string() }).nullable(),
  siteVisit: z.object({ at: ZInstant, note: z.string() }).nullable(),
  facts: z.string().nullable(),
  reply: ZReplySchema.nullable(),
  citizenToldAt: ZInstant.nullable(),
  revisitAttempts: z.array(z.object({ at: ZInstant, reached: z.boolean(), note: z.string() })),
  revisit: z.object({ resolved: z.boolean(), satisfaction: z.enum(SATISFACTIONS), words: z.string(), at: ZInstant }).nullable(),
  closedReason: z.enum(CLOSE_ON_CALL_REASONS).nullable(),
  pendingRequests: z.array(ZPendingRequestSchema),
  extensions: z.array(z.object({ due: ZInstant, grantedAt: ZInstant })),
  delayExplanations: z.array(z.object({ at: ZInstant, unitId: z.number().int(), reason: z.string() })),
  flags: z.object({ warning: z.boolean(), notCounted: z.boolean(), objectiveCase: z.boolean() }),
  archivedAs: z.enum(ARCHIVED_AS).nullable(),
});
