/**
 * A titled box on the operator's screen (the intake form, incoming calls, the shift): a section
 * named by its heading, so a screen reader lists the screen's parts. Not antd's Card: the Card
 * module brings its tab bar (Tabs, Menu, Dropdown) and Skeleton for props these boxes never use,
 * ≈ 28 KiB of the operator page's first load (docs/decisions/first-load.md). Styled as antd's
 * small card (styles.css, `.panel`).
 */
import { useId, type ReactNode } from 'react';

export interface PanelProps {
  title?: ReactNode;
  extra?: ReactNode;
  className?: string;
  'data-testid'?: string;
  children: ReactNode;
}

export function Panel({ title, extra, className, children, 'data-testid': testId }: PanelProps) {
  const id = useId();
  const head = title !== undefined || extra !== undefined;
  return (
    <section className={className ? `panel ${className}` : 'panel'} aria-labelledby={title !== undefined ? id : undefined} data-testid={testId}>
      {head && (
        <header className="panel-head">
          {title !== undefined && (
            <h2 id={id} className="panel-title">
              {title}
            </h2>
          )}
          {extra !== undefined && extra !== null && <div className="panel-extra">{extra}</div>}
        </header>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}
