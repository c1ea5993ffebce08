/**
 * Demo data: the sample town, one user per role, and one liaison per unit. The same function
 * seeds tests (a fresh town per test database) and the console on first start.
 */
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { JIUTING_COMMUNITIES } from '../../db/data/jiuting-addresses';
import { dispatchRules, units, users } from '../../db/schema';
import { seedKnowledge } from '../../db/seed/knowledge';
import { DEPARTMENTS, DISPATCH_RULES, type SeedUnit } from '../../db/seed/town';
import type { Role } from '../../shared/domain';
import { DEMO_OPEN311_KEY, insertApiKey } from '../open311/api-keys';
import { hashPassword } from '../platform/auth/passwords';

export interface SeedResult {
  seeded: boolean;
  units: Record<string, number>;
}

export interface SeedOptions {
  password: string;
  communities?: SeedUnit[];
}

/** Seeds only an empty database; returns the unit ids by code either way. */
export async function seedDemo(db: Db, opts: SeedOptions): Promise<SeedResult> {
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return { seeded: false, units: await unitIds(db) };

  // Demo only: one hash for every demo account keeps seeding fast (each argon2 hash ≈ 50 ms).
  const passwordHash = await hashPassword(opts.password);
  await db.transaction(async (tx) => {
    const communities = opts.communities ?? JIUTING_COMMUNITIES.map((c) => ({ code: c.code, name: c.name, kind: c.kind }));
    const allUnits = [...DEPARTMENTS, ...communities];
    const inserted = await tx.insert(units).values(allUnits).returning();
    const byCode = new Map(inserted.map((u) => [u.code, u.id]));
    const unit = (code: string) => {
      const id = byCode.get(code);
      if (id === undefined) throw new Error(`unknown unit ${code}`);
      return id;
    };
    await tx.insert(dispatchRules).values(
      Object.entries(DISPATCH_RULES).map(([categoryCode, r]) => ({
        version: 1,
        categoryCode,
        leadUnitId: r.lead ? unit(r.lead) : null,
        assistUnitIds: r.assist.map(unit),
      })),
    );
    const people: { username: string; displayName: string; roles: Role[]; unitId?: number }[] = [
      { username: 'operator', displayName: '话务员 王敏', roles: ['operator'] },
      { username: 'operator2', displayName: '话务员 李娜', roles: ['operator'] },
      { username: 'revisit', displayName: '回访员 张丽', roles: ['revisit'] },
      { username: 'supervisor', displayName: '值班长 陈刚', roles: ['supervisor'] },
      { username: 'leader', displayName: '镇领导 周伟', roles: ['leader'] },
      { username: 'admin', displayName: '系统管理员', roles: ['admin'] },
      { username: 'liaison', displayName: '联络人 赵强（城管中队）', roles: ['liaison'], unitId: unit('d_chengguan') },
      ...inserted.map((u) => ({
        username: `liaison-${u.code.replaceAll('_', '-')}`,
        displayName: `联络人（${u.name}）`,
        roles: ['liaison'] as Role[],
        unitId: u.id,
      })),
      // Issue 18: the next shift's 值班长, who reads and acknowledges the handover (last, so earlier ids stay as they were).
      { username: 'supervisor2', displayName: '值班长 刘洋', roles: ['supervisor'] },
    ];
    await tx.insert(users).values(people.map((p) => ({ ...p, passwordHash })));
    // Issue 8: the demo city platform's Open311 key (stored hashed, like every key).
    await insertApiKey(tx, { name: '演示城市平台（Open311）', key: DEMO_OPEN311_KEY, createdBy: null, now: new Date() });
    // Issue 4: the knowledge base operators answer consultations from.
    await seedKnowledge(tx, new Date());
  });
  return { seeded: true, units: await unitIds(db) };
}

async function unitIds(db: Db): Promise<Record<string, number>> {
  const rows = await db.select({ id: units.id, code: units.code }).from(units).where(eq(units.active, true));
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}
