/**
 * Close on the call (PRODUCT.md §3 registered → closed_on_call): the reason (keys 1–4) and a note,
 * confirmed with Enter. Opened with Alt+C, from a knowledge base answer, or from the emergency
 * banner (003 第五条(三): the caller is told where to go).
 */
import { Button, Input, Modal, Radio, Typography } from 'antd';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { CLOSE_ON_CALL_REASONS, type CloseOnCallReason } from '../../../shared/domain';
import { useI18n } from '../lib/i18n';

export interface ClosePreset {
  reason: CloseOnCallReason;
  note?: string;
  /** The knowledge base article the answer came from (its use is counted). */
  articleId?: number;
  articleTitle?: string;
}

export function CloseOnCallDialog({
  preset,
  busy,
  onConfirm,
  onCancel,
  onClosed,
}: {
  preset: ClosePreset | null;
  busy: boolean;
  onConfirm(reason: CloseOnCallReason, note: string): void;
  onCancel(): void;
  onClosed?(): void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState<CloseOnCallReason>('no_handling_needed');
  const [note, setNote] = useState('');
  const noteRef = useRef<HTMLInputElement | null>(null);
  const wrapRef = useRef<HTMLDivElement | null>(null);
  const defaultNote = (r: CloseOnCallReason, p: ClosePreset | null) => (p && p.reason === r && p.note ? p.note : t(`console.closeNote.${r}`));

  // A new opening takes its preset in the same render (never a flash of the last call's reason).
  const [openedWith, setOpenedWith] = useState<ClosePreset | null>(null);
  if (preset !== openedWith) {
    setOpenedWith(preset);
    if (preset) {
      setReason(preset.reason);
      setNote(defaultNote(preset.reason, preset));
    }
  }

  useEffect(() => {
    if (!preset) return;
    // The reason first: 1–4 change it, Enter confirms with the prefilled note.
    setTimeout(() => (wrapRef.current?.querySelector<HTMLInputElement>('input[type=radio]:checked') ?? noteRef.current)?.focus(), 50);
  }, [preset]);

  const pick = (r: CloseOnCallReason) => {
    setReason(r);
    setNote(defaultNote(r, preset));
  };
  const confirm = () => {
    if (note.trim()) onConfirm(reason, note.trim());
  };

  // 1–4 pick the reason and Enter confirms from the moment the dialog opens, wherever the focus
  // is on its way (a fast Enter right after Alt+C must not be lost, nor land in the description).
  // A layout effect: registered before the dialog is painted, so no key can fall between the two.
  useLayoutEffect(() => {
    if (!preset) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      // The note types digits and confirms on its own Enter; buttons click on Enter.
      if ((target instanceof HTMLInputElement && target.id === 'close-note') || target?.tagName === 'BUTTON') return;
      const numbered = /^[1-4]$/.test(e.key) ? CLOSE_ON_CALL_REASONS[Number(e.key) - 1] : undefined;
      if (numbered) {
        e.preventDefault();
        e.stopPropagation();
        pick(numbered);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        e.stopPropagation();
        confirm();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  return (
    <Modal
      open={preset !== null}
      title={t('console.closeTitle')}
      okText={t('console.closeConfirm')}
      cancelText={t('console.cancel')}
      onOk={confirm}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ disabled: !note.trim(), 'data-testid': 'close-confirm' } as React.ComponentProps<typeof Button>}
      destroyOnHidden
      // The form takes the focus back for the next call, not the button that opened the dialog.
      focusTriggerAfterClose={false}
      afterClose={onClosed}
      width={520}
    >
      <div ref={wrapRef} data-testid="close-dialog">
        {preset?.articleTitle && <Typography.Paragraph type="secondary">{t('console.closeFromArticle', { title: preset.articleTitle })}</Typography.Paragraph>}
        <Radio.Group value={reason} onChange={(e) => pick(e.target.value as CloseOnCallReason)} className="close-reasons">
          {CLOSE_ON_CALL_REASONS.map((r, i) => (
            <Radio key={r} value={r} data-testid={`close-reason-${r}`}>
              {i + 1} {t(`closeReason.${r}`)}
            </Radio>
          ))}
        </Radio.Group>
        <Input
          ref={(el) => void (noteRef.current = el?.input ?? null)}
          id="close-note"
          className="close-note"
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
          onPressEnter={(e) => {
            if (!e.nativeEvent.isComposing) confirm();
          }}
          placeholder={t('console.closeNotePlaceholder')}
        />
        <Typography.Text type="secondary" className="close-keys">
          {t('console.closeKeys')}
        </Typography.Text>
      </div>
    </Modal>
  );
}
