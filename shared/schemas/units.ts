/** Reference data every screen reads: the handling units (GET /api/units). */
import { z } from 'zod';

export const ZUnitSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  /** department, community, village or company (shared/domain UNIT_KINDS). */
  kind: z.string(),
});
export type TUnit = z.output<typeof ZUnitSchema>;

/** GET /api/units: the active units, by kind then id. */
export const ZUnitListSchema = z.array(ZUnitSchema);

/** A unit as supervisors and admins manage it (GET /api/units/all, POST /api/units, PATCH …/:id, POST …/:id/active). */
export const ZAdminUnitSchema = ZUnitSchema.extend({
  active: z.boolean(),
  /** Active liaison accounts of the unit (0 in the answer to a change). */
  liaisons: z.number().int().min(0),
});

/** GET /api/units/all: every unit, active or not. */
export const ZAdminUnitListAnswerSchema = z.object({ units: z.array(ZAdminUnitSchema) });
