/** GET /api/policies: every version of every SLA policy (PRODUCT.md §4), as the printed transfer sheet reads it. */
import { z } from 'zod';
import { ZSlaPolicySchema } from '../clock/policy-schema';
import { TICKET_SOURCES, TICKET_TYPES } from '../domain';
import { requiredText } from './text';

const ZPolicyCodeRegex = /^[a-z][a-z0-9_]{1,47}$/;

export const ZPolicyRowSchema = z.object({
  code: z.string(),
  version: z.number().int(),
  definition: ZSlaPolicySchema,
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
});
export type TPolicyRow = z.output<typeof ZPolicyRowSchema>;

export const ZPolicyListSchema = z.array(ZPolicyRowSchema);

/**
 * Issue 15.2: which policy new tickets get, by source, ticket type (null: every type without a row
 * of its own) and the urgent flag (001 三.1 紧急工单). POST /api/policy-assignments, supervisors.
 */
export const ZPolicyAssignmentInputSchema = z.object(
  {
    source: z.enum(TICKET_SOURCES, { error: '来源不正确' }),
    type: z.enum(TICKET_TYPES, { error: '工单类型不正确' }).nullable().default(null),
    urgent: z.boolean({ error: '紧急标记应为是或否' }).default(false),
    policyCode: z.string({ error: '请选择策略' }).regex(ZPolicyCodeRegex, { error: '策略代码不正确' }),
    note: requiredText('说明', { max: 500 }),
  },
  { error: '请求内容须为对象' },
);
export type TPolicyAssignmentInput = z.input<typeof ZPolicyAssignmentInputSchema>;

/** One row of the assignment table in force (GET /api/policy-assignments). */
export const ZPolicyAssignmentViewSchema = z.object({
  id: z.number().int(),
  source: z.string(),
  type: z.string().nullable(),
  urgent: z.boolean(),
  policyCode: z.string(),
  note: z.string(),
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
});
export type PolicyAssignmentView = z.output<typeof ZPolicyAssignmentViewSchema>;
export const ZPolicyAssignmentListSchema = z.array(ZPolicyAssignmentViewSchema);

/** POST /api/policies/:code: the version published (201). */
export const ZPublishedPolicySchema = ZPolicyRowSchema.pick({ code: true, version: true, definition: true });

/** Issue 15.2 / 001 三.1: mark a ticket urgent (or no longer urgent), with a reason (POST /api/tickets/:id/urgency). */
export const ZSetUrgencyInputSchema = z.object(
  {
    version: z.number({ error: '缺少工单版本号（version）' }).int().positive({ error: '工单版本号不正确' }),
    urgent: z.boolean({ error: '紧急标记应为是或否' }),
    reason: requiredText('原因', { min: 2, max: 500 }),
  },
  { error: '请求内容须为对象' },
);
export type TSetUrgencyInput = z.input<typeof ZSetUrgencyInputSchema>;
