/**
 * The intake record (PRODUCT.md §2, 003 附件2) in the order an operator types it during a call, made
 * to be filled without the mouse: Alt+1/2/3 pick the type, Tab moves on, Enter saves (register),
 * Ctrl+Enter saves and dispatches to the lead and assisting units in one step, Alt+C closes the
 * matter on the call with a reason. While the operator types, the classifier suggests the
 * category and its units (filled in until the operator chooses otherwise), the address list
 * offers entries, and a loud banner tells the operator when the caller must dial 110/119/120.
 *
 * `call`: the call the operator took (telephony, issue 6): the record prefills its number and is
 * linked to it; `onCallDone` tells the call panel the record is saved.
 */
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { findEmergency, screenIntake } from '../../../shared/classify/emergency';
import { CATEGORY_CODES, TICKET_TYPES, type CloseOnCallReason, type EmergencyNumber, type TicketType } from '../../../shared/domain';
import type { MessageKey } from '../../../shared/i18n';
import type { TCreateTicketInput, TicketSummary } from '../../../shared/schemas/ticket';
import { recordArticleUse } from '../api/knowledge';
import { createTicket as postTicket, runCommand } from '../api/tickets';
import { shortTime } from '../components/action-forms/time';
import type { LinkedCall } from '../components/incoming-calls';
import { Panel } from '../components/panel';
import { ApiError } from '../lib/api';
import { errorText, fieldErrors } from '../lib/error-text';
import { useI18n } from '../lib/i18n';
import type { Unit } from '../lib/units';
import { AddressField } from './address-field';
import { EmergencyPrompt, type EmergencyPromptState } from './emergency-prompt';
import { CloseOnCallDialog, type ClosePreset } from './operator-close-dialog';
import { useAddressOptions, useSuggestion, type SuggestedCategory } from './operator-suggest';
import { useKeptDraft } from './use-kept-draft';

interface FormValues {
  type: TicketType;
  contactName?: string;
  contactPhone: string;
  address: string;
  description: string;
  leadUnitId?: number;
  assistUnitIds?: number[];
  categoryCode?: string;
  confidential?: boolean;
  /** 001 三.1 紧急工单 (issue 15.2): the urgent policy, with its reason. */
  urgent?: boolean;
  urgentReason?: string;
}

/** How long Ctrl+Enter waits for the classifier's lead unit before asking the operator to choose. */
const SUGGESTION_WAIT_MS = 1_500;

/** What the side panels follow (caller history, knowledge base). */
export interface IntakeDraft {
  type: TicketType;
  contactPhone: string;
  address: string;
  description: string;
  categoryCode: string | null;
}

export type SavedHow = 'registered' | 'dispatched' | 'closed';

export interface IntakeFormHandle {
  /** Opens the close-on-call dialog with a reason and note (a knowledge base answer, an emergency). */
  closeOnCall(preset: ClosePreset): void;
  /** The same, for the emergency the description calls for. */
  closeAsEmergency(): void;
  focus(): void;
}

export interface IntakeFormProps {
  units: Unit[];
  /** The call the record is taken from (telephony): its number is prefilled, the ticket linked to it. */
  call?: LinkedCall | null;
  onCallDone?: () => void;
  onDraft?: (draft: IntakeDraft) => void;
  onSaved?: (ticket: TicketSummary, how: SavedHow) => void;
  /** 003 第五条(三): the description calls for 110/119/120 (the page shows the banner), or no longer does. */
  onEmergency?: (emergency: Emergency | null) => void;
  ref?: Ref<IntakeFormHandle>;
}

export interface Emergency {
  number: '110' | '119' | '120';
  phrase: string;
}

const EMPTY: FormValues = { type: 'complaint_help', contactPhone: '', address: '', description: '', confidential: false, assistUnitIds: [] };

