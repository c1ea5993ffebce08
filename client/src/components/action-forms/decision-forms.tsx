/**
 * The supervisor's decisions, each approved or rejected with a note in one step (PRODUCT.md §3):
 * returns (or designation once two units returned it, 001 二.2), extensions, filing, the 002
 * evaluation requests and the review of a closing report (000 三(五)); plus designate, urge,
 * (re-)dispatch and close on the call.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Radio, Select } from 'antd';
import { detectEmergency } from '../../../../shared/classify/emergency';
import { CLOSE_ON_CALL_REASONS } from '../../../../shared/domain';
import type { MessageKey } from '../../../../shared/i18n';
import { REPLY_ACCEPTED_EVENT, replySignedOff, type TicketDetailView } from '../../../../shared/schemas/workspaces';
import type { TicketCommand } from '../../../../shared/ticket/commands';
import { designationRequired } from '../../../../shared/ticket/rules';
import type { PendingRequest } from '../../../../shared/ticket/snapshot';
import { acceptReply, signOffReply, type TCommandDraft } from '../../api/tickets';
import { useI18n } from '../../lib/i18n';
import { WithRule } from '../rule-hint';
import { ActionForm } from './action-form';
import { fromLocalInput, fullTime, toLocalInput } from './time';
import { UnitSelect, type FormProps } from './unit-forms';
import { useTicketCommand } from './use-ticket';

const DECIDE: Record<PendingRequest['kind'], TicketCommand> = {
  return: 'decide_return',
  extension: 'decide_extension',
  filing: 'decide_filing',
  not_counted: 'decide_not_counted',
  objective_case: 'decide_objective_case',
};

function ApproveReject({ approveLabel }: { approveLabel?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="approve" label={t('form.decision')}>
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        options={[
          { value: true, label: approveLabel ?? t('form.approve') },
          { value: false, label: t('form.reject') },
        ]}
      />
    </Form.Item>
  );
}

function RequestSummary({ request, units }: { request: PendingRequest; units: FormProps['units'] }) {
  const { t } = useI18n();
  const unit = units.find((u) => u.id === request.unitId)?.name ?? `#${request.unitId}`;
  const suggested = request.suggestedUnitId ? units.find((u) => u.id === request.suggestedUnitId)?.name : null;
  return (
    <div className="request-summary" data-testid={`request-${request.kind}`}>
      <div className="request-meta">{t('form.requestBy', { unit, time: fullTime(request.at) })}</div>
      <div className="request-reason">{request.reason}</div>
      {suggested && (
        <div className="request-meta">
          {t('form.suggestedUnit')}：{suggested}
        </div>
      )}
      {request.requestedDue && <div className="request-meta">{t('form.requestedDueValue', { time: fullTime(request.requestedDue) })}</div>}
    </div>
  );
}

/** The unit field appears only when approving needs one (a new lead unit, a designated unit, a new due). */
function WhenApproved({ children }: { children: React.ReactNode }) {
  const approve = Form.useWatch('approve') as boolean | undefined;
  return approve ? <>{children}</> : null;
}

/** The decision form's fields: every decide command's, and the designation's when one is required. */
interface DecisionValues {
  approve?: boolean;
  note?: string;
  newDue?: string;
  newLeadUnitId?: number;
  unitId?: number;
}

