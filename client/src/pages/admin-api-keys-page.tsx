/**
 * Admins issue and revoke the keys city platforms use on Open311 (PRODUCT.md §11). A new key is shown
 * once, in this page's answer; afterwards only its first characters are known. The page reads
 * the keys only: an admin may not read tickets, so it asks for none.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TApiKeyRow, TIssueApiKeyInput } from '../../../shared/schemas/api-keys';
import { apiKeysQuery, issueApiKey, revokeApiKey } from '../api/api-keys';
import { fullTime } from '../components/action-forms/time';
import { AppShell } from '../components/app-shell';
import { ApiError } from '../lib/api';
import { errorText, fieldErrors } from '../lib/error-text';
import { useI18n } from '../lib/i18n';

type KeyRow = TApiKeyRow;
const NONE: KeyRow[] = [];

export function AdminApiKeysPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const keys = useQuery(apiKeysQuery).data?.keys ?? NONE;
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const [form] = Form.useForm<TIssueApiKeyInput>();

  const issue = useMutation({
    mutationFn: (input: TIssueApiKeyInput) => issueApiKey(qc, input),
    onSuccess: (k) => {
      setIssued({ name: k.name, key: k.key });
      form.resetFields();
    },
    onError: (e) => {
      if (e instanceof ApiError) {
        form.setFields(fieldErrors(locale, e).map((f) => ({ ...f, name: f.name as 'name' })));
        message.error(errorText(locale, e));
      }
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => revokeApiKey(qc, id),
    onError: (e) => e instanceof ApiError && message.error(errorText(locale, e)),
  });

  return (
    <AppShell>
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
        <Form form={form} layout="inline" onFinish={(v) => issue.mutate(v)} data-testid="issue-key-form">
          <Form.Item name="name" label={t('keys.name')} rules={[{ required: true, min: 2 }]}>
            <Input style={{ width: 280 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={issue.isPending}>
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
                k.active ? <Tag color="green">{t('keys.active')}</Tag> : <Tag>{t('keys.revoked', { time: k.revokedAt ? fullTime(k.revokedAt) : '' })}</Tag>,
            },
            {
              title: '',
              width: 80,
              render: (_: unknown, k: KeyRow) =>
                k.active && (
                  <Popconfirm title={t('keys.confirmRevoke')} onConfirm={() => revoke.mutate(k.id)}>
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