export function IntakeForm({ units, call, onCallDone, onDraft, onSaved, onEmergency, ref }: IntakeFormProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [closing, setClosing] = useState<ClosePreset | null>(null);
  /** Issue 16.3: a save stopped by the emergency screen, waiting for transfer or override. */
  const [emergencyPrompt, setEmergencyPrompt] = useState<EmergencyPromptState | null>(null);
  /** The reason given for this description: a save that failed on another field does not ask again. */
  const overridden = useRef<{ text: string; reason: string } | null>(null);
  const [startedAt, setStartedAt] = useState<Date | null>(null);
  /** The same, read by handlers of this render (the state shows it). */
  const started = useRef<Date | null>(null);
  const setStarted = (d: Date | null) => {
    started.current = d;
    setStartedAt(d);
  };
  const firstField = useRef<HTMLInputElement | null>(null);
  const idempotencyKey = useRef(newKey());
  /** A ticket already created for this record (a close on the call failed after it): reuse it. */
  const created = useRef<TicketSummary | null>(null);
  /**
   * What the save being validated does: the address is asked for only where a unit must go
   * (issue 16) — a dispatch, or a complaint or suggestion registered for dispatch later. A
   * consultation, or a record closed on the call (answered, or an emergency handed to 110/119/120),
   * needs none: in a fire call seconds count.
   */
  const intent = useRef<'register' | 'dispatch' | 'close'>('register');
  const addressRequired = () => intent.current === 'dispatch' || (intent.current === 'register' && form.getFieldValue('type') !== 'consultation');
  /** A Ctrl+Enter waiting for the suggested lead unit: a second one does nothing meanwhile. */
  const waiting = useRef(false);
  /** The operator chose the units / category themselves: suggestions no longer overwrite them. */
  const touched = useRef({ units: false, category: false });
  /** The page beside the form (history, knowledge) follows what is typed. */
  const announceDraft = (v: Partial<FormValues>) =>
    onDraft?.({
      type: v.type ?? 'complaint_help',
      contactPhone: v.contactPhone ?? '',
      address: v.address ?? '',
      description: v.description ?? '',
      categoryCode: v.categoryCode ?? null,
    });
  // A reload in the middle of a call: the record comes back as it was typed, with its key.
  const kept = useKeptDraft(form, { key: idempotencyKey, touched }, (restored) => {
    idempotencyKey.current = restored.key;
    touched.current = restored.touched;
    setStarted(restored.startedAt);
    void message.info(t('intake.draftRestored'));
    announceDraft(form.getFieldsValue());
  });

  const description = Form.useWatch('description', form) ?? '';
  const address = Form.useWatch('address', form) ?? '';
  const categoryCode = Form.useWatch('categoryCode', form);
  const urgent = Form.useWatch('urgent', form) ?? false;
  const suggestion = useSuggestion(description, address);
  const addressOptions = useAddressOptions(address);

  const unitsOf = (c: SuggestedCategory | undefined) => (c ? { leadUnitId: c.lead?.id, assistUnitIds: c.assist.map((u) => u.id) } : {});

  /** Every edit: keep the draft (or drop it once the form is empty) and tell the page beside it. */
  const draftChanged = () => {
    const v = form.getFieldsValue();
    const typed = Boolean(v.description || v.contactPhone || v.address || v.contactName);
    if (!started.current && typed) setStarted(new Date());
    if (typed) kept.keep(v, started.current, call ?? null);
    else kept.clear();
    announceDraft(v);
  };

  // A new suggestion fills in what the operator has not chosen.
  useEffect(() => {
    const top = suggestion?.top[0];
    if (!suggestion || !top) return;
    // Read the form now, not the last render: an answer that lands after a save must not refill the empty form.
    if (String(form.getFieldValue('description') ?? '').trim().length < 4) return;
    const chosen = touched.current.category ? suggestion.top.find((c) => c.code === form.getFieldValue('categoryCode')) : top;
    if (!touched.current.category) form.setFieldValue('categoryCode', top.code);
    if (!touched.current.units && chosen) form.setFieldsValue(unitsOf(chosen));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [suggestion]);

  const reset = () => {
    kept.clear();
    form.resetFields();
    idempotencyKey.current = newKey();
    created.current = null;
    overridden.current = null;
    intent.current = 'register';
    touched.current = { units: false, category: false };
    setStarted(null);
    onDraft?.({ ...EMPTY, categoryCode: null });
    firstField.current?.focus();
  };

  const values = async (how: 'register' | 'dispatch' | 'close'): Promise<FormValues | null> => {
    intent.current = how;
    // A validation that another one overtook (a late suggestion or a keystroke validating a field
    // meanwhile) is rejected as `outOfDate` with no error: read again rather than drop the save.
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        return await form.validateFields();
      } catch (err) {
        const e = err as { outOfDate?: boolean; errorFields?: unknown[] };
        if (!e.outOfDate || (e.errorFields?.length ?? 0) > 0) return null;
      }
    }
    return null;
  };

  const report = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'validation_failed') {
      form.setFields(fieldErrors(locale, err).map((f) => ({ ...f, name: f.name as keyof FormValues })));
    }
    message.error(errorText(locale, err));
  };

  /** How the record is saved: dispatched, closed on the call in the same step, or kept over the emergency screen. */
  interface SaveAs {
    dispatch: boolean;
    closeOnCall?: TCreateTicketInput['closeOnCall'];
    emergencyOverride?: { reason: string };
  }

  const createTicket = async (v: FormValues, how: SaveAs): Promise<TicketSummary> => {
    if (created.current) return created.current;
    const { dispatch } = how;
    const body: TCreateTicketInput = {
      type: v.type,
      contactName: v.contactName,
      contactPhone: v.contactPhone,
      address: v.address ?? '',
      description: v.description,
      confidential: v.confidential ?? false,
      ...(v.urgent ? { urgent: true, urgentReason: v.urgentReason ?? '' } : {}),
      assistUnitIds: dispatch ? (v.assistUnitIds ?? []) : [],
      dispatch,
      ...(dispatch && v.leadUnitId ? { leadUnitId: v.leadUnitId } : {}),
      ...(v.categoryCode ? { categoryCode: v.categoryCode as TCreateTicketInput['categoryCode'] } : {}),
      // Issue 16.7: a record typed without a linked call is dated by its first keystroke, not the
      // save; with this device's clock at sending, the server corrects for a clock that is off.
      ...(call ? { callId: call.id } : started.current ? { startedAt: started.current.toISOString(), clientNow: new Date().toISOString() } : {}),
      ...(how.closeOnCall ? { closeOnCall: how.closeOnCall } : {}),
      ...(how.emergencyOverride ? { emergencyOverride: how.emergencyOverride } : {}),
    };
    // The answer joins this operator's shift list at once (client/src/api/tickets.ts).
    const ticket = await postTicket(qc, body, idempotencyKey.current);
    created.current = ticket;
    return ticket;
  };

  /**
   * Ctrl+Enter a moment after the last keystroke: the classifier's answer (and with it the lead
   * unit) is usually a few hundred ms away, so wait for it briefly instead of refusing the save.
   */
  const awaitSuggestedUnit = async (): Promise<boolean> => {
    if (touched.current.units || String(form.getFieldValue('description') ?? '').trim().length < 4) return false;
    for (let waited = 0; waited < SUGGESTION_WAIT_MS; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      if (form.getFieldValue('leadUnitId')) return true;
    }
    return false;
  };

  /**
   * Issue 16.3: a description that reads as a 110/119/120 emergency is not saved as an ordinary
   * ticket without the operator's choice — asked before anything else (no address needed to hand
   * a fire call on). The server applies the same rule.
   */
  const stoppedByEmergencyScreen = (dispatch: boolean, override: string | undefined): boolean => {
    const text = String(form.getFieldValue('description') ?? '');
    const screen = screenIntake({ description: text, ...(override ? { emergencyOverride: { reason: override } } : {}) });
    if (screen.verdict !== 'refuse') return false;
    setEmergencyPrompt({ number: screen.number, phrase: findEmergency(text)?.phrase ?? '', dispatch });
    return true;
  };

  const submit = async (dispatch: boolean, given?: string) => {
    // `given`: the reason just typed in the prompt (still open in this render's state).
    if (busy || closing || (emergencyPrompt && !given) || waiting.current) return;
    const text = String(form.getFieldValue('description') ?? '');
    if (given) overridden.current = { text, reason: given };
    const override = overridden.current?.text === text ? overridden.current.reason : undefined;
    if (stoppedByEmergencyScreen(dispatch, override)) return;
    const how = dispatch ? 'dispatch' : 'register';
    let v = await values(how);
    if (!v) return;
    if (dispatch && !v.leadUnitId) {
      waiting.current = true;
      try {
        if (await awaitSuggestedUnit()) v = await values(how);
      } finally {
        waiting.current = false;
      }
      if (!v) return;
    }
    if (dispatch && !v.leadUnitId) {
      form.setFields([{ name: 'leadUnitId', errors: [t('console.needLeadUnit')] }]);
      return;
    }
    setBusy(true);
    try {
      const ticket = await createTicket(v, { dispatch, ...(override ? { emergencyOverride: { reason: override } } : {}) });
      setEmergencyPrompt(null);
      message.success(t(dispatch ? 'intake.dispatched' : 'intake.saved', { number: ticket.number }));
      onSaved?.(ticket, dispatch ? 'dispatched' : 'registered');
      reset();
      onCallDone?.();
    } catch (err) {
      // The server's screen saw an emergency the form did not (an older page): ask, as the form would.
      if (err instanceof ApiError && err.code === 'emergency_unconfirmed') {
        const number = err.fields.emergency as EmergencyNumber | undefined;
        if (number) return setEmergencyPrompt({ number, phrase: '', dispatch });
      }
      report(err);
    } finally {
      setBusy(false);
    }
  };

  const confirming = useRef(false);
  const openClose = async (preset: ClosePreset) => {
    if (busy) return;
    if (!(await values('close'))) return;
    setClosing(preset);
  };

  const confirmClose = async (reason: CloseOnCallReason, note: string) => {
    // A second Enter while the first is on its way closes nothing twice.
    if (confirming.current) return;
    confirming.current = true;
    try {
      await closeNow(reason, note);
    } finally {
      confirming.current = false;
    }
  };

  const closeNow = async (reason: CloseOnCallReason, note: string) => {
    if (!closing) return;
    const number = reason === 'out_of_scope_emergency' ? (findEmergency(String(form.getFieldValue('description') ?? ''))?.number ?? null) : null;
    await closeRecord(reason, note, number, closing.articleId);
  };

  /**
   * Registers the record closed on the call in one step (an emergency: recorded as the transfer to
   * `transferredTo`). A ticket this record already made (a save whose close failed) is closed instead.
   */
  const closeRecord = async (reason: CloseOnCallReason, note: string, transferredTo: EmergencyNumber | null, articleId?: number) => {
    const v = await values('close');
    if (!v) return;
    setBusy(true);
    try {
      const closeOnCall = { reason, note, ...(transferredTo ? { transferredTo } : {}) };
      const made = created.current;
      const closed = made ? await runCommand(qc, made, 'close_on_call', closeOnCall) : await createTicket(v, { dispatch: false, closeOnCall });
      if (articleId) await recordArticleUse(qc, articleId, closed.id).catch(() => undefined);
      message.success(
        transferredTo ? t('emergency.transferred', { number: transferredTo, ticket: closed.number }) : t('console.closedOnCall', { number: closed.number }),
      );
      setClosing(null);
      setEmergencyPrompt(null);
      onSaved?.(closed, 'closed');
      reset();
      onCallDone?.();
    } catch (err) {
      // The ticket may exist already: a retry closes that one (same idempotency key).
      report(err);
    } finally {
      setBusy(false);
    }
  };

  const emergencyPreset = (): ClosePreset => ({
    reason: 'out_of_scope_emergency',
    note: t('console.closeNote.emergency', { number: suggestion?.emergency ?? '110' }),
  });

  const emergency = suggestion?.emergency && description.trim() ? suggestion.emergency : null;
  useEffect(() => {
    onEmergency?.(emergency ? { number: emergency, phrase: suggestion?.emergencyPhrase ?? '' } : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [emergency, suggestion?.emergencyPhrase]);

  useImperativeHandle(ref, () => ({
    closeOnCall: (preset) => void openClose(preset),
    closeAsEmergency: () => void openClose(emergencyPreset()),
    focus: () => firstField.current?.focus(),
  }));

  useEffect(() => {
    if (!call) {
      // The operator let go of the call: the kept draft no longer links it.
      if (kept.linksCall()) draftChanged();
      return;
    }
    // After a reload the page gives back the draft's call: what was typed stays as it was.
    if (kept.isRestoredCall(call.id)) return;
    if (call.phone) form.setFieldValue('contactPhone', call.phone);
    setStarted(started.current ?? new Date());
    draftChanged();
    firstField.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [call, form]);

  // Keys that work anywhere on the page (the form is the operator's whole job during a call).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (closing || emergencyPrompt) return;
      if (e.altKey && !e.ctrlKey && ['1', '2', '3'].includes(e.key)) {
        e.preventDefault();
        form.setFieldValue('type', TICKET_TYPES[Number(e.key) - 1]);
        draftChanged();
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void submit(true);
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void submit(false);
      } else if (e.altKey && e.key.toLowerCase() === 'c') {
        e.preventDefault();
        void openClose(
          suggestion?.emergency
            ? emergencyPreset()
            : { reason: form.getFieldValue('type') === 'consultation' ? 'answered_from_knowledge_base' : 'no_handling_needed' },
        );
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  /** Enter saves — unless a list is open (it picks), a textarea line break (Shift+Enter), or the IME is composing. */
  const onFormKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.nativeEvent.isComposing || e.isDefaultPrevented()) return;
    const target = e.target as HTMLElement;
    // A closed select opens on Enter (it prevents the default); an open list picks; buttons click.
    if (target.getAttribute('aria-expanded') === 'true' || target.tagName === 'BUTTON' || ['radio', 'checkbox'].includes(target.getAttribute('type') ?? ''))
      return;
    e.preventDefault();
    void submit(false);
  };

  const unitOptions = units.map((u) => ({ value: u.id, label: u.name }));
  const ranked = suggestion?.top ?? [];
  // Ranked by the classifier once it has answered; the plain list until then.
  const categoryOptions = ranked.length
    ? ranked.map((c, i) => {
        const label = t(`category.${c.code}` as MessageKey);
        return { value: c.code, label: i < 3 ? `${label} · ${Math.round(c.score * 100)}%` : label };
      })
    : CATEGORY_CODES.map((c) => ({ value: c as string, label: t(`category.${c}` as MessageKey) }));
  const top3 = ranked.slice(0, 3);
  const chosen = ranked.find((c) => c.code === categoryCode);

  return (
    <Panel
      title={
        <Space size={8}>
          {t('intake.title')}
          {startedAt && (
            <span className="intake-callat">
              {t('intake.callAt')} {shortTime(startedAt)}
            </span>
          )}
        </Space>
      }
      className="intake-card"
      extra={
        call ? (
          <Tag color="green" data-testid="linked-call" closable onClose={() => onCallDone?.()}>
            {t('calls.linked', { phone: call.phone ?? t('calls.withheld') })}
          </Tag>
        ) : null
      }
    >
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ flex: locale === 'en' ? '104px' : '84px' }}
        labelWrap
        initialValues={EMPTY}
        size="middle"
        data-testid="intake-form"
        onValuesChange={(changed: Partial<FormValues>) => {
          if ('leadUnitId' in changed || 'assistUnitIds' in changed) touched.current.units = true;
          if ('categoryCode' in changed) {
            touched.current.category = true;
            // A category chosen by hand brings its rule's units, until the units are chosen by hand.
            const c = ranked.find((x) => x.code === changed.categoryCode);
            if (!touched.current.units && c) form.setFieldsValue(unitsOf(c));
          }
          draftChanged();
        }}
        onKeyDown={onFormKeyDown}
      >
        <Form.Item label={t('intake.type')} name="type">
          <Radio.Group optionType="button" buttonStyle="solid" options={TICKET_TYPES.map((v, i) => ({ value: v, label: `${i + 1} ${t(`type.${v}`)}` }))} />
        </Form.Item>
        <Form.Item label={t('intake.contactName')} name="contactName">
          <Input
            id="contactName"
            ref={(el) => void (firstField.current = el?.input ?? null)}
            placeholder={t('intake.contactNamePlaceholder')}
            autoFocus
            maxLength={50}
          />
        </Form.Item>
        <Form.Item label={t('intake.contactPhone')} name="contactPhone" rules={[{ required: true, message: t('valid.contactPhone') }]}>
          <Input id="contactPhone" inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item
          label={t('intake.address')}
          name="address"
          rules={[
            {
              validator: (_, v: string | undefined) =>
                addressRequired() && !String(v ?? '').trim() ? Promise.reject(new Error(t('valid.address'))) : Promise.resolve(),
            },
          ]}
          extra={
            suggestion?.address ? (
              <span data-testid="address-resolved">{`${suggestion.address.name} · ${suggestion.address.community.name} · ${suggestion.address.grid.name}`}</span>
            ) : undefined
          }
        >
          <AddressField options={addressOptions.options} current={addressOptions.current} />
        </Form.Item>
        <Form.Item label={t('intake.description')} name="description" rules={[{ required: true, message: t('valid.description') }]}>
          <Input.TextArea id="description" autoSize={{ minRows: 3, maxRows: 5 }} maxLength={4000} />
        </Form.Item>
        {top3.length > 0 && description.trim().length >= 4 && (
          <div className="suggest-line" data-testid="suggestions">
            <span className="suggest-label">{t('console.suggested')}</span>
            {top3.map((c) => (
              <Tag
                key={c.code}
                color={c.code === categoryCode ? 'blue' : 'default'}
                className="suggest-tag"
                onClick={() => {
                  touched.current.category = true;
                  form.setFieldValue('categoryCode', c.code);
                  if (!touched.current.units) form.setFieldsValue(unitsOf(c));
                  draftChanged();
                }}
              >
                {t(`category.${c.code}` as MessageKey)} {Math.round(c.score * 100)}%
              </Tag>
            ))}
          </div>
        )}
        <Form.Item label={t('intake.leadUnit')} name="leadUnitId" extra={chosen?.territorial && chosen.lead ? t('console.territorial') : undefined}>
          <Select id="leadUnitId" showSearch={{ optionFilterProp: 'label' }} allowClear options={unitOptions} placeholder={t('console.unitPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('intake.assistUnits')} name="assistUnitIds">
          <Select id="assistUnitIds" mode="multiple" showSearch={{ optionFilterProp: 'label' }} allowClear options={unitOptions} />
        </Form.Item>
        <Form.Item label={t('console.category')} name="categoryCode">
          <Select
            id="categoryCode"
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            options={categoryOptions}
            placeholder={t('console.categoryPlaceholder')}
          />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Space size={16} wrap>
            <Form.Item noStyle name="confidential" valuePropName="checked">
              <Checkbox id="confidential">{t('intake.confidential')}</Checkbox>
            </Form.Item>
            <Form.Item noStyle name="urgent" valuePropName="checked">
              <Checkbox id="urgent">{t('intake.urgent')}</Checkbox>
            </Form.Item>
          </Space>
        </Form.Item>
        {urgent && (
          <Form.Item label={t('intake.urgentReason')} name="urgentReason" rules={[{ required: true, whitespace: true, message: t('valid.urgentReason') }]}>
            <Input id="urgentReason" maxLength={500} placeholder={t('urgency.reasonHint')} />
          </Form.Item>
        )}
        <div className="intake-actions">
          <Button onClick={() => void submit(false)} loading={busy} data-testid="save">
            {t('console.save')}
          </Button>
          <Button type="primary" onClick={() => void submit(true)} loading={busy} data-testid="save-dispatch">
            {t('intake.saveDispatch')}
          </Button>
          <Button onClick={() => void openClose({ reason: 'no_handling_needed' })} data-testid="close-on-call">
            {t('console.closeButton')}
          </Button>
        </div>
        <Typography.Text type="secondary" className="intake-keys">
          {t('console.keys')}
        </Typography.Text>
      </Form>
      <EmergencyPrompt
        prompt={emergencyPrompt}
        busy={busy}
        onTransfer={(number) => void closeRecord('out_of_scope_emergency', t('console.closeNote.emergency', { number }), number)}
        onOverride={(reason, dispatch) => {
          setEmergencyPrompt(null);
          void submit(dispatch, reason);
        }}
        onCancel={() => setEmergencyPrompt(null)}
        onClosed={() => firstField.current?.focus()}
      />
      <CloseOnCallDialog
        preset={closing}
        busy={busy}
        onConfirm={(r, n) => void confirmClose(r, n)}
        onCancel={() => setClosing(null)}
        onClosed={() => firstField.current?.focus()}
      />
    </Panel>
  );
}

/** getRandomValues, not randomUUID: the console may be served over plain HTTP on an intranet. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `intake-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
