/**
 * 000 四 派单规则: the supervisor's view of the dispatch rule table — each category with its lead
 * unit ("属地" = the community of the address, 003 第八条) and assisting units. Saving publishes
 * a new version (audited on the server); another supervisor's publish arrives live.
 * Below: the repeat and cluster settings of PRODUCT.md §5.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, InputNumber, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { CategoryCode } from '../../../shared/domain';
import type { MessageKey } from '../../../shared/i18n';
import type { TDispatchRule, TRepeatSettings, TRuleTableView, TRuleVersion } from '../../../shared/schemas/rules';
import { publishRepeatSettings, publishRules, reloadRules, repeatSettingsQuery, ruleTableQuery, ruleVersionsQuery, RULES_VERSIONED_EVENT } from '../api/rules';
import { shortTime } from '../components/action-forms/time';
import { AppShell } from '../components/app-shell';
import { ApiError } from '../lib/api';
import { errorText } from '../lib/error-text';
import { useI18n } from '../lib/i18n';
import { useLiveEvent } from '../lib/live/hooks';
import { useUnits, type Unit } from '../lib/units';

type Rule = TDispatchRule;
/** The rules of a table as the editor changes them (units only; names are the table's). */
const rulesOf = (table: TRuleTableView | null): Rule[] =>
  (table?.rules ?? []).map((r) => ({ categoryCode: r.categoryCode, leadUnitId: r.leadUnitId, assistUnitIds: r.assistUnitIds }));
const NO_VERSIONS: TRuleVersion[] = [];

/** Value of the lead select for "territorial" (antd selects cannot hold null). */
const TERRITORIAL = 0;

const sameRule = (a: Rule | undefined, b: Rule | undefined) =>
  (a?.leadUnitId ?? null) === (b?.leadUnitId ?? null) && [...(a?.assistUnitIds ?? [])].sort().join() === [...(b?.assistUnitIds ?? [])].sort().join();

