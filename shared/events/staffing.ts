/** Issue 18: shifts, their staff, and the handover between shifts (交接班), each step with its actor. */
import { z } from 'zod';
import { count, id, instant, isoDay, payload } from './fields';

const ZShiftViewSchema = z.object({ id, name: z.string(), startMinute: z.number().int(), durationMinutes: z.number().int() });
const assignment = payload({ assignmentId: id, date: isoDay, shiftId: id, userId: id });

/** What was open when a handover was written (counts only; the ids live on the handover row). */
export const ZHandoverOpenCountsSchema = z.object({
  clusters: count,
  callbacks: count,
  ticketsOverdue: count,
  ticketsDueBeforeNext: count,
  supervisionsDue: count,
});

export const STAFFING_EVENTS = {
  /** A supervisor defined a shift pattern. */
  'shift.defined': payload({ shift: ZShiftViewSchema }),
  /** A supervisor retired a shift pattern: offered for no new day, kept for the days it was worked. */
  'shift.retired': payload({ shift: ZShiftViewSchema }),
  /** A supervisor put a person on a shift of a day. */
  'shift.assigned': assignment,
  /** … and took them off it. */
  'shift.unassigned': assignment,
  /** The supervisor on duty wrote the handover note for the next shift. */
  'handover.written': payload({ handoverId: id, nextHandoverAt: instant, open: ZHandoverOpenCountsSchema }),
  /** The next shift's supervisor read and acknowledged it. */
  'handover.acknowledged': payload({ handoverId: id, writtenBy: id }),
};
