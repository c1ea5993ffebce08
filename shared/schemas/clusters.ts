/** PRODUCT.md §5 / §7: the cluster alerts and supervision candidates as GET /api/clusters and /api/supervision/candidates list them. */
import { z } from 'zod';
import { ZCandidateViewSchema, ZClusterViewSchema } from '../events/views';

/** GET /api/clusters: the alerts with the settings they were raised under. */
export const ZClusterListAnswerSchema = z.object({
  windowMinutes: z.number().int(),
  minCallers: z.number().int(),
  clusters: z.array(ZClusterViewSchema),
});

/** GET /api/supervision/candidates: repeats without progress (000 三(六)). */
export const ZCandidateListAnswerSchema = z.object({ candidates: z.array(ZCandidateViewSchema) });
