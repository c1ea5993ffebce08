/** Queue filters (PRODUCT.md §7): lead unit, light, category, community — all optional, combined. */
import { Select, Space, Tag } from 'antd';
import { CATEGORY_CODES, LIGHTS } from '../../../shared/domain';
import type { MessageKey } from '../../../shared/i18n';
import type { TicketSummary } from '../../../shared/schemas/ticket';
import { useI18n } from '../lib/i18n';
import type { Unit } from '../lib/units';

export interface QueueFilter {
  unitId: number | null;
  light: string | null;
  category: string | null;
  communityId: number | null;
}

/** The dots of the light chips (the tags use antd's colour names). */
export const LIGHT_DOT: Record<string, string> = { normal: '#16a34a', warning: '#2563eb', yellow: '#eab308', red: '#dc2626', overdue: '#7f1d1d' };

export const NO_FILTER: QueueFilter = { unitId: null, light: null, category: null, communityId: null };

/** The light a queue shows: overdue as soon as the due time has passed, whatever was last stored. */
export function lightNow(t: TicketSummary, now: number): string | null {
  if (!t.dueAt) return null;
  return Date.parse(t.dueAt) < now ? 'overdue' : (t.light ?? 'normal');
}

export function matches(f: QueueFilter, t: TicketSummary, now: number): boolean {
  return (
    (f.unitId === null || t.leadUnitId === f.unitId || t.assistUnitIds.includes(f.unitId)) &&
    (f.light === null || lightNow(t, now) === f.light) &&
    (f.category === null || t.categoryCode === f.category) &&
    (f.communityId === null || t.communityUnitId === f.communityId)
  );
}

export function QueueFilters({
  value,
  onChange,
  units,
  tickets,
  now,
}: {
  value: QueueFilter;
  onChange(f: QueueFilter): void;
  units: Unit[];
  tickets: TicketSummary[];
  now: number;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<QueueFilter>) => onChange({ ...value, ...patch });
  const departments = units.filter((u) => u.kind !== 'community' && u.kind !== 'village');
  const communities = units.filter((u) => u.kind === 'community' || u.kind === 'village');
  const lightCount = (l: string) => tickets.filter((x) => matches({ ...value, light: null }, x, now) && lightNow(x, now) === l).length;
  return (
    <div className="queue-filters" data-testid="queue-filters">
      <Space wrap size={[8, 6]}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('queue.filter.unit')}
          aria-label={t('queue.filter.unit')}
          value={value.unitId ?? undefined}
          onChange={(v) => set({ unitId: v ?? null })}
          options={[
            { label: t('queue.filter.departments'), options: departments.map((u) => ({ value: u.id, label: u.name })) },
            { label: t('queue.filter.communities'), options: communities.map((u) => ({ value: u.id, label: u.name })) },
          ]}
          style={{ width: 180 }}
          data-testid="filter-unit"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('console.category')}
          aria-label={t('console.category')}
          value={value.category ?? undefined}
          onChange={(v) => set({ category: v ?? null })}
          options={CATEGORY_CODES.map((c) => ({ value: c, label: t(`category.${c}` as MessageKey) }))}
          style={{ width: 160 }}
          data-testid="filter-category"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('queue.filter.community')}
          aria-label={t('queue.filter.community')}
          value={value.communityId ?? undefined}
          onChange={(v) => set({ communityId: v ?? null })}
          options={communities.map((u) => ({ value: u.id, label: u.name }))}
          style={{ width: 150 }}
          data-testid="filter-community"
        />
        <span className="light-filter" data-testid="filter-light" role="group" aria-label={t('queue.filter.light')}>
          {[...LIGHTS].reverse().map((l) => (
            <Tag.CheckableTag
              key={l}
              checked={value.light === l}
              onChange={() => set({ light: value.light === l ? null : l })}
              data-testid={`filter-light-${l}`}
            >
              <span className="light-dot" style={{ background: LIGHT_DOT[l] }} />
              {t(`light.${l}` as MessageKey)} {lightCount(l)}
            </Tag.CheckableTag>
          ))}
        </span>
      </Space>
    </div>
  );
}
