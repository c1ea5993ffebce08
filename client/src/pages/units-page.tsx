/**
 * Issue 15 item 11, PRODUCT.md §1 "supervisor … edits rules, units": add, rename, deactivate and
 * reactivate handling units (never deleted); which categories each unit handles is the dispatch
 * rule table (/rules). The server refuses to deactivate a unit the table still names.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { UNIT_KINDS, type UnitKind } from '../../../shared/domain';
import type { MessageKey } from '../../../shared/i18n';
import { allUnitsQuery, createUnit, renameUnit, setUnitActive, type UnitRow } from '../api/admin';
import { AppShell } from '../components/app-shell';
import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';

const NONE: UnitRow[] = [];

export function UnitsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const units = useQuery(allUnitsQuery).data?.units ?? NONE;
  const [form] = Form.useForm<{ code: string; name: string; kind: UnitKind }>();
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const failed = (e: unknown) => e instanceof ApiError && message.error(Object.values(e.fields)[0] ?? e.message);

  const create = useMutation({
    mutationFn: (v: { code: string; name: string; kind: UnitKind }) => createUnit(qc, v),
    onSuccess: () => {
      message.success(t('adm.created'));
      form.resetFields();
    },
    onError: (e) => {
      if (e instanceof ApiError) form.setFields(Object.entries(e.fields).map(([name, m]) => ({ name: name as 'code', errors: [m] })));
      failed(e);
    },
  });
  const rename = useMutation({
    mutationFn: (r: { id: number; name: string }) => renameUnit(qc, r.id, r.name),
    onSuccess: () => {
      message.success(t('adm.saved'));
      setRenaming(null);
    },
    onError: failed,
  });
  const active = useMutation({ mutationFn: (u: UnitRow) => setUnitActive(qc, u.id, !u.active), onError: failed });
  const kindOptions = UNIT_KINDS.map((k) => ({ value: k, label: t(`adm.kind.${k}` as MessageKey) }));

  return (
    <AppShell>
      <Card size="small" title={t('adm.units.title')} className="admin-card" data-testid="units-page" extra={<Link to="/rules">{t('adm.rulesLink')}</Link>}>
        <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)} data-testid="unit-create-form" className="admin-create">
          <Form.Item name="name" label={t('adm.name')} rules={[{ required: true, min: 2 }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="code" label={t('adm.code')} rules={[{ required: true }]}>
            <Input style={{ width: 160 }} placeholder="c_xinchen" className="mono" />
          </Form.Item>
          <Form.Item name="kind" label={t('adm.kind')} rules={[{ required: true }]}>
            <Select options={kindOptions} style={{ width: 130 }} data-testid="unit-create-kind" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="unit-create-submit">
            {t('adm.units.new')}
          </Button>
        </Form>
        <Table<UnitRow>
          size="small"
          rowKey="id"
          dataSource={units}
          pagination={false}
          data-testid="units-table"
          columns={[
            {
              title: t('adm.name'),
              dataIndex: 'name',
              render: (name: string, u) =>
                renaming?.id === u.id ? (
                  <Space.Compact>
                    <Input
                      autoFocus
                      value={renaming.name}
                      onChange={(e) => setRenaming({ id: u.id, name: e.target.value })}
                      onPressEnter={() => rename.mutate(renaming)}
                      onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                      style={{ width: 220 }}
                      data-testid="unit-rename-input"
                    />
                    <Button type="primary" onClick={() => rename.mutate(renaming)} loading={rename.isPending}>
                      {t('adm.save')}
                    </Button>
                  </Space.Compact>
                ) : (
                  name
                ),
            },
            { title: t('adm.code'), dataIndex: 'code', width: 150, render: (v: string) => <span className="mono">{v}</span> },
            { title: t('adm.kind'), dataIndex: 'kind', width: 100, render: (k: string) => t(`adm.kind.${k}` as MessageKey) },
            { title: t('adm.liaisons'), dataIndex: 'liaisons', width: 70 },
            {
              title: t('adm.status'),
              width: 80,
              render: (_: unknown, u) => (u.active ? <Tag color="green">{t('adm.active')}</Tag> : <Tag>{t('adm.disabled')}</Tag>),
            },
            {
              title: '',
              width: 170,
              render: (_: unknown, u) => (
                <Space size={4}>
                  <Button size="small" onClick={() => setRenaming({ id: u.id, name: u.name })} data-testid={`unit-rename-${u.code}`}>
                    {t('adm.rename')}
                  </Button>
                  {u.active ? (
                    <Popconfirm
                      title={t('adm.confirmDeactivate')}
                      onConfirm={() => active.mutate(u)}
                      okText={t('adm.deactivate')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('adm.cancel')}
                    >
                      <Button size="small" data-testid={`unit-deactivate-${u.code}`}>
                        {t('adm.deactivate')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button size="small" onClick={() => active.mutate(u)} data-testid={`unit-reactivate-${u.code}`}>
                      {t('adm.reactivate')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </AppShell>
  );
}
