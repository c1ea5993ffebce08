/**
 * The intake record (SPEC 2, 003 附件2) in the order an operator types it during a call.
 * Keyboard first: Alt+1/2/3 pick the type, Ctrl+S saves, Ctrl+Enter saves and dispatches.
 */
import { App, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { TICKET_TYPES, type TicketType } from '../../../shared/domain';
import type { TCreateTicketInput } from '../../../shared/schemas/ticket';
import { api, ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';
import type { Unit } from '../lib/units';
import type { LinkedCall } from '../components/incoming-calls';

interface FormValues {
  type: TicketType;
  contactName?: string;
  contactPhone: string;
  address: string;
  description: string;
  leadUnitId?: number;
  assistUnitIds?: number[];
  confidential?: boolean;
}

/** `call`: the call the operator took; the record prefills its number and is linked to it. */
export function IntakeForm({ units, call, onCallDone }: { units: Unit[]; call?: LinkedCall | null; onCallDone?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);
  const idempotencyKey = useRef(newKey());

  const submit = async (dispatch: boolean) => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (dispatch && !values.leadUnitId) {
      form.setFields([{ name: 'leadUnitId', errors: ['派单需要选择承办单位'] }]);
      return;
    }
    setBusy(true);
    try {
      const body: TCreateTicketInput = { ...values, assistUnitIds: values.assistUnitIds ?? [], dispatch, ...(call ? { callId: call.id } : {}) };
      if (!dispatch) delete body.leadUnitId;
      const ticket = await api<{ number: string }>('POST', '/api/tickets', body, { 'idempotency-key': idempotencyKey.current });
      message.success(t(dispatch ? 'intake.dispatched' : 'intake.saved', { number: ticket.number }));
      idempotencyKey.current = newKey();
      form.resetFields();
      onCallDone?.();
      firstField.current?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation_failed') {
        form.setFields(Object.entries(err.fields).map(([name, e]) => ({ name: name as keyof FormValues, errors: [e] })));
      }
      message.error(err instanceof ApiError ? err.message : t('error.network'));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!call) return;
    if (call.phone) form.setFieldValue('contactPhone', call.phone);
    firstField.current?.focus();
  }, [call, form]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && ['1', '2', '3'].includes(e.key)) {
        e.preventDefault();
        form.setFieldValue('type', TICKET_TYPES[Number(e.key) - 1]);
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void submit(true);
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void submit(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const unitOptions = units.map((u) => ({ value: u.id, label: u.name }));
  return (
    <Card size="small" title={t('intake.title')} className="intake-card" extra={
        call ? (
          <Tag color="green" data-testid="linked-call" closable onClose={() => onCallDone?.()}>
            {t('calls.linked', { phone: call.phone ?? t('calls.withheld') })}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('intake.keys')}</Typography.Text>
        )
      }>
      <Form form={form} layout="horizontal" labelCol={{ flex: '96px' }} initialValues={{ type: 'complaint_help', confidential: false }} size="middle" data-testid="intake-form">
        <Form.Item label={t('intake.type')} name="type">
          <Radio.Group optionType="button" buttonStyle="solid" options={TICKET_TYPES.map((v, i) => ({ value: v, label: `${i + 1} ${t(`type.${v}`)}` }))} />
        </Form.Item>
        <Form.Item label={t('intake.contactName')} name="contactName">
          <Input id="contactName" ref={(el) => void (firstField.current = el?.input ?? null)} placeholder={t('intake.contactNamePlaceholder')} autoFocus maxLength={50} />
        </Form.Item>
        <Form.Item label={t('intake.contactPhone')} name="contactPhone" rules={[{ required: true, message: '请填写联系电话' }]}>
          <Input id="contactPhone" inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item label={t('intake.address')} name="address" rules={[{ required: true, message: '请填写诉求地址' }]}>
          <Input id="address" maxLength={200} />
        </Form.Item>
        <Form.Item label={t('intake.description')} name="description" rules={[{ required: true, message: '请填写诉求描述' }]}>
          <Input.TextArea id="description" autoSize={{ minRows: 3, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Form.Item label={t('intake.leadUnit')} name="leadUnitId">
          <Select id="leadUnitId" showSearch={{ optionFilterProp: 'label' }} allowClear options={unitOptions} placeholder="输入单位名称搜索" />
        </Form.Item>
        <Form.Item label={t('intake.assistUnits')} name="assistUnitIds">
          <Select id="assistUnitIds" mode="multiple" showSearch={{ optionFilterProp: 'label' }} allowClear options={unitOptions} />
        </Form.Item>
        <Form.Item label=" " colon={false} name="confidential" valuePropName="checked">
          <Checkbox id="confidential">{t('intake.confidential')}</Checkbox>
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Space>
            <Button onClick={() => void submit(false)} loading={busy} data-testid="save">
              {t('intake.save')}
            </Button>
            <Button type="primary" onClick={() => void submit(true)} loading={busy} data-testid="save-dispatch">
              {t('intake.saveDispatch')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** getRandomValues, not randomUUID: the console may be served over plain HTTP on an intranet. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `intake-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
