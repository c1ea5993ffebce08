/**
 * Before an intake record is stored (PRODUCT.md §5): resolve its address to a community and grid, find
 * the earlier tickets it repeats, and note the rule table version the confirmed category
 * follows. Runs inside the create transaction; writes nothing.
 */
import { and, desc, eq, gte, lte, or } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { JIUTING_ADDRESS_BOOK } from '../../db/data/jiuting-addresses';
import { tickets } from '../../db/schema';
import { resolveAddress, type ResolvedAddress } from '../../shared/address/address-book';
import { normalizeAddress } from '../../shared/address/normalize-address';
import { sameCaller } from '../../shared/phone';
import { madeProgress, type MatterTicket } from '../../shared/repeats/matter';
import type { TRepeatSettings } from '../../shared/schemas/rules';
import { latestRuleVersion } from '../classify/rule-table';
import { activeUnits } from '../units/active-units';
import { currentRepeatSettings, DAY_MS } from './settings';

/** Why a ticket is linked to an earlier one. */
export type LinkReason = 'same_phone' | 'same_place';

export interface EarlierTicket {
  id: number;
  number: string;
  state: string;
  categoryCode: string | null;
  detail: unknown;
  createdAt: Date;
  reasons: LinkReason[];
}

/** An earlier ticket of the same caller or at the same address, any category: what the matter rule reads. */
export interface EarlierCall extends MatterTicket {
  id: number;
}

export interface IntakeAnalysis {
  /** Spread into the new ticket row. */
  columns: {
    /** Null without an address (issue 16): no address is not one place shared by every such record. */
    addressKey: string | null;
    communityUnitId: number | null;
    gridCode: string | null;
    ruleVersion: number | null;
    repeatCount: number;
  };
  resolved: ResolvedAddress | null;
  communityName: string | null;
  /** Newest first: the repeats linked to the ticket (same phone, or same address and category). */
  earlier: EarlierTicket[];
  /** Issue 15.5: the same caller's or address's calls of any category, for the matter rule (shared/repeats/matter.ts). */
  calls: EarlierCall[];
  settings: TRepeatSettings;
}

export interface AnalyseIntakeInput {
  /** Null: no number given (Open311); such a call is linked by address only. */
  contactPhone: string | null;
  address: string;
  categoryCode?: string | null | undefined;
}

/** More links than this are not useful to anyone reading them; the count still says "many". */
const MAX_LINKS = 200;

/** The key "same address" compares: the list entry, or the normalised text when the list has no match. */
export function addressKeyOf(address: string, resolved: ResolvedAddress | null): string {
  return resolved ? resolved.entry.id : `text:${normalizeAddress(address).text}`;
}

export async function analyseIntake(tx: Tx, input: AnalyseIntakeInput, now: Date): Promise<IntakeAnalysis> {
  const resolved = resolveAddress(input.address, JIUTING_ADDRESS_BOOK);
  const addressKey = input.address.trim() ? addressKeyOf(input.address, resolved) : null;
  const community = resolved ? (await activeUnits(tx)).find((u) => u.code === resolved.community.code) : undefined;
  const { settings } = await currentRepeatSettings(tx);
  const category = input.categoryCode ?? null;
  const since = new Date(now.getTime() - settings.repeatWindowDays * DAY_MS);
  // Same address in any category: the links keep address + category (R12); the matter rule reads them all.
  const sameAddress = addressKey ? eq(tickets.addressKey, addressKey) : undefined;
  // No number given: no same-phone link (a missing number is not another missing number's caller).
  const samePhone = input.contactPhone !== null ? eq(tickets.contactPhone, input.contactPhone) : undefined;
  const rows = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      state: tickets.state,
      categoryCode: tickets.categoryCode,
      detail: tickets.detail,
      createdAt: tickets.createdAt,
      contactPhone: tickets.contactPhone,
      addressKey: tickets.addressKey,
      description: tickets.description,
    })
    .from(tickets)
    .where(and(gte(tickets.createdAt, since), lte(tickets.createdAt, now), or(samePhone, sameAddress)))
    .orderBy(desc(tickets.id))
    .limit(MAX_LINKS);
  const earlier = rows.flatMap((r): EarlierTicket[] => {
    const reasons: LinkReason[] = [];
    if (sameCaller(r.contactPhone, input.contactPhone)) reasons.push('same_phone');
    if (category && addressKey && r.addressKey === addressKey && r.categoryCode === category) reasons.push('same_place');
    if (reasons.length === 0) return [];
    return [{ id: r.id, number: r.number, state: r.state, categoryCode: r.categoryCode, detail: r.detail, createdAt: r.createdAt, reasons }];
  });
  const calls = rows.map((r): EarlierCall => ({
    id: r.id,
    samePhone: sameCaller(r.contactPhone, input.contactPhone),
    sameAddress: addressKey !== null && r.addressKey === addressKey,
    categoryCode: r.categoryCode,
    description: r.description,
    progressed: progressOf(r),
  }));
  return {
    columns: {
      addressKey,
      communityUnitId: community?.id ?? null,
      gridCode: resolved?.grid.code ?? null,
      // 000 四: the ticket keeps the rule version its category was confirmed under.
      ruleVersion: category ? (await latestRuleVersion(tx)) || null : null,
      repeatCount: earlier.length,
    },
    resolved,
    communityName: community?.name ?? resolved?.community.name ?? null,
    earlier,
    calls,
    settings,
  };
}

/** The shared progress rule over a stored row (the revisit's verdict lives in the snapshot). */
export function progressOf(row: { state: string; detail: unknown }): boolean {
  const revisit = (row.detail as { revisit?: { resolved?: boolean } | null } | null)?.revisit;
  return madeProgress({ state: row.state, resolvedAtRevisit: revisit?.resolved === true });
}
