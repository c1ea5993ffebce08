/** The supervisors' simulator panel (no Twilio account): a citizen dials in, through signed webhooks. */
import { App, Button, Form, Input, InputNumber, Popover } from 'antd';
import { useState } from 'react';
import type { TSimulateCallInput } from '../../../shared/schemas/call';
import { simulateInboundCall } from '../api/calls';
import { errorText } from '../lib/error-text';
import { useI18n } from '../lib/i18n';

export function CallSimulatorPanel() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<TSimulateCallInput>();

  const dial = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await simulateInboundCall(values);
      message.success(t('calls.simStarted'));
      setOpen(false);
    } catch (err) {
      message.error(errorText(locale, err));
    } finally {
      setBusy(false);
    }
  };

  const content = (
    <Form form={form} layout="vertical" size="small" initialValues={{ from: '13812345678', talk: 60 }} style={{ width: 260 }} data-testid="simulator-form">
      <Form.Item htmlFor="sim-from" label={t('calls.simFrom')} name="from" rules={[{ required: true, message: t('valid.callerPhone') }]}>
        <Input id="sim-from" maxLength={20} />
      </Form.Item>
      <div className="sim-grid">
        <Form.Item htmlFor="sim-abandon" label={t('calls.simAbandon')} name="abandonAfter">
          <InputNumber id="sim-abandon" min={1} max={3600} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item htmlFor="sim-talk" label={t('calls.simTalk')} name="talk">
          <InputNumber id="sim-talk" min={1} max={3600} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Button type="primary" block loading={busy} onClick={() => void dial()} data-testid="simulate-dial">
        {t('calls.simStart')}
      </Button>
    </Form>
  );
  return (
    <Popover content={content} title={t('calls.simulate')} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Button size="small" data-testid="simulate-call">
        {t('calls.simulate')}
      </Button>
    </Popover>
  );
}
