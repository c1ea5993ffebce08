/**
 * Issue 15.2 (PRODUCT.md §4 "each source and ticket type has an SLA policy, editable by
 * supervisors"): a supervisor maps a source, a ticket type (or every type) and the urgent flag to a
 * policy — a shipped one or one the supervisors published. Appended as a row (the newest wins),
 * audited as `policy.assigned`; it applies to tickets registered (or marked urgent) after it.
 */
import { eq } from 'drizzle-orm';
import { policyAssignments, slaPolicies } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import type { ZPolicyAssignmentInputSchema } from '../../../shared/schemas/policies';
import { supervisorChangeEvent, type SupervisorChangeOptions } from '../../platform/supervisor-change';
import { withTransaction } from '../../platform/unit-of-work';

export type AssignPolicyOptions = SupervisorChangeOptions<typeof ZPolicyAssignmentInputSchema>;

export async function assignPolicy(opts: AssignPolicyOptions) {
  const { actor, now, input } = opts;
  return withTransaction(opts, async (tx, emit) => {
    const [known] = await tx.select({ code: slaPolicies.code }).from(slaPolicies).where(eq(slaPolicies.code, input.policyCode)).limit(1);
    if (!known) throw new AppError('validation_failed', '输入有误：没有这个时限策略', { policyCode: '没有这个时限策略，请先发布' });
    const [row] = await tx
      .insert(policyAssignments)
      .values({
        source: input.source,
        type: input.type,
        urgent: input.urgent,
        policyCode: input.policyCode,
        note: input.note,
        createdAt: now,
        createdBy: actor.id,
      })
      .returning();
    if (!row) throw new Error('policy assignment insert returned no row');
    emit(
      supervisorChangeEvent(opts, 'policy.assigned', {
        id: row.id,
        source: row.source,
        type: row.type,
        urgent: row.urgent,
        policyCode: row.policyCode,
        note: row.note,
      }),
    );
    return row;
  });
}
