/**
 * PRODUCT.md §5 / PRODUCT.md §7 caller history screen pop: the caller's earlier tickets (same phone) and the
 * recent ones about the same address, newest first, masked as PRODUCT.md §9 says — no full phone
 * numbers, confidential callers' names withheld.
 */
import { and, desc, eq, gte, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { JIUTING_ADDRESS_BOOK } from '../../db/data/jiuting-addresses';
import { tickets } from '../../db/schema';
import { resolveAddress } from '../../shared/address/address-book';
import { isCategoryCode } from '../../shared/classify/labelled-examples';
import { maskPhone } from '../../shared/schemas/ticket';
import { isTerminal } from '../../shared/ticket/machine';
import { categoryLabel } from '../classify/suggest';
import { addressKeyOf, progressOf } from './analyse-intake';
import { currentRepeatSettings, DAY_MS } from './settings';

export interface CallerHistoryQuery {
  phone?: string | undefined;
  address?: string | undefined;
  now: Date;
  /** Most tickets returned (newest first). */
  limit: number;
}

export type HistoryReason = 'same_phone' | 'same_address';

export async function callerHistory(db: Db, q: CallerHistoryQuery) {
  const { settings } = await currentRepeatSettings(db);
  const since = new Date(q.now.getTime() - settings.repeatWindowDays * DAY_MS);
  const resolved = q.address ? resolveAddress(q.address, JIUTING_ADDRESS_BOOK) : null;
  const addressKey = q.address ? addressKeyOf(q.address, resolved) : null;
  // The caller's own history has no window; other callers' tickets at the address do.
  const byPhone = q.phone ? eq(tickets.contactPhone, q.phone) : undefined;
  const byAddress = addressKey ? and(eq(tickets.addressKey, addressKey), gte(tickets.createdAt, since)) : undefined;
  const rows = await db.select().from(tickets).where(or(byPhone, byAddress)).orderBy(desc(tickets.id)).limit(q.limit);
  const open = rows.filter((r) => !isTerminal(r.state));
  return {
    phoneMasked: q.phone ? maskPhone(q.phone) : null,
    address: resolved ? { entryId: resolved.entry.id, name: resolved.entry.name, community: resolved.community.name, grid: resolved.grid.name } : null,
    windowDays: settings.repeatWindowDays,
    total: rows.length,
    open: open.length,
    supervisionRepeats: settings.supervisionRepeats,
    tickets: rows.map((r) => {
      const reasons: HistoryReason[] = [];
      if (q.phone && r.contactPhone === q.phone) reasons.push('same_phone');
      if (addressKey && r.addressKey === addressKey && r.createdAt >= since) reasons.push('same_address');
      return {
        id: r.id,
        number: r.number,
        state: r.state,
        type: r.type,
        categoryCode: r.categoryCode,
        categoryLabel: r.categoryCode && isCategoryCode(r.categoryCode) ? categoryLabel(r.categoryCode) : null,
        callAt: r.callAt.toISOString(),
        createdAt: r.createdAt.toISOString(),
        contactName: r.confidential ? '（保密）' : r.contactName,
        contactPhoneMasked: maskPhone(r.contactPhone),
        address: r.address,
        description: r.description.length > 120 ? `${r.description.slice(0, 120)}…` : r.description,
        leadUnitId: r.leadUnitId,
        repeatCount: r.repeatCount,
        reasons,
        // What the matter rule reads (shared/repeats/matter.ts), the same as the server's at intake.
        inWindow: r.createdAt >= since && r.createdAt <= q.now,
        progressed: progressOf(r),
      };
    }),
  };
}
