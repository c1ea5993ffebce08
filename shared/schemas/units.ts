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
