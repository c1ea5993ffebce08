/**
 * The forms of supervision (004): opening a sheet, the unit's signed written reply, the
 * centre's outcome of on-site coordination, instructions, send back, close and progress.
 * Field errors come back from the server in Chinese and sit under their fields.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { SupervisionView, TOpenSupervisionInput } from '../../../shared/schemas/supervision';
import type { SupervisionCommand } from '../../../shared/supervision/machine';
import { ESCALATION_MODES, nextTypesOf, REPLY_PROGRESS, SUPERVISION_SCOPES, SUPERVISION_TYPES, type SupervisionType } from '../../../shared/supervision/types';
import { openSupervision, runSupervisionCommand, type TSupervisionCommandInput } from '../api/supervision';
import { fromLocalInput, serverNow } from '../components/action-forms/time';
import { errorText, fieldErrors } from '../lib/error-text';
import { useI18n } from '../lib/i18n';
import { useLiveTickets } from '../lib/live';
import type { Unit } from '../lib/units';

const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');
/** The picker shows Shanghai wall time; send it with the +08:00 offset. */
const shanghaiInstant = (d: Dayjs | undefined) => fromLocalInput(d?.format('YYYY-MM-DDTHH:mm'));

/** Sends a form (the cache reads the sheets again); refusals land on their fields. */
function useSubmit(form: ReturnType<typeof Form.useForm>[0], onDone: (v: SupervisionView) => void) {
  const { message } = App.useApp();
  const { t, locale } = useI18n();
  const mutation = useMutation({
    mutationFn: (send: () => Promise<SupervisionView>) => send(),
    onSuccess: (view) => {
      message.success(t('sup.done'));
      onDone(view);
    },
    onError: (e) => {
      const fields = fieldErrors(locale, e).map((f) => ({ ...f, name: f.name.split('.') }));
      if (fields.length) form.setFields(fields as never);
      message.error(errorText(locale, e));
    },
  });
  return { busy: mutation.isPending, submit: mutation.mutate };
}

