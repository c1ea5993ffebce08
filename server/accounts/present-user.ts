/** An account as the admin screen shows it: never its password hash. */
import type { users } from '../../db/schema';
import type { Role } from '../../shared/domain';
import type { TUserView } from '../../shared/schemas/accounts';

export function presentUser(u: typeof users.$inferSelect): TUserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles as Role[],
    unitId: u.unitId,
    active: u.active,
    createdAt: u.createdAt.toISOString(),
  };
}

/** The account fields a change is about (the events' before/after). */
export function accountOf(u: { displayName: string; roles: string[]; unitId: number | null }) {
  return { displayName: u.displayName, roles: u.roles as Role[], unitId: u.unitId };
}
