/** Issue 18.3: the roster of a period — shifts, who is on them, staffed against required per half-hour. */
import { and, asc, gte, lt } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { shiftAssignments, shifts, users } from '../../db/schema';
import { addCalendarDays } from '../../shared/calendar/shanghai';
import type { WorkCalendar } from '../../shared/calendar/types';
import type { RosterAnswer, ShiftView } from '../../shared/schemas/staffing';
import type { StaffingSettings } from '../../shared/staffing/plan';
import { staffedPerSlot } from '../../shared/staffing/roster';
import { staffingPlan } from './staffing-plan';

export async function listShifts(db: Queryable): Promise<ShiftView[]> {
  const rows = await db.select().from(shifts).orderBy(asc(shifts.startMinute), asc(shifts.id));
  return rows.map((r) => ({ id: r.id, name: r.name, startMinute: r.startMinute, durationMinutes: r.durationMinutes, retired: r.retiredAt !== null }));
}

export async function buildRoster(
  db: Queryable,
  o: { from: string; days: number; calendar: WorkCalendar; settings: StaffingSettings; wrapUpSeconds: number },
): Promise<RosterAnswer> {
  const shiftList = await listShifts(db);
  const people = await db.select({ id: users.id, displayName: users.displayName, roles: users.roles, active: users.active }).from(users).orderBy(asc(users.id));
  const staff = people
    .filter((p) => p.active && p.roles.some((r) => r === 'operator' || r === 'supervisor'))
    .map(({ id, displayName, roles }) => ({ id, displayName, roles }));
  const operators = new Set(staff.filter((p) => p.roles.includes('operator')).map((p) => p.id));
  const to = addCalendarDays(o.from, o.days);
  const assignments = await db
    .select({ id: shiftAssignments.id, date: shiftAssignments.date, shiftId: shiftAssignments.shiftId, userId: shiftAssignments.userId })
    .from(shiftAssignments)
    .where(and(gte(shiftAssignments.date, addCalendarDays(o.from, -1)), lt(shiftAssignments.date, to)))
    .orderBy(asc(shiftAssignments.date), asc(shiftAssignments.id));
  const plan = await staffingPlan(db, { from: o.from, days: o.days, calendar: o.calendar, settings: o.settings, wrapUpSeconds: o.wrapUpSeconds });
  return {
    from: o.from,
    shifts: shiftList,
    staff,
    assignments: assignments.filter((a) => a.date >= o.from),
    days: plan.days.map((d) => ({
      date: d.date,
      kind: d.kind,
      staffed: staffedPerSlot(d.date, shiftList, assignments, operators),
      required: d.requirement.map((r) => r.scheduled),
      calls: d.slots.map((c) => Math.round(c * 10) / 10),
    })),
  };
}