/** The notice fields of 004 附件2 (on-site) and the mode of 004 三(三) (escalated). */
function TypeFields({ type }: { type: SupervisionType | undefined }) {
  const { t } = useI18n();
  if (type === 'on_site')
    return (
      <>
        <Form.Item name={['onSite', 'subject']} label={t('sup.f.subject')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name={['onSite', 'place']} label={t('sup.f.place')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name={['onSite', 'meetingAt']} label={t('sup.f.meetingAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name={['onSite', 'procedure']} label={t('sup.f.procedure')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name={['onSite', 'attendees']} label={t('sup.f.attendees')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name={['onSite', 'contactName']} label={t('sup.f.contactName')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name={['onSite', 'contactPhone']} label={t('sup.f.contactPhone')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name={['onSite', 'remarks']} label={t('sup.f.remarks')}>
          <Input />
        </Form.Item>
      </>
    );
  if (type === 'escalated')
    return (
      <>
        <Form.Item name={['escalation', 'mode']} label={t('sup.f.mode')} rules={[{ required: true }]}>
          <Select options={ESCALATION_MODES.map((m) => ({ value: m, label: t(`sup.mode.${m}`) }))} />
        </Form.Item>
        <Form.Item name={['escalation', 'leader']} label={t('sup.f.escalationLeader')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      </>
    );
  return null;
}

/** What the forms hold: pickers give dayjs values, which typeBody and day() turn into what the API takes. */
interface Values {
  ticketId?: number;
  type?: SupervisionType;
  scope?: string;
  unitId?: number;
  situation?: string;
  opinion?: string;
  onSite?: { meetingAt: dayjs.Dayjs; remarks?: string };
  escalation?: unknown;
  signedAt?: dayjs.Dayjs;
  deadline?: dayjs.Dayjs;
  [field: string]: unknown;
}

/** Dates and times from the pickers into what the API takes. */
function typeBody(v: Values) {
  return {
    ...(v.onSite ? { onSite: { ...v.onSite, meetingAt: shanghaiInstant(v.onSite.meetingAt), remarks: v.onSite.remarks || undefined } } : {}),
    ...(v.escalation ? { escalation: v.escalation } : {}),
  };
}

export function OpenSupervisionModal({
  open,
  ticketId,
  units,
  onClose,
  onDone,
}: {
  open: boolean;
  ticketId: number | null;
  units: Unit[];
  onClose: () => void;
  onDone: (v: SupervisionView) => void;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const { busy, submit } = useSubmit(form, onDone);
  // The tickets to choose from (the newest 500 open ones), read only while the form is open.
  const { tickets } = useLiveTickets('open', { enabled: open, limit: 500 });
  const type = Form.useWatch('type', form) as SupervisionType | undefined;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (ticketId) form.setFieldsValue({ ticketId });
  }, [open, ticketId, form]);
  const finish = (v: Values) =>
    submit(() =>
      openSupervision(qc, {
        ticketId: v.ticketId,
        type: v.type,
        scope: v.scope,
        unitId: v.unitId,
        situation: v.situation,
        opinion: v.opinion,
        ...typeBody(v),
      } as TOpenSupervisionInput),
    );
  return (
    <Modal open={open} title={t('sup.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} width={640} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        size="small"
        onFinish={finish}
        initialValues={{ type: 'written', scope: 'repeat_no_progress' }}
        data-testid="open-supervision-form"
      >
        <Form.Item name="ticketId" label={t('sup.ticketPick')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={tickets.map((x) => ({ value: x.id, label: `${x.number} ${x.address} ${x.description.slice(0, 30)}` }))}
          />
        </Form.Item>
        <Form.Item name="type" label={t('sup.type')}>
          <Radio.Group optionType="button" options={SUPERVISION_TYPES.map((x) => ({ value: x, label: t(`sup.type.${x}`) }))} />
        </Form.Item>
        <Form.Item name="scope" label={t('sup.scope')}>
          <Select options={SUPERVISION_SCOPES.map((x) => ({ value: x, label: t(`sup.scope.${x}`) }))} />
        </Form.Item>
        <Form.Item name="unitId" label={t('sup.unit')}>
          <Select allowClear showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="situation" label={t('sup.situation')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="opinion" label={t('sup.opinion')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <TypeFields type={type} />
      </Form>
    </Modal>
  );
}

/** One command on a sheet: its fields, sent with the sheet's version. */
export function CommandModal({
  sheet,
  command,
  onClose,
  onDone,
}: {
  sheet: SupervisionView;
  command: SupervisionCommand | null;
  onClose: () => void;
  onDone: (v: SupervisionView) => void;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const { busy, submit } = useSubmit(form, onDone);
  const toType = Form.useWatch('toType', form) as SupervisionType | undefined;
  useEffect(() => form.resetFields(), [command, form]);
  if (!command) return null;
  const finish = (v: Values) => {
    const body: Record<string, unknown> = { ...v, version: sheet.version };
    if (command === 'reply') body.signedAt = day(v.signedAt);
    if (command === 'record_outcome') body.deadline = day(v.deadline);
    if (command === 'progress') Object.assign(body, typeBody(v));
    submit(() => runSupervisionCommand(qc, sheet, command, body as TSupervisionCommandInput<typeof command>));
  };
  const next = nextTypesOf(sheet.type).filter((x) => SUPERVISION_TYPES.includes(x));
  return (
    <Modal
      open
      title={`${t(`sup.cmd.${command}`)} · ${sheet.number}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      width={600}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        size="small"
        onFinish={finish}
        data-testid={`form-${command}`}
        initialValues={{ signedAt: dayjs(serverNow()), sealed: false, progress: 'in_progress', toType: next[0] }}
      >
        {command === 'reply' && (
          <>
            <Form.Item name="progress" label={t('sup.progress')}>
              <Radio.Group optionType="button" options={REPLY_PROGRESS.map((x) => ({ value: x, label: t(`sup.progress.${x}`) }))} />
            </Form.Item>
            <Form.Item name="content" label={t('sup.replyContent')} rules={[{ required: true }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.Item name="headName" label={t('sup.headName')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="signedAt" label={t('sup.signedAt')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="sealed" valuePropName="checked">
              <Checkbox>{t('sup.sealed')}</Checkbox>
            </Form.Item>
          </>
        )}
        {command === 'record_outcome' && (
          <>
            <Form.Item name="outcome" label={t('sup.f.outcome')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="deadline" label={t('sup.f.deadline')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        {command === 'instruct' && (
          <>
            <Form.Item name="leader" label={t('sup.f.leader')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="instruction" label={t('sup.f.instruction')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
        {(command === 'send_back' || command === 'close') && (
          <Form.Item name="note" label={t('sup.f.note')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {command === 'progress' && (
          <>
            <Form.Item name="toType" label={t('sup.f.toType')}>
              <Radio.Group optionType="button" options={next.map((x) => ({ value: x, label: t(`sup.type.${x}`) }))} />
            </Form.Item>
            <Form.Item name="reason" label={t('sup.f.reason')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="opinion" label={t('sup.opinion')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <TypeFields type={toType} />
          </>
        )}
      </Form>
    </Modal>
  );
}
