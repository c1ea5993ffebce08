/**
 * Issue 15 item 11, PRODUCT.md §1 "admin (IT): users, roles": open accounts, change name, roles and
 * unit, reset a password, disable or enable. Nothing is deleted; the server records each change
 * with its actor and ends the person's sessions where their rooms change.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, type FormInstance, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ROLES, type Role } from '../../../shared/domain';
import type { MessageKey } from '../../../shared/i18n';
import { allUnitsQuery, createUser, resetPassword, setUserActive, updateUser, usersQuery, type UserRow } from '../api/admin';
import { fullTime } from '../components/action-forms/time';
import { AppShell } from '../components/app-shell';
import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';

interface AccountForm {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  unitId: number | null;
}
const NONE: UserRow[] = [];

export function AdminUsersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const users = useQuery(usersQuery).data?.users ?? NONE;
  const units = useQuery(allUnitsQuery).data?.units ?? [];
  const unitName = (id: number | null) => (id === null ? '—' : (units.find((u) => u.id === id)?.name ?? String(id)));
  const unitOptions = units.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }));
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }));
  const [form] = Form.useForm<AccountForm>();
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const fieldErrors: OnError = (f, e) => {
    if (!(e instanceof ApiError)) return;
    f.setFields(Object.entries(e.fields).map(([name, m]) => ({ name: name as never, errors: [m] })));
    message.error(e.message);
  };

  const create = useMutation({
    mutationFn: (v: AccountForm) => createUser(qc, { ...v, unitId: v.unitId ?? null }),
    onSuccess: () => {
      message.success(t('adm.created'));
      form.resetFields();
    },
    onError: (e) => fieldErrors(form, e),
  });
  const active = useMutation({
    mutationFn: (u: UserRow) => setUserActive(qc, u.id, !u.active),
    onError: (e) => e instanceof ApiError && message.error(e.message),
  });

  return (
    <AppShell>
      <Card size="small" title={t('adm.users.title')} className="admin-card" data-testid="users-page">
        <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)} data-testid="user-create-form" className="admin-create">
          <Form.Item name="username" label={t('adm.username')} rules={[{ required: true }]}>
            <Input style={{ width: 150 }} autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('adm.displayName')} rules={[{ required: true }]}>
            <Input style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="password" label={t('adm.password')} rules={[{ required: true, min: 10 }]}>
            <Input.Password style={{ width: 150 }} autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="roles" label={t('adm.roles')} rules={[{ required: true }]}>
            <Select mode="multiple" options={roleOptions} style={{ minWidth: 160 }} data-testid="user-create-roles" />
          </Form.Item>
          <Form.Item name="unitId" label={t('adm.unit')} tooltip={t('adm.unitHint')}>
            <Select allowClear showSearch optionFilterProp="label" options={unitOptions} style={{ width: 180 }} data-testid="user-create-unit" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="user-create-submit">
            {t('adm.create')}
          </Button>
        </Form>
        <Table<UserRow>
          size="small"
          rowKey="id"
          dataSource={users}
          pagination={false}
          data-testid="users-table"
          rowClassName={(u) => (u.active ? '' : 'row-disabled')}
          columns={[
            { title: t('adm.username'), dataIndex: 'username', width: 170, render: (v: string) => <span className="mono">{v}</span> },
            { title: t('adm.displayName'), dataIndex: 'displayName', width: 230 },
            { title: t('adm.roles'), dataIndex: 'roles', width: 170, render: (r: Role[]) => r.map((x) => <Tag key={x}>{t(`role.${x}` as MessageKey)}</Tag>) },
            { title: t('adm.unit'), dataIndex: 'unitId', render: unitName },
            {
              title: t('adm.status'),
              width: 80,
              render: (_: unknown, u) => (u.active ? <Tag color="green">{t('adm.active')}</Tag> : <Tag color="default">{t('adm.disabled')}</Tag>),
            },
            {
              title: t('adm.createdAt'),
              dataIndex: 'createdAt',
              width: 140,
              render: (v: string) => <Typography.Text type="secondary">{fullTime(v)}</Typography.Text>,
            },
            {
              title: '',
              width: 230,
              render: (_: unknown, u) => (
                <Space size={4}>
                  <Button size="small" onClick={() => setEditing(u)} data-testid={`user-edit-${u.username}`}>
                    {t('adm.edit')}
                  </Button>
                  <Button size="small" onClick={() => setResetting(u)} data-testid={`user-reset-${u.username}`}>
                    {t('adm.resetPassword')}
                  </Button>
                  {u.active ? (
                    <Popconfirm
                      title={t('adm.confirmDisable')}
                      onConfirm={() => active.mutate(u)}
                      okText={t('adm.disable')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('adm.cancel')}
                    >
                      <Button size="small" data-testid={`user-disable-${u.username}`}>
                        {t('adm.disable')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button size="small" onClick={() => active.mutate(u)} data-testid={`user-enable-${u.username}`}>
                      {t('adm.enable')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && <EditUser user={editing} roleOptions={roleOptions} unitOptions={unitOptions} onClose={() => setEditing(null)} onError={fieldErrors} />}
      {resetting && <ResetPassword user={resetting} onClose={() => setResetting(null)} onError={fieldErrors} />}
    </AppShell>
  );
}

/** Shows the server's field messages on the form's fields. */
type OnError = <T>(f: FormInstance<T>, e: unknown) => void;