export function RequestDecisionForm({ ticket, units, onDone, request }: FormProps & { request: PendingRequest }) {
  const { t } = useI18n();
  const run = useTicketCommand();
  const command = DECIDE[request.kind];
  const designate = request.kind === 'return' && designationRequired(ticket.detail);
  const returners = ticket.detail.returnedByUnitIds.map((id) => units.find((u) => u.id === id)?.name ?? `#${id}`);
  const initialValues =
    request.kind === 'return'
      ? { [designate ? 'unitId' : 'newLeadUnitId']: request.suggestedUnitId }
      : request.kind === 'extension' && request.requestedDue
        ? { newDue: toLocalInput(new Date(request.requestedDue)) }
        : {};
  return (
    <ActionForm<DecisionValues>
      testId={`form-${command}`}
      actionLabel={t(`cmd.${command}` as MessageKey)}
      submitLabel={t('form.submit')}
      onDone={onDone}
      initialValues={initialValues}
      onSubmit={(v) => {
        if (designate && v.approve === true) return run(ticket, 'designate', { unitId: v.unitId, note: v.note });
        if (request.kind === 'extension')
          return run(ticket, command, { approve: v.approve, note: v.note, newDue: v.approve ? fromLocalInput(v.newDue) : undefined });
        return run(ticket, command, { approve: v.approve, note: v.note, newLeadUnitId: v.approve ? v.newLeadUnitId : undefined });
      }}
    >
      <RequestSummary request={request} units={units} />
      {designate && (
        <Alert
          className="action-alert"
          type="error"
          showIcon
          title={<WithRule text={t('form.designationRequired')} cite={[['001', '二.2']]} />}
          description={t('form.returnedBy', { units: returners.join('、') })}
          data-testid="designation-required"
        />
      )}
      <ApproveReject approveLabel={designate ? t('cmd.designate') : undefined} />
      {request.kind === 'return' && (
        <WhenApproved>
          <Form.Item name={designate ? 'unitId' : 'newLeadUnitId'} label={designate ? t('form.designateUnit') : t('form.newLeadUnit')}>
            <UnitSelect units={units} exclude={designate ? [] : [request.unitId, ...ticket.detail.returnedByUnitIds]} testId="decision-unit" />
          </Form.Item>
        </WhenApproved>
      )}
      {request.kind === 'extension' && (
        <WhenApproved>
          <Form.Item name="newDue" label={t('form.newDue')}>
            <Input type="datetime-local" step={1} />
          </Form.Item>
        </WhenApproved>
      )}
      <Form.Item name="note" label={t('form.decisionNote')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </ActionForm>
  );
}

/** Whether the current reply was already accepted (a `ticket.reply_accepted` for this reply). */
export function replyAccepted(ticket: TicketDetailView): boolean {
  const at = ticket.detail.reply?.at;
  return at !== undefined && ticket.events.some((e) => e.type === REPLY_ACCEPTED_EVENT && e.payload.replyAt === at);
}

/** Issue 15.8: whether the policy wants the head's sign-off on the current reply and it is missing. */
export function signOffMissing(ticket: TicketDetailView): boolean {
  return ticket.deadlines.replyNeedsSignOff && ticket.state === 'replied' && !replySignedOff(ticket.events, ticket.detail.reply?.at);
}

/** 000 三(四), 002 一.6: the lead unit records its head's sign-off on the closing report. */
export function SignOffForm({ ticket, onDone }: FormProps) {
  const { t } = useI18n();
  const qc = useQueryClient();
  return (
    <ActionForm<{ signer?: string; note?: string }>
      testId="form-sign_off_reply"
      actionLabel={t('form.signOffTitle')}
      onDone={onDone}
      onSubmit={(v) => signOffReply(qc, ticket, { version: ticket.version, signer: v.signer ?? '', note: v.note ?? '' })}
    >
      <p className="action-hint">
        <WithRule
          text={t('form.signOffHint')}
          cite={[
            ['000', '三(四)'],
            ['002', '一.6'],
          ]}
        />
      </p>
      <Form.Item name="signer" label={t('form.signOffSigner')}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="note" label={t('form.signOffNote')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </ActionForm>
  );
}

/** 000 三(五): accept the closing report, or send a vague one back, with a note. */
export function ReplyReviewForm({ ticket, onDone }: FormProps) {
  const { t } = useI18n();
  const run = useTicketCommand();
  const qc = useQueryClient();
  const accepted = replyAccepted(ticket);
  return (
    <ActionForm<{ approve?: boolean; note?: string }>
      testId="form-send_back_reply"
      actionLabel={t('cmd.send_back_reply')}
      onDone={onDone}
      initialValues={accepted ? { approve: false } : {}}
      onSubmit={(v) =>
        v.approve === true ? acceptReply(qc, ticket, { version: ticket.version, note: v.note ?? '' }) : run(ticket, 'send_back_reply', { note: v.note })
      }
    >
      <p className="action-hint">{accepted ? t('form.replyReviewed') : <WithRule text={t('form.sendBackHint')} cite={[['000', '三(五)']]} />}</p>
      {signOffMissing(ticket) && (
        <p className="action-hint" data-testid="sign-off-missing">
          {t('form.signOffHint')}
        </p>
      )}
      <Form.Item name="approve" label={t('form.decision')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: true, label: t('form.replyAccept'), disabled: accepted || signOffMissing(ticket) },
            { value: false, label: t('form.replySendBack') },
          ]}
        />
      </Form.Item>
      <Form.Item name="note" label={t('form.decisionNote')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </ActionForm>
  );
}

/** 001 二.2 签派 at any time during handling: the named unit cannot return it. */
export function DesignateForm({ ticket, units, onDone }: FormProps) {
  const { t } = useI18n();
  const run = useTicketCommand();
  const pending = ticket.detail.pendingRequests.find((r) => r.kind === 'return');
  const required = designationRequired(ticket.detail);
  return (
    <ActionForm<TCommandDraft<'designate'>>
      testId="form-designate"
      actionLabel={t('cmd.designate')}
      onDone={onDone}
      initialValues={{ unitId: pending?.suggestedUnitId }}
      onSubmit={(v) => run(ticket, 'designate', v)}
    >
      {pending && <RequestSummary request={pending} units={units} />}
      {required && (
        <Alert
          className="action-alert"
          type="error"
          showIcon
          title={<WithRule text={t('form.designationRequired')} cite={[['001', '二.2']]} />}
          data-testid="designation-required"
        />
      )}
      <Form.Item name="unitId" label={t('form.designateUnit')}>
        <UnitSelect units={units} testId="designate-unit" />
      </Form.Item>
      <Form.Item name="note" label={t('form.decisionNote')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </ActionForm>
  );
}

export function UrgeForm({ ticket, onDone }: FormProps) {
  const { t } = useI18n();
  const run = useTicketCommand();
  return (
    <ActionForm<TCommandDraft<'urge'>> testId="form-urge" actionLabel={t('cmd.urge')} onDone={onDone} onSubmit={(v) => run(ticket, 'urge', v)}>
      <Form.Item name="note" label={t('form.urgeNote')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </ActionForm>
  );
}

/** PRODUCT.md §3 dispatch (or a supervisor's correction before the unit accepts). */
export function DispatchForm({ ticket, units, onDone }: FormProps) {
  const { t } = useI18n();
  const run = useTicketCommand();
  const emergency = unscreenedEmergency(ticket);
  return (
    <ActionForm<TCommandDraft<'dispatch'>>
      testId="form-dispatch"
      actionLabel={t('cmd.dispatch')}
      onDone={onDone}
      initialValues={{
        leadUnitId: ticket.leadUnitId ?? undefined,
        assistUnitIds: ticket.assistUnitIds,
        onSiteDetermination: ticket.detail.onSiteDetermination,
      }}
      onSubmit={(v) => run(ticket, 'dispatch', { ...v, assistUnitIds: v.assistUnitIds ?? [] })}
    >
      <Form.Item name="leadUnitId" label={t('form.leadUnit')}>
        <UnitSelect units={units} testId="dispatch-unit" />
      </Form.Item>
      <Form.Item name="assistUnitIds" label={t('form.assistUnits')}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={units.map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item name="onSiteDetermination" valuePropName="checked">
        <Checkbox>{t('form.onSite')}</Checkbox>
      </Form.Item>
      {emergency && (
        <>
          <Alert
            type="error"
            showIcon
            data-testid="dispatch-emergency"
            title={t('emergency.promptTitle', { number: emergency })}
            description={t('emergency.dispatchBody', { number: emergency })}
          />
          <Form.Item name={['emergencyOverride', 'reason']} label={t('emergency.reasonLabel')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('emergency.reasonPlaceholder')} data-testid="dispatch-emergency-reason" />
          </Form.Item>
        </>
      )}
    </ActionForm>
  );
}

/**
 * Issue 16.3: a ticket that never passed the operator's emergency screen (filed through Open311) and
 * reads as an emergency needs a reason at its first dispatch; the server applies the same rule.
 */
function unscreenedEmergency(ticket: TicketDetailView): string | null {
  if (ticket.state !== 'registered') return null;
  if (ticket.events.some((e) => e.type === 'ticket.emergency_overridden')) return null;
  return detectEmergency(ticket.description);
}

export function CloseOnCallForm({ ticket, onDone }: FormProps) {
  const { t } = useI18n();
  const run = useTicketCommand();
  return (
    <ActionForm<TCommandDraft<'close_on_call'>>
      testId="form-close_on_call"
      actionLabel={t('cmd.close_on_call')}
      onDone={onDone}
      onSubmit={(v) => run(ticket, 'close_on_call', v)}
    >
      <Form.Item name="reason" label={t('form.closeReason')}>
        <Radio.Group className="radio-wrap" options={CLOSE_ON_CALL_REASONS.map((r) => ({ value: r, label: t(`closeReason.${r}` as MessageKey) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('form.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </ActionForm>
  );
}
