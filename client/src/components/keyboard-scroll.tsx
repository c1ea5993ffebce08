/**
 * Issue 19.3, WCAG 2.1 2.1.1: a table that scrolls inside the page (antd's `scroll={{ y }}`) must be
 * reachable by keyboard, or its hidden rows are out of reach without a mouse. Its scroll area
 * becomes a named, focusable region: Tab reaches it, the arrow keys scroll it.
 */
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

export function KeyboardScroll({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const name = t('a11y.scrollTable', { name: label });
  // After every render: antd replaces its scroll area when the data or the columns change.
  useLayoutEffect(() => {
    for (const area of ref.current?.querySelectorAll<HTMLElement>('.ant-table-body') ?? []) {
      area.tabIndex = 0;
      area.setAttribute('role', 'region');
      area.setAttribute('aria-label', name);
    }
  });
  return <div ref={ref}>{children}</div>;
}
