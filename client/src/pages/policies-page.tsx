/**
 * Issue 15 item 11 (and 15.2), PRODUCT.md §4 "Policies … editable by supervisors and versioned":
 * each policy's versions; a new version with its fields (round-1 limit, day count and lights per
 * clock; the revisit and return rules), or a new policy saved from one; and the assignment table
 * source + type + urgent → policy that new tickets follow. A ticket keeps the version it started with.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import {
  DEFAULT_RETURN_NEEDS_VERIFICATION,
  DEFAULT_REVISIT_ATTEMPTS,
  defaultLights,
  type ClockKind,
  type TClockRule,
  type TSlaPolicy,
} from '../../../shared/clock/policy-schema';
import { TICKET_SOURCES, TICKET_TYPES } from '../../../shared/domain';
import type { MessageKey } from '../../../shared/i18n';
import { assignmentsQuery, assignPolicy, policiesQuery, publishPolicy, type PolicyVersionRow } from '../api/admin';
import { fullTime } from '../components/action-forms/time';
import { AppShell } from '../components/app-shell';
import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';

const NONE: PolicyVersionRow[] = [];

export function PoliciesPage() {
  const { t } = useI18n();
  const versions = useQuery(policiesQuery).data ?? NONE;
  const codes = useMemo(() => [...new Set(versions.map((v) => v.code))], [versions]);
  const [code, setCode] = useState<string | null>(null);
  const selected = code ?? codes[0] ?? null;
  const ofCode = versions.filter((v) => v.code === selected);
  const latest = ofCode[0];
  const name = (c: string) => versions.find((v) => v.code === c)?.definition.name.zh ?? c;
  return (
    <AppShell>
      <Space direction="vertical" style={{ width: '100%' }} size="small">
        <Card
          size="small"
          title={t('adm.pol.title')}
          className="admin-card"
          data-testid="policies-page"
          extra={
            <Select
              value={selected}
              onChange={setCode}
              style={{ width: 260 }}
              options={codes.map((c) => ({ value: c, label: name(c) }))}
              aria-label={t('adm.asg.policy')}
              data-testid="policy-select"
            />
          }
        >
          {latest && <PolicyEditor key={`${latest.code}-${latest.version}`} latest={latest} onPublished={setCode} />}
          <Typography.Text strong>{t('adm.pol.versions')}</Typography.Text>
          <Table
            size="small"
            rowKey="version"
            pagination={false}
            dataSource={ofCode}
            data-testid="policy-versions"
            columns={[
              { title: t('adm.pol.version'), dataIndex: 'version', width: 70 },
              { title: t('adm.name'), render: (_: unknown, v: PolicyVersionRow) => v.definition.name.zh },
              { title: t('adm.pol.clock'), render: (_: unknown, v: PolicyVersionRow) => clockSummary(v.definition, t) },
              { title: t('adm.pol.publishedAt'), dataIndex: 'createdAt', width: 150, render: fullTime },
            ]}
          />
        </Card>
        <Assignments codes={codes} name={name} />
      </Space>
    </AppShell>
  );
}

const CLOCKS: ClockKind[] = ['first_contact', 'reply', 'revisit', 'return_window', 'supervision_reply'];

function clockSummary(p: TSlaPolicy, t: (k: MessageKey) => string): string {
  return CLOCKS.flatMap((k) => {
    const r = p.clocks[k]?.rounds[0];
    return r ? [`${t(`clock.${k}` as MessageKey)} ${r.limit.days}${r.limit.kind === 'natural' ? t('adm.pol.natural') : t('adm.pol.working')}`] : [];
  }).join(' · ');
}

function PolicyEditor({ latest, onPublished }: { latest: PolicyVersionRow; onPublished: (code: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<TSlaPolicy>(latest.definition);
  const [newCode, setNewCode] = useState('');
  const setRule = (kind: ClockKind, change: (r: TClockRule) => TClockRule) =>
    setDraft((d) => {
      const clock = d.clocks[kind];
      if (!clock) return d;
      const [first, ...rest] = clock.rounds;
      return first ? { ...d, clocks: { ...d.clocks, [kind]: { ...clock, rounds: [change(first), ...rest] } } } : d;
    });
  const publish = useMutation({
    mutationFn: () => {
      const { code: _code, version: _version, ...definition } = draft;
      return publishPolicy(qc, newCode.trim() || latest.code, definition);
    },
    onSuccess: (r) => {
      message.success(t('adm.pol.published', { version: r.version }));
      setNewCode('');
      onPublished(r.code);
    },
    onError: (e) => e instanceof ApiError && message.error(Object.values(e.fields)[0] ?? e.message),
  });
  const rows = CLOCKS.flatMap((kind) => {
    const rule = draft.clocks[kind]?.rounds[0];
    return rule ? [{ kind, rule }] : [];
  });
  const revisit = draft.revisitAttempts ?? DEFAULT_REVISIT_ATTEMPTS;
  const lightInput = (kind: ClockKind, rule: TClockRule, key: 'warningFromDay' | 'yellowOnDay' | 'redOnDay', label: string) => (
    <InputNumber
      size="small"
      min={key === 'redOnDay' ? 0 : 1}
      max={rule.limit.days}
      value={rule.lights[key]}
      aria-label={`${t(`clock.${kind}` as MessageKey)} ${label}`}
      onChange={(v) => setRule(kind, (r) => ({ ...r, lights: { ...r.lights, [key]: key === 'redOnDay' ? (v ?? r.lights.redOnDay) : v } }))}
      style={{ width: 64 }}
    />
  );
  return (
    <div className="policy-editor" data-testid="policy-editor">
      <Space wrap className="policy-names">
        <label>
          {t('adm.pol.nameZh')}{' '}
          <Input value={draft.name.zh} onChange={(e) => setDraft({ ...draft, name: { ...draft.name, zh: e.target.value } })} style={{ width: 220 }} />
        </label>
        <label>
          {t('adm.pol.nameEn')}{' '}
          <Input value={draft.name.en} onChange={(e) => setDraft({ ...draft, name: { ...draft.name, en: e.target.value } })} style={{ width: 220 }} />
        </label>
        <Tag>
          {t('adm.pol.version')} {latest.version}
        </Tag>
      </Space>
      <Table
        size="small"
        rowKey="kind"
        pagination={false}
        dataSource={rows}
        data-testid="policy-clocks"
        columns={[
          { title: t('adm.pol.clock'), width: 110, render: (_: unknown, r) => t(`clock.${r.kind}` as MessageKey) },
          {
            title: t('adm.pol.limit'),
            width: 90,
            render: (_: unknown, r) => (
              <InputNumber
                size="small"
                min={0}
                max={60}
                value={r.rule.limit.days}
                aria-label={`${t(`clock.${r.kind}` as MessageKey)} ${t('adm.pol.limit')}`}
                data-testid={`policy-limit-${r.kind}`}
                // PRODUCT.md §4: a new limit takes the default lights scaled to it (editable after).
                onChange={(v) => v !== null && setRule(r.kind, (x) => ({ ...x, limit: { ...x.limit, days: v }, lights: defaultLights(v) }))}
                style={{ width: 64 }}
              />
            ),
          },
          {
            title: t('adm.pol.dayKind'),
            width: 120,
            render: (_: unknown, r) => (
              <Select
                size="small"
                aria-label={`${t(`clock.${r.kind}` as MessageKey)} ${t('adm.pol.dayKind')}`}
                value={r.rule.limit.kind}
                onChange={(v) => setRule(r.kind, (x) => ({ ...x, limit: { ...x.limit, kind: v } }))}
                options={[
                  { value: 'working', label: t('adm.pol.working') },
                  { value: 'natural', label: t('adm.pol.natural') },
                ]}
                style={{ width: 100 }}
              />
            ),
          },
          { title: t('adm.pol.warning'), width: 130, render: (_: unknown, r) => lightInput(r.kind, r.rule, 'warningFromDay', t('adm.pol.warning')) },
          { title: t('adm.pol.yellow'), width: 120, render: (_: unknown, r) => lightInput(r.kind, r.rule, 'yellowOnDay', t('adm.pol.yellow')) },
          { title: t('adm.pol.red'), width: 120, render: (_: unknown, r) => lightInput(r.kind, r.rule, 'redOnDay', t('adm.pol.red')) },
        ]}
      />
      <Typography.Paragraph type="secondary" className="policy-note">
        {t('adm.pol.laterRounds')}
      </Typography.Paragraph>
      <Space wrap className="policy-rules">
        <label>
          {t('adm.pol.revisitMax')}{' '}
          <InputNumber
            size="small"
            min={1}
            max={10}
            value={revisit.max}
            onChange={(v) => v && setDraft({ ...draft, revisitAttempts: { ...revisit, max: v } })}
            data-testid="policy-revisit-max"
          />
        </label>
        <label>
          {t('adm.pol.revisitGap')}{' '}
          <InputNumber
            size="small"
            min={0}
            max={1440}
            value={revisit.minGapMinutes}
            onChange={(v) => v !== null && setDraft({ ...draft, revisitAttempts: { ...revisit, minGapMinutes: v } })}
          />
        </label>
        <label>
          {t('adm.pol.returnVerify')}{' '}
          <Switch
            checked={draft.returnNeedsVerification ?? DEFAULT_RETURN_NEEDS_VERIFICATION}
            onChange={(v) => setDraft({ ...draft, returnNeedsVerification: v })}
            data-testid="policy-return-verify"
          />
        </label>
      </Space>
      <Space wrap className="policy-publish">
        <Input
          value={newCode}
          onChange={(e) => setNewCode(e.target.value)}
          placeholder={t('adm.pol.newCodeHint')}
          aria-label={t('adm.pol.newCode')}
          style={{ width: 300 }}
          className="mono"
          data-testid="policy-new-code"
        />
        <Button type="primary" onClick={() => publish.mutate()} loading={publish.isPending} data-testid="policy-publish">
          {t('adm.pol.publish')}
        </Button>
      </Space>
    </div>
  );
}

function Assignments({ codes, name }: { codes: string[]; name: (code: string) => string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const rows = useQuery(assignmentsQuery).data ?? [];
  const [source, setSource] = useState<(typeof TICKET_SOURCES)[number]>('hotline');
  const [type, setType] = useState<(typeof TICKET_TYPES)[number] | null>(null);
  const [urgent, setUrgent] = useState(false);
  const [policyCode, setPolicyCode] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () => assignPolicy(qc, { source, type, urgent, policyCode: policyCode ?? '', note }),
    onSuccess: () => {
      message.success(t('adm.asg.saved'));
      setNote('');
    },
    onError: (e) => e instanceof ApiError && message.error(Object.values(e.fields)[0] ?? e.message),
  });
  const typeLabel = (v: string | null) => (v === null ? t('adm.asg.anyType') : t(`type.${v}` as MessageKey));
  return (
    <Card size="small" title={t('adm.asg.title')} className="admin-card" data-testid="assignments">
      <Space wrap className="admin-create">
        <Select
          value={source}
          onChange={setSource}
          aria-label={t('adm.asg.source')}
          options={TICKET_SOURCES.map((s) => ({ value: s, label: t(`rpt.source.${s}` as MessageKey) }))}
          style={{ width: 140 }}
          data-testid="asg-source"
        />
        <Select
          value={type ?? 'any'}
          onChange={(v: string) => setType(v === 'any' ? null : (v as (typeof TICKET_TYPES)[number]))}
          aria-label={t('adm.asg.type')}
          options={[{ value: 'any' as const, label: t('adm.asg.anyType') }, ...TICKET_TYPES.map((x) => ({ value: x, label: typeLabel(x) }))]}
          style={{ width: 130 }}
          data-testid="asg-type"
        />
        <Checkbox checked={urgent} onChange={(e) => setUrgent(e.target.checked)} data-testid="asg-urgent">
          {t('adm.asg.urgent')}
        </Checkbox>
        <Select
          value={policyCode}
          onChange={setPolicyCode}
          placeholder={t('adm.asg.policy')}
          aria-label={t('adm.asg.policy')}
          options={codes.map((c) => ({ value: c, label: name(c) }))}
          style={{ width: 220 }}
          data-testid="asg-policy"
        />
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('adm.asg.note')}
          aria-label={t('adm.asg.note')}
          style={{ width: 240 }}
          data-testid="asg-note"
        />
        <Button type="primary" disabled={!policyCode || note.trim().length < 2} onClick={() => save.mutate()} loading={save.isPending} data-testid="asg-save">
          {t('adm.asg.add')}
        </Button>
      </Space>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        data-testid="assignments-table"
        columns={[
          { title: t('adm.asg.source'), dataIndex: 'source', width: 120, render: (s: string) => t(`rpt.source.${s}` as MessageKey) },
          { title: t('adm.asg.type'), dataIndex: 'type', width: 110, render: typeLabel },
          { title: t('adm.asg.urgent'), dataIndex: 'urgent', width: 60, render: (u: boolean) => (u ? t('adm.yes') : t('adm.no')) },
          { title: t('adm.asg.policy'), dataIndex: 'policyCode', render: (c: string) => name(c) },
          { title: t('adm.asg.note'), dataIndex: 'note' },
          { title: t('adm.pol.publishedAt'), dataIndex: 'createdAt', width: 150, render: fullTime },
        ]}
      />
    </Card>
  );
}
