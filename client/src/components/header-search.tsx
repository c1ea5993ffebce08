/**
 * Issue 16.6 (PRODUCT.md §7): search from every staff screen. The header's search button (or Ctrl+K,
 * or / outside a text field) opens the box; it finds tickets by number, full phone number (logged
 * on the server), address or words of the description, across all time, within what the user may
 * read. ↑/↓ choose, Enter opens the ticket, Esc closes. The query is checked here by the same rule
 * as on the server (shared/search/parse-query.ts), so an incomplete number never leaves the tab.
 */
import { useQuery } from '@tanstack/react-query';
import { Input, Spin, Tag, Tooltip, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useNavigate } from 'react-router';
import type { MessageKey } from '../../../shared/i18n';
import { parseSearchQuery } from '../../../shared/search/parse-query';
import { searchQuery } from '../api/search';
import { errorText } from '../lib/error-text';
import { useI18n } from '../lib/i18n';
import { shortTime } from './action-forms/time';

/** Wait for a pause in typing: a phone search is logged, a half-typed word is not a search. */
const DEBOUNCE_MS = 250;

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);

export function HeaderSearch() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<InputRef | null>(null);
  const box = useRef<HTMLDivElement | null>(null);
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const parsed = q ? parseSearchQuery(q) : null;
  const asked = parsed && parsed.kind !== 'invalid' ? q : null;
  const answer = useQuery({ ...searchQuery(asked ?? ''), enabled: asked !== null });
  const results = asked !== null ? (answer.data?.tickets ?? []) : [];

  // Rendered and focused within the key's own handler: what is typed right after Ctrl+K lands in the box.
  const show = () => {
    flushSync(() => setOpen(true));
    input.current?.focus();
  };
  const close = () => {
    setOpen(false);
    setText('');
    setActive(0);
  };
  const go = (id: number) => {
    close();
    void navigate(`/tickets/${id}`);
  };

  // Ctrl+K anywhere; / where it would not be typed into a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        show();
      } else if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) {
        e.preventDefault();
        show();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A click outside closes the box.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) close();
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);

  // A new answer starts on its first hit (set while rendering, not in an effect).
  const [activeFor, setActiveFor] = useState<unknown>(null);
  if (activeFor !== answer.data) {
    setActiveFor(answer.data);
    setActive(0);
  }

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, Math.max(results.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = results[active];
      if (hit && asked === text.trim()) go(hit.id);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };

  const status = (() => {
    if (!q) return t('search.hint');
    if (parsed?.kind === 'invalid') return t(`search.invalid.${parsed.reason}` as MessageKey);
    if (answer.isFetching || q !== text.trim()) return null;
    if (answer.error) return errorText(locale, answer.error);
    if (results.length === 0) return t('search.none');
    return null;
  })();

  return (
    <div className="header-search" ref={box}>
      <Tooltip title={t('search.button')}>
        <button
          type="button"
          className="header-search-button"
          aria-label={t('search.button')}
          onClick={() => (open ? close() : show())}
          data-testid="search-button"
        >
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
            <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
            <line x1="15.5" y1="15.5" x2="21" y2="21" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
          </svg>
        </button>
      </Tooltip>
      {open && (
        <div className="header-search-panel" data-testid="search-panel" role="dialog" aria-label={t('search.button')}>
          <Input
            ref={input}
            id="header-search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder={t('search.placeholder')}
            autoComplete="off"
            maxLength={100}
            allowClear
            role="combobox"
            aria-expanded={results.length > 0}
            aria-controls="header-search-results"
            aria-activedescendant={results[active] ? `search-hit-${results[active].id}` : undefined}
          />
          {answer.isFetching && <Spin size="small" className="header-search-spin" />}
          {status && (
            <div className="header-search-status" data-testid="search-status">
              {status}
            </div>
          )}
          {results.length > 0 && (
            <ul className="header-search-results" id="header-search-results" role="listbox" data-testid="search-results">
              {results.map((r, i) => (
                <li
                  key={r.id}
                  id={`search-hit-${r.id}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'active' : undefined}
                  data-testid="search-hit"
                  data-number={r.number}
                  onMouseEnter={() => setActive(i)}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    go(r.id);
                  }}
                >
                  <div className="hit-head">
                    <span className="mono">{r.number}</span>
                    <Tag>{t(`state.${r.state}` as MessageKey)}</Tag>
                    <span className="muted">{shortTime(r.callAt)}</span>
                    <span className="muted">{r.contactPhoneMasked ?? t('reveal.noPhone')}</span>
                  </div>
                  <div className="hit-text">{[r.address, r.description].filter(Boolean).join(' · ')}</div>
                </li>
              ))}
            </ul>
          )}
          {answer.data?.truncated && asked !== null && <div className="header-search-status">{t('search.truncated', { n: results.length })}</div>}
          <div className="header-search-keys">{t('search.keys')}</div>
        </div>
      )}
    </div>
  );
}