function EditUser(props: {
  user: UserRow;
  roleOptions: { value: Role; label: string }[];
  unitOptions: { value: number; label: string }[];
  onClose: () => void;
  onError: OnError;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Pick<UserRow, 'displayName' | 'roles' | 'unitId'>>();
  const save = useMutation({
    mutationFn: (v: Pick<UserRow, 'displayName' | 'roles' | 'unitId'>) => updateUser(qc, props.user.id, { ...v, unitId: v.unitId ?? null }),
    onSuccess: () => {
      message.success(t('adm.saved'));
      props.onClose();
    },
    onError: (e) => props.onError(form, e),
  });
  return (
    <Modal
      open
      title={t('adm.editUser', { name: props.user.username })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('adm.save')}
      cancelText={t('adm.cancel')}
      confirmLoading={save.isPending}
      data-testid="user-edit-dialog"
    >
      <Form form={form} layout="vertical" initialValues={props.user} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="displayName" label={t('adm.displayName')} rules={[{ required: true }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="roles" label={t('adm.roles')} rules={[{ required: true }]}>
          <Select mode="multiple" options={props.roleOptions} data-testid="user-edit-roles" />
        </Form.Item>
        <Form.Item name="unitId" label={t('adm.unit')} tooltip={t('adm.unitHint')}>
          <Select allowClear showSearch optionFilterProp="label" options={props.unitOptions} data-testid="user-edit-unit" />
        </Form.Item>
        <Typography.Text type="secondary">{t('adm.sessionsNote')}</Typography.Text>
      </Form>
    </Modal>
  );
}

function ResetPassword({ user, onClose, onError }: { user: UserRow; onClose: () => void; onError: OnError }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ password: string }>();
  const save = useMutation({
    mutationFn: (v: { password: string }) => resetPassword(qc, user.id, v.password),
    onSuccess: () => {
      message.success(t('adm.passwordReset'));
      onClose();
    },
    onError: (e) => onError(form, e),
  });
  return (
    <Modal
      open
      title={`${t('adm.resetPassword')}：${user.displayName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('adm.save')}
      cancelText={t('adm.cancel')}
      confirmLoading={save.isPending}
      data-testid="user-reset-dialog"
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="password" label={t('adm.newPassword')} rules={[{ required: true, min: 10 }]}>
          <Input.Password autoFocus autoComplete="new-password" data-testid="user-reset-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
