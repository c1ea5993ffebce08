/**
 * Issue 18: shifts, who is on which shift of which day, and the handover notes (交接班) between
 * shifts. Every change is also an event (shared/events/staffing.ts).
 */
import { index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { users } from './schema-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A shift pattern: e.g. 早班 08:00 for 8 hours. */
export const shifts = pgTable('shifts', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  /** Minutes after Shanghai midnight the shift starts (0–1439). */
  startMinute: integer('start_minute').notNull(),
  /** Length in minutes (a night shift runs past midnight into the next day). */
  durationMinutes: integer('duration_minutes').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  createdBy: integer('created_by').references(() => users.id),
  /** No longer in use (`shift.retired`): kept for the days it was worked, offered for none. */
  retiredAt: at('retired_at'),
  retiredBy: integer('retired_by').references(() => users.id),
});

/** An operator or supervisor on a shift of a Shanghai date. */
export const shiftAssignments = pgTable(
  'shift_assignments',
  {
    id: serial('id').primaryKey(),
    /** The Shanghai date the shift starts on, YYYY-MM-DD. */
    date: text('date').notNull(),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [unique('shift_assignments_once').on(t.date, t.shiftId, t.userId), index('shift_assignments_date_idx').on(t.date)],
);

/** A handover note from the supervisor on duty, with what was open when it was written, and its acknowledgement. */
export const handovers = pgTable(
  'handovers',
  {
    id: serial('id').primaryKey(),
    note: text('note').notNull(),
    /** What was open at writing: counts and ids (no citizen data). */
    open: jsonb('open').notNull(),
    /** The next handover (end of the next shift): tickets and sheets due before it are listed. */
    nextHandoverAt: at('next_handover_at').notNull(),
    writtenBy: integer('written_by')
      .notNull()
      .references(() => users.id),
    writtenAt: at('written_at').notNull(),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
    acknowledgedAt: at('acknowledged_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('handovers_written_at_idx').on(t.writtenAt)],
);
