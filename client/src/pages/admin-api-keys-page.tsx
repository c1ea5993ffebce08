/**
 * Admins issue and revoke the keys city platforms use on Open311 (SPEC 11). A new key is shown
 * once, in this page's answer; afterwards only its first characters are known.
 */
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { fullTime } from '../components/action-forms/time';
import { AppShell } from '../components/app-shell';
import { api, ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useLiveTickets } from '../lib/live';

interface KeyRow {
  id: number;
  name: string;
  keyPrefix: string;
  createdAt: string;
  createdByName: string | null;
  revokedAt: string | null;
  active: boolean;
  requests: number;
}

export function AdminApiKeysPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const live = useLiveTickets();
  const [keys, setKeys] = useState<KeyRow[]>([]);
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const [reloads, setReloads] = useState(0);
  const [form] = Form.useForm<{ name: string }>();

  useEffect(() => {
    api<{ keys: KeyRow[] }>('GET', '/api/api-keys')
      .then((a) => setKeys(a.keys))
      .catch(() => setKeys([]));
  }, [reloads]);

  const issue = async ({ name }: { name: string }) => {
    try {
      const k = await api<KeyRow & { key: string }>('POST', '/api/api-keys', { name });
      setIssued({ name: k.name, key: k.key });
      form.resetFields();
      setReloads((n) => n + 1);
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(Object.entries(e.fields).map(([n, m]) => ({ name: n as 'name', errors: [m] })));
        message.error(e.message);
      }
    }
  };
  const revoke = async (id: number) => {
    try {
      await api('POST', `/api/api-keys/${id}/revoke`);
      setReloads((n) => n + 1);
    } catch (e) {
      if (e instanceof ApiError) message.error(e.message);
    }
  };

  return (
    <AppShell status={live.status}>
      <Card
        size="small"
        title={t('keys.title')}
        extra={
          <a href="/api/openapi.json" target="_blank" rel="noreferrer">
            {t('keys.docs')}
          </a>
        }
        className="keys-card"
      >
        <Typography.Paragraph type="secondary">{t('keys.hint')}</Typography.Paragraph>
        <Form form={form} layout="inline" onFinish={(v) => void issue(v)} data-testid="issue-key-form">
          <Form.Item name="name" label={t('keys.name')} rules={[{ required: true, min: 2 }]}>
            <Input style={{ width: 280 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('keys.issue')}
          </Button>
        </Form>
        {issued && (
          <Alert
            className="issued-key"
            type="warning"
            showIcon
            closable
            onClose={() => setIssued(null)}
            message={`${t('keys.issued')} — ${issued.name}`}
            description={
              <Typography.Text code copyable data-testid="issued-key">
                {issued.key}
              </Typography.Text>
            }
          />
        )}
        <Table<KeyRow>
          size="small"
          rowKey="id"
          dataSource={keys}
          pagination={false}
          data-testid="keys-table"
          columns={[
            { title: t('keys.name'), dataIndex: 'name' },
            { title: t('keys.prefix'), dataIndex: 'keyPrefix', width: 140, render: (p: string) => <span className="mono">{p}…</span> },
            { title: t('keys.createdAt'), dataIndex: 'createdAt', width: 150, render: fullTime },
            { title: t('keys.requests'), dataIndex: 'requests', width: 110 },
            {
              title: t('keys.status'),
              width: 190,
              render: (_: unknown, k: KeyRow) =>
                k.active ? <Tag color="green">{t('keys.active')}</Tag> : <Tag>{t('keys.revoked', { time: fullTime(k.revokedAt!) })}</Tag>,
            },
            {
              title: '',
              width: 80,
              render: (_: unknown, k: KeyRow) =>
                k.active && (
                  <Popconfirm title={t('keys.confirmRevoke')} onConfirm={() => void revoke(k.id)}>
                    <Button size="small" danger>
                      {t('keys.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
        <Space className="keys-endpoints" direction="vertical" size={2}>
          <Typography.Text type="secondary" className="mono">
            GET /open311/v2/services.json · POST /open311/v2/requests.json · GET /open311/v2/requests/{'{id}'}.json
          </Typography.Text>
        </Space>
      </Card>
    </AppShell>
  );
}
