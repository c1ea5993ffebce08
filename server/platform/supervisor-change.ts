/**
 * What a supervisor's change of the console's settings (a policy assignment, a shift assignment)
 * takes and the audit event it writes: the actor, the moment, the checked input; one event to the
 * supervisors' room.
 */
import type { z } from 'zod';
import type { EventPayload, EventType } from '../../shared/events/catalogue';
import type { SessionUser } from './auth/sessions';
import { roleRoom } from './live/rooms';
import type { NewEvent, UnitOfWorkDeps } from './unit-of-work';

export interface SupervisorChangeOptions<S extends z.ZodType> extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  input: z.output<S>;
}

/** The event of a supervisor's change, seen live by the supervisors. */
export function supervisorChangeEvent<T extends EventType>(opts: { actor: SessionUser; now: Date }, type: T, payload: EventPayload<T>): NewEvent {
  // The payload is checked against the catalogue at append time too (append-events.ts); TypeScript cannot correlate a generic `T` here.
  return { type, payload, actorId: opts.actor.id, actorRole: 'supervisor', at: opts.now, rooms: [roleRoom('supervisor')] } as NewEvent;
}
