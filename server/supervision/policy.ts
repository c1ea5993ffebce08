/** Who sees a supervision sheet: the centre and leaders all of them; a liaison only their unit's. */
import type { Role } from '../../shared/domain';
import type { SessionUser } from '../platform/auth/sessions';
import { roleRoom, unitRoom } from '../platform/live/rooms';

const READERS: readonly Role[] = ['supervisor', 'leader'];

export function canReadSupervision(user: SessionUser, s: { unitId: number }): boolean {
  if (user.roles.some((r) => READERS.includes(r))) return true;
  return user.roles.includes('liaison') && user.unitId !== null && user.unitId === s.unitId;
}

/** A liaison's list is limited to their unit; null = no limit. */
export function supervisionUnitFilter(user: SessionUser): number | null | 'none' {
  if (user.roles.some((r) => READERS.includes(r))) return null;
  return user.roles.includes('liaison') && user.unitId !== null ? user.unitId : 'none';
}

/** Rooms of a supervision event: the centre, leaders, the unit supervised (and the one before). */
export function roomsForSupervision(unitId: number, previousUnitId?: number): string[] {
  const rooms = new Set([roleRoom('supervisor'), roleRoom('leader'), unitRoom(unitId)]);
  if (previousUnitId !== undefined) rooms.add(unitRoom(previousUnitId));
  return [...rooms];
}
