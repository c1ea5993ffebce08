/**
 * Issue 15 item 11: the people and units the console runs on, changed in the console. Accounts
 * and units are never deleted: an account is disabled, a unit deactivated; every change is one of
 * these events with its actor (PRODUCT.md §1: admins keep users and roles, supervisors the units).
 * No password, hash or session token is ever in a payload.
 */
import { z } from 'zod';
import { ROLES, UNIT_KINDS } from '../domain';
import { count, id, payload } from './fields';

const ZAccountSchema = z.object({ displayName: z.string(), roles: z.array(z.enum(ROLES)), unitId: id.nullable() });

export const ACCOUNT_EVENTS = {
  /** An admin opened an account. */
  'user.created': payload({ userId: id, username: z.string(), account: ZAccountSchema }),
  /** An admin changed a person's name, roles or unit; their sessions ended (their rooms came from them). */
  'user.updated': payload({ userId: id, before: ZAccountSchema, after: ZAccountSchema, sessionsEnded: count }),
  /** An admin disabled an account: it cannot log in and its sessions ended. */
  'user.disabled': payload({ userId: id, sessionsEnded: count }),
  /** An admin enabled a disabled account again. */
  'user.enabled': payload({ userId: id }),
  /** An admin set a new password; the person's sessions ended. */
  'user.password_reset': payload({ userId: id, sessionsEnded: count }),
  /** A supervisor added a handling unit. */
  'unit.created': payload({ unitId: id, code: z.string(), name: z.string(), kind: z.enum(UNIT_KINDS) }),
  /** A supervisor renamed a unit (its code, tickets and history stay). */
  'unit.renamed': payload({ unitId: id, before: z.string(), after: z.string() }),
  /** A supervisor deactivated a unit: no longer offered for dispatch; its tickets and history stay. */
  'unit.deactivated': payload({ unitId: id }),
  /** A supervisor made a deactivated unit active again. */
  'unit.reactivated': payload({ unitId: id }),
};
