/**
 * PRODUCT.md §4: a supervisor publishes a new version of an SLA policy. Versions are numbered per code
 * under the policy's row lock; tickets keep the version they were registered under, so the new
 * one applies to new tickets only. Audited as `policy.versioned`.
 */
import { desc, eq } from 'drizzle-orm';
import { slaPolicies } from '../../../db/schema';
import { ZSlaPolicySchema, type TSlaPolicy } from '../../../shared/clock/policy-schema';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';

export interface PublishPolicyVersionOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  /** The policy's code, already checked by the route. */
  code: string;
  /** The new definition without its code and version (they are assigned here). */
  definition: Omit<TSlaPolicy, 'code' | 'version'>;
}

export async function publishPolicyVersion(opts: PublishPolicyVersionOptions) {
  const { actor, now, code } = opts;
  return withTransaction(opts, async (tx, emit) => {
    // Lock the policy's rows so two supervisors cannot publish the same version number.
    const [latest] = await tx.select().from(slaPolicies).where(eq(slaPolicies.code, code)).orderBy(desc(slaPolicies.version)).limit(1).for('update');
    const definition = ZSlaPolicySchema.parse({ ...opts.definition, code, version: (latest?.version ?? 0) + 1 });
    const [row] = await tx
      .insert(slaPolicies)
      .values({ code: definition.code, version: definition.version, definition, createdAt: now, createdBy: actor.id })
      .returning();
    if (!row) throw new Error('policy insert returned no row');
    emit({
      type: 'policy.versioned',
      actorId: actor.id,
      actorRole: 'supervisor',
      at: now,
      payload: { code: definition.code, version: definition.version },
      rooms: [roleRoom('supervisor')],
    });
    return row;
  });
}
