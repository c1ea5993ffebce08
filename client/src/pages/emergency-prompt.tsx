/**
 * Issue 16.3 (003 第五条(三)): saving a record whose description reads as a 110/119/120 emergency
 * stops here. Two choices, from the keyboard: 1 / Enter hands the caller on (the record is closed
 * on the call as a transfer to that number), 2 keeps it as an ordinary ticket, which needs a reason
 * (typed, then Enter). Esc goes back to the form. The server applies the same rule
 * (`screenIntake`), so a form that missed the flag is refused, not obeyed.
 */
import { Button, Input, Modal, Space, Typography } from 'antd';
import { useLayoutEffect, useRef, useState } from 'react';
import type { EmergencyNumber } from '../../../shared/domain';
import { visibleLength } from '../../../shared/schemas/text';
import { useI18n } from '../lib/i18n';

export interface EmergencyPromptState {
  number: EmergencyNumber;
  /** The words that fired the screen ('' when only the server saw them). */
  phrase: string;
  /** The save the operator asked for: register (Enter) or dispatch (Ctrl+Enter). */
  dispatch: boolean;
}

/** The server's minimum for the reason (shared/schemas/ticket.ts emergencyOverride). */
const MIN_REASON = 4;

export function EmergencyPrompt({
  prompt,
  busy,
  onTransfer,
  onOverride,
  onCancel,
  onClosed,
}: {
  prompt: EmergencyPromptState | null;
  busy: boolean;
  onTransfer(number: EmergencyNumber): void;
  onOverride(reason: string, dispatch: boolean): void;
  onCancel(): void;
  onClosed?(): void;
}) {
  const { t } = useI18n();
  const [overriding, setOverriding] = useState(false);
  /** The same, for the end of the opening animation (a 2 pressed during it keeps the reason focused). */
  const overridingNow = useRef(false);
  const [reason, setReason] = useState('');
  const transferRef = useRef<HTMLButtonElement | null>(null);
  const reasonRef = useRef<HTMLInputElement | null>(null);

  // A new prompt starts on the transfer choice, with no reason from the last one.
  const [openedWith, setOpenedWith] = useState<EmergencyPromptState | null>(null);
  if (prompt !== openedWith) {
    setOpenedWith(prompt);
    setOverriding(false);
    setReason('');
  }
  useLayoutEffect(() => {
    overridingNow.current = false;
  }, [prompt]);

  const reasonOk = visibleLength(reason.trim()) >= MIN_REASON;
  const transfer = () => {
    if (prompt && !busy) onTransfer(prompt.number);
  };
  const override = () => {
    if (prompt && !busy && reasonOk) onOverride(reason.trim(), prompt.dispatch);
  };
  const startOverride = () => {
    overridingNow.current = true;
    setOverriding(true);
    setTimeout(() => reasonRef.current?.focus(), 0);
  };

  // Keys from the moment the prompt opens, wherever the focus is on its way (a layout effect, as
  // in the close dialog: a fast Enter right after Ctrl+Enter must not land in the description).
  useLayoutEffect(() => {
    if (!prompt) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      if (target instanceof HTMLInputElement && target.id === 'emergency-reason') return;
      if (target?.tagName === 'BUTTON' && e.key === 'Enter') return;
      if (e.key === '1' || (e.key === 'Enter' && !overriding)) {
        e.preventDefault();
        e.stopPropagation();
        transfer();
      } else if (e.key === '2') {
        e.preventDefault();
        e.stopPropagation();
        startOverride();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        e.stopPropagation();
        override();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  const number = prompt?.number ?? '110';
  return (
    <Modal
      open={prompt !== null}
      title={<span className="emergency-title">{t('emergency.promptTitle', { number })}</span>}
      onCancel={onCancel}
      footer={null}
      destroyOnHidden
      focusTriggerAfterClose={false}
      afterClose={onClosed}
      afterOpenChange={(open) => {
        if (open && !overridingNow.current) transferRef.current?.focus();
      }}
      width={560}
    >
      <div data-testid="emergency-prompt">
        <Typography.Paragraph>
          {prompt?.phrase ? t('console.emergencyBody', { number, phrase: prompt.phrase }) : t('emergency.promptBody', { number })}
        </Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button ref={transferRef} danger type="primary" block autoFocus loading={busy && !overriding} onClick={transfer} data-testid="emergency-transfer">
            {t('emergency.transfer', { number })}
          </Button>
          <Button block onClick={startOverride} disabled={busy} data-testid="emergency-override">
            {t(prompt?.dispatch ? 'emergency.overrideDispatch' : 'emergency.overrideSave')}
          </Button>
          {overriding && (
            <Space.Compact style={{ width: '100%' }}>
              <Input
                ref={(el) => void (reasonRef.current = el?.input ?? null)}
                id="emergency-reason"
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
                onPressEnter={(e) => {
                  if (!e.nativeEvent.isComposing) override();
                }}
                placeholder={t('emergency.reasonPlaceholder')}
                status={reason && !reasonOk ? 'warning' : undefined}
              />
              <Button type="primary" onClick={override} disabled={!reasonOk} loading={busy} data-testid="emergency-override-confirm">
                {t('emergency.overrideConfirm')}
              </Button>
            </Space.Compact>
          )}
        </Space>
        <Typography.Text type="secondary" className="close-keys">
          {t('emergency.keys')}
        </Typography.Text>
      </div>
    </Modal>
  );
}
