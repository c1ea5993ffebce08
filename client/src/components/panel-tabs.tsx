/**
 * A few views in one card, one shown at a time (the operator's 来电历史 and 知识库): the WAI-ARIA
 * tabs pattern — ←/→, Home and End move between tabs and show the one they reach. A panel
 * rendered once stays mounted, hidden, so a search typed in it is still there when it comes back.
 * Plain markup, not antd's Tabs: two fixed labels need none of its overflow menu, and it measured
 * its tab bar's layout while the operator's form was first rendering (docs/decisions/first-load.md).
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface PanelTab<K extends string> {
  key: K;
  label: ReactNode;
  panel: ReactNode;
}

export interface PanelTabsProps<K extends string> {
  tabs: PanelTab<K>[];
  active: K;
  onChange(key: K): void;
}

const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowRight: (at, n) => (at + 1) % n,
  ArrowLeft: (at, n) => (at - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

export function PanelTabs<K extends string>({ tabs, active, onChange }: PanelTabsProps<K>) {
  const id = useId();
  const bar = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<ReadonlySet<K>>(() => new Set([active]));
  if (!shown.has(active)) setShown(new Set([...shown, active]));

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const move = MOVES[e.key];
    if (!move) return;
    e.preventDefault();
    const at = Math.max(
      0,
      tabs.findIndex((tab) => tab.key === active),
    );
    const next = tabs[move(at, tabs.length)];
    if (!next) return;
    onChange(next.key);
    bar.current?.querySelector<HTMLElement>(`[data-key="${next.key}"]`)?.focus();
  };

  return (
    <div className="panel-tabs">
      <div role="tablist" className="panel-tabs-bar" ref={bar} onKeyDown={onKey}>
        {tabs.map((tab) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            id={`${id}-${tab.key}-tab`}
            data-key={tab.key}
            aria-selected={tab.key === active}
            aria-controls={`${id}-${tab.key}-panel`}
            tabIndex={tab.key === active ? 0 : -1}
            className={tab.key === active ? 'panel-tab active' : 'panel-tab'}
            onClick={() => onChange(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs
        .filter((tab) => shown.has(tab.key))
        .map((tab) => (
          <div key={tab.key} role="tabpanel" id={`${id}-${tab.key}-panel`} aria-labelledby={`${id}-${tab.key}-tab`} hidden={tab.key !== active}>
            {tab.panel}
          </div>
        ))}
    </div>
  );
}
