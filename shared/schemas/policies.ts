/** GET /api/policies: every version of every SLA policy (PRODUCT.md §4), as the printed transfer sheet reads it. */
import { z } from 'zod';
import { ZSlaPolicySchema } from '../clock/policy-schema';

export const ZPolicyRowSchema = z.object({
  code: z.string(),
  version: z.number().int(),
  definition: ZSlaPolicySchema,
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
});
export type TPolicyRow = z.output<typeof ZPolicyRowSchema>;

export const ZPolicyListSchema = z.array(ZPolicyRowSchema);
