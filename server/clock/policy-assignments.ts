/**
 * Which SLA policy a ticket runs under (PRODUCT.md §4 "each source and ticket type has an SLA
 * policy"; issue 15.2): the supervisors' assignment table (append-only rows, the newest for a
 * (source, type, urgent) wins), then the shipped defaults — 12345 orders get `district_12345`
 * (000 三(三)), urgent orders `urgent` (001 三.1: 3 working days), the rest `hotline_default` (003).
 */
import { desc } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { policyAssignments } from '../../db/schema';
import type { TicketSource, TicketType } from '../../shared/domain';
import type { PolicyAssignmentView } from '../../shared/schemas/policies';
import { cachedReference } from '../platform/reference-data';

export interface PolicyKey {
  source: TicketSource;
  type: TicketType;
  /** 001 三.1 紧急工单. */
  urgent: boolean;
}

/** The shipped choice when no assignment matches. */
export function defaultPolicyCode({ source, urgent }: PolicyKey): string {
  if (urgent) return 'urgent';
  return source === 'district_12345' ? 'district_12345' : 'hotline_default';
}

type AssignmentRow = typeof policyAssignments.$inferSelect;

/** The table in force: the newest row of each (source, type, urgent). */
export function currentAssignments(q: Queryable): Promise<readonly AssignmentRow[]> {
  return cachedReference(q, 'assignments', 'current', async (db) => {
    const rows = await db.select().from(policyAssignments).orderBy(desc(policyAssignments.id));
    const seen = new Set<string>();
    return rows.filter((r) => {
      const key = `${r.source}|${r.type ?? '*'}|${r.urgent}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });
}

/** The policy code for a new (or newly urgent) ticket: the exact type's row, then the source's any-type row, then the default. */
export async function choosePolicyCode(q: Queryable, key: PolicyKey): Promise<string> {
  const rows = (await currentAssignments(q)).filter((r) => r.source === key.source && r.urgent === key.urgent);
  const exact = rows.find((r) => r.type === key.type);
  const anyType = rows.find((r) => r.type === null);
  return (exact ?? anyType)?.policyCode ?? defaultPolicyCode(key);
}

export function presentAssignment(r: AssignmentRow): PolicyAssignmentView {
  return {
    id: r.id,
    source: r.source,
    type: r.type,
    urgent: r.urgent,
    policyCode: r.policyCode,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
  };
}