export function RulesPage() {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const units = useUnits();
  const tableQuery = useQuery(ruleTableQuery);
  const table = tableQuery.data ?? null;
  const history = useQuery(ruleVersionsQuery).data ?? NO_VERSIONS;
  // The supervisor's edits belong to the version they were made on: a newer table read (after a
  // publish, a conflict or a reload) starts the draft again from it.
  const [edit, setEdit] = useState<{ version: number; rules: Rule[] } | null>(null);
  const draft = useMemo(() => (table && edit?.version === table.version ? edit.rules : rulesOf(table)), [table, edit]);
  const setDraft = (next: (rows: Rule[]) => Rule[]) => table && setEdit({ version: table.version, rules: next(draft) });
  /** A version another supervisor published while this one was editing. */
  const [published, setPublished] = useState<number | null>(null);
  const newer = published !== null && table && published > table.version ? published : null;
  const load = () => void reloadRules(qc);

  useEffect(() => {
    if (tableQuery.isError) message.error(t('error.network'));
  }, [tableQuery.isError, message, t]);

  const original = useMemo(() => new Map((table?.rules ?? []).map((r) => [r.categoryCode, r] as const)), [table]);
  const changed = draft.filter((r) => !sameRule(r, original.get(r.categoryCode)));
  const changedCodes = new Set(changed.map((r) => r.categoryCode));

  // Another supervisor published: nothing edited here, take the new table; edited, keep the edits and say so.
  useLiveEvent((e) => {
    const version = (e.data as { version?: number } | null)?.version;
    if (e.type !== RULES_VERSIONED_EVENT || typeof version !== 'number' || !table || version <= table.version) return;
    if (changed.length === 0) load();
    else setPublished(version);
  });

  const update = (code: CategoryCode, patch: Partial<Rule>) =>
    setDraft((rows) =>
      rows.map((r) => {
        if (r.categoryCode !== code) return r;
        const next = { ...r, ...patch };
        // A unit cannot assist itself.
        if (next.leadUnitId !== null) next.assistUnitIds = next.assistUnitIds.filter((id) => id !== next.leadUnitId);
        return next;
      }),
    );

  const publishing = useMutation({
    mutationFn: (base: number) => publishRules(qc, { baseVersion: base, rules: draft }),
    onSuccess: (res) => message.success(t('rules.saved', { version: res.version })),
    onError: async (err) => {
      if (err instanceof ApiError && err.code === 'version_conflict') {
        await reloadRules(qc);
        message.warning(t('rules.conflict', { version: err.fields.baseVersion?.replace(/\D/g, '') ?? '' }));
      } else {
        message.error(errorText(locale, err));
      }
    },
  });
  const saving = publishing.isPending;
  const publish = async () => {
    if (table) await publishing.mutateAsync(table.version).catch(() => undefined);
  };

  const confirmPublish = () =>
    modal.confirm({
      title: t('rules.confirmTitle'),
      content: t('rules.confirmBody', { count: changed.length }),
      okText: t('rules.save'),
      onOk: publish,
    });

  const departments = units.filter((u) => u.kind === 'department' || u.kind === 'company');
  const communities = units.filter((u) => u.kind === 'community' || u.kind === 'village');
  const unitOptions = (list: Unit[]) => list.map((u) => ({ value: u.id, label: u.name }));
  const leadOptions = [
    { value: TERRITORIAL, label: t('rules.territorial') },
    { label: t('rules.group.departments'), options: unitOptions(departments) },
    { label: t('rules.group.communities'), options: unitOptions(communities) },
  ];
  const unitName = (id: number | null) => (id === null ? t('rules.territorial') : (units.find((u) => u.id === id)?.name ?? `#${id}`));

  const columns: ColumnsType<Rule> = [
    {
      title: t('rules.category'),
      dataIndex: 'categoryCode',
      width: 190,
      render: (code: CategoryCode) => (
        <span className="rules-category">
          {t(`category.${code}` as MessageKey)}
          {changedCodes.has(code) && (
            <Tag color="orange" className="rules-changed-tag">
              {t('rules.changed')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('rules.lead'),
      dataIndex: 'leadUnitId',
      width: 270,
      render: (lead: number | null, row) => (
        <Select
          data-testid={`lead-${row.categoryCode}`}
          aria-label={`${t(`category.${row.categoryCode}` as MessageKey)} ${t('rules.lead')}`}
          className="rules-select"
          showSearch={{ optionFilterProp: 'label' }}
          value={lead ?? TERRITORIAL}
          options={leadOptions}
          onChange={(v: number) => update(row.categoryCode, { leadUnitId: v === TERRITORIAL ? null : v })}
        />
      ),
    },
    {
      title: t('rules.assist'),
      dataIndex: 'assistUnitIds',
      render: (assist: number[], row) => (
        <Select
          data-testid={`assist-${row.categoryCode}`}
          aria-label={`${t(`category.${row.categoryCode}` as MessageKey)} ${t('rules.assist')}`}
          className="rules-select"
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('rules.noAssist')}
          value={assist}
          maxTagCount="responsive"
          options={[
            { label: t('rules.group.departments'), options: unitOptions(departments.filter((u) => u.id !== row.leadUnitId)) },
            { label: t('rules.group.communities'), options: unitOptions(communities.filter((u) => u.id !== row.leadUnitId)) },
          ]}
          onChange={(v: number[]) => update(row.categoryCode, { assistUnitIds: v })}
        />
      ),
    },
  ];

  return (
    <AppShell>
      <div className="rules-grid">
        <Card
          size="small"
          className="rules-card"
          title={
            <span>
              {t('rules.title')}{' '}
              {table && (
                <Tag color="blue" data-testid="rules-version">
                  {t('rules.version', { version: table.version })}
                </Tag>
              )}
              {table && (
                <Typography.Text type="secondary" className="rules-meta">
                  {t('rules.versionBy', { at: shortTime(table.createdAt), by: table.createdBy?.name ?? t('rules.seedAuthor') })}
                </Typography.Text>
              )}
            </span>
          }
          extra={
            <span className="rules-actions">
              <Link to="/units" data-testid="rules-units-link">
                {t('nav.units')}
              </Link>
              <Link to="/policies" data-testid="rules-policies-link">
                {t('nav.policies')}
              </Link>
              <Link to="/calendar" data-testid="rules-calendar-link">
                {t('nav.calendar')}
              </Link>
              {changed.length > 0 && <Typography.Text type="warning">{t('rules.changedCount', { count: changed.length })}</Typography.Text>}
              <Button disabled={changed.length === 0 || saving} onClick={() => setEdit(null)}>
                {t('rules.reset')}
              </Button>
              <Button type="primary" data-testid="rules-publish" disabled={changed.length === 0} loading={saving} onClick={confirmPublish}>
                {t('rules.save')}
              </Button>
            </span>
          }
        >
          <Typography.Paragraph type="secondary" className="rules-principle">
            {t('rules.principle')}
          </Typography.Paragraph>
          {newer !== null && (
            <Alert
              type="warning"
              showIcon
              className="rules-newer"
              title={t('rules.conflict', { version: newer })}
              action={
                <Button size="small" onClick={load}>
                  ↻
                </Button>
              }
            />
          )}
          <Table<Rule>
            data-testid="rules-table"
            size="small"
            rowKey="categoryCode"
            columns={columns}
            dataSource={draft}
            pagination={false}
            loading={!table}
            rowClassName={(r) => (changedCodes.has(r.categoryCode) ? 'rules-row-changed' : '')}
          />
        </Card>
        <div className="rules-side">
          <Card size="small" title={t('rules.history')} className="rules-history" data-testid="rules-history">
            {history.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              history.map((h) => (
                <div key={h.version} className="rules-history-item">
                  <div>
                    <Tag color={h.version === table?.version ? 'blue' : 'default'}>v{h.version}</Tag>
                    <Typography.Text type="secondary">
                      {shortTime(h.createdAt)} · {h.createdBy?.name ?? t('rules.seedAuthor')}
                    </Typography.Text>
                  </div>
                  {h.changes.length === 0 ? (
                    <div className="rules-history-change">{t('rules.initial')}</div>
                  ) : (
                    h.changes.map((c) => (
                      <div key={c.categoryCode} className="rules-history-change">
                        <b className="rules-history-category">{t(`category.${c.categoryCode}` as MessageKey)}</b>
                        <Tooltip
                          title={`${t('rules.assist')}：${(c.before?.assistUnitIds ?? []).map(unitName).join('、') || t('rules.noAssist')} → ${(c.after?.assistUnitIds ?? []).map(unitName).join('、') || t('rules.noAssist')}`}
                        >
                          <span>
                            {unitName(c.before?.leadUnitId ?? null)} → {unitName(c.after?.leadUnitId ?? null)}
                            {(c.before?.leadUnitId ?? null) === (c.after?.leadUnitId ?? null) && `（${t('rules.assist')}）`}
                          </span>
                        </Tooltip>
                      </div>
                    ))
                  )}
                </div>
              ))
            )}
          </Card>
          <RepeatSettingsCard />
        </div>
      </div>
    </AppShell>
  );
}

const SETTING_FIELDS: { key: keyof TRepeatSettings; label: MessageKey; min: number; max: number }[] = [
  { key: 'repeatWindowDays', label: 'rules.repeatWindowDays', min: 1, max: 365 },
  { key: 'supervisionRepeats', label: 'rules.supervisionRepeats', min: 2, max: 20 },
  { key: 'clusterWindowMinutes', label: 'rules.clusterWindowMinutes', min: 10, max: 1440 },
  { key: 'clusterMinCallers', label: 'rules.clusterMinCallers', min: 2, max: 50 },
];

function RepeatSettingsCard() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const current = useQuery(repeatSettingsQuery).data ?? null;
  // Edits belong to the version they were made on: each newer read (after a save) starts again from it.
  const [edit, setEdit] = useState<{ version: number; settings: TRepeatSettings } | null>(null);
  const draft = current && edit?.version === current.version ? edit.settings : (current?.settings ?? null);
  const setDraft = (settings: TRepeatSettings) => current && setEdit({ version: current.version, settings });

  const dirty = Boolean(current && draft && SETTING_FIELDS.some((f) => current.settings[f.key] !== draft[f.key]));
  const saving = useMutation({
    mutationFn: (settings: TRepeatSettings) => publishRepeatSettings(qc, settings),
    onSuccess: (res) => message.success(t('rules.settingsSaved', { version: res.version })),
    onError: (err) => message.error(errorText(locale, err)),
  });
  const save = () => draft && saving.mutate(draft);

  return (
    <Card
      size="small"
      title={t('rules.settings')}
      className="rules-settings"
      extra={current && <Tag>{t('rules.settingsVersion', { version: current.version })}</Tag>}
    >
      {draft &&
        SETTING_FIELDS.map((f) => (
          <div key={f.key} className="rules-setting-row">
            <label htmlFor={`setting-${f.key}`}>{t(f.label)}</label>
            <InputNumber
              id={`setting-${f.key}`}
              size="small"
              min={f.min}
              max={f.max}
              precision={0}
              value={draft[f.key]}
              onChange={(v) => typeof v === 'number' && setDraft({ ...draft, [f.key]: v })}
            />
          </div>
        ))}
      <div className="rules-setting-actions">
        <Button size="small" type="primary" disabled={!dirty} loading={saving.isPending} onClick={() => void save()}>
          {t('rules.saveSettings')}
        </Button>
      </div>
    </Card>
  );
}
