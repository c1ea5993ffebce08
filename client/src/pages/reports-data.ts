/** The reports screens' period in the URL, the server's date, and how figures read. */
import { useQuery } from '@tanstack/react-query';
import { formatShanghai } from '../../../shared/calendar/shanghai';
import type { MessageKey, Locale } from '../../../shared/i18n';
import { translate } from '../../../shared/i18n';
import type { ComparisonRow, Rate } from '../../../shared/schemas/reports';
import { serverTimeQuery } from '../api/reference';

export type PeriodKind = 'month' | 'week' | 'range';

export interface PeriodChoice {
  kind: PeriodKind;
  month: string;
  week: string;
  from: string;
  to: string;
}

/** The query string the API takes for the chosen period. */
export function periodQuery(p: PeriodChoice): string {
  if (p.kind === 'month') return new URLSearchParams({ month: p.month }).toString();
  if (p.kind === 'week') return new URLSearchParams({ week: p.week }).toString();
  return new URLSearchParams({ from: p.from, to: p.to }).toString();
}

export function periodFromParams(params: URLSearchParams, today: string): PeriodChoice {
  // The month so far (issue 16 item 9); last month is one click away (the 上月 button).
  const base: PeriodChoice = { kind: 'month', month: today.slice(0, 7), week: today, from: `${today.slice(0, 7)}-01`, to: today };
  const month = params.get('month');
  const week = params.get('week');
  const from = params.get('from');
  const to = params.get('to');
  if (month) return { ...base, kind: 'month', month };
  if (week) return { ...base, kind: 'week', week };
  if (from && to) return { ...base, kind: 'range', from, to };
  return base;
}

/** Today in Shanghai by the server's clock (the console's clock is the server's, PRODUCT.md §4); also teaches serverNow(). */
export function useServerToday(): string | null {
  const read = useQuery(serverTimeQuery);
  if (read.data) return shanghaiDay(read.data);
  // Unreachable: the device's day rather than nothing.
  return read.isError ? shanghaiDay(new Date().toISOString()) : null;
}

export const shanghaiDay = (iso: string) => formatShanghai(iso, 'date');

export const percent = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`);
export const rateText = (r: Rate) => percent(r.rate);

/** 环比/同比 of one comparison row: +40.0% for counts, +5.0 个百分点 (pp) for rates. */
export function changeText(row: ComparisonRow, which: 'mom' | 'yoy', locale: Locale): string {
  const v = row[which];
  if (v === null) return '—';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const abs = Math.abs(v * 100).toFixed(1);
  if (row.kind === 'count') return `${sign}${abs}%`;
  return locale === 'en' ? `${sign}${abs} pp` : `${sign}${abs}个百分点`;
}

/** A code's label in the UI language when the catalog has it; the server's Chinese label otherwise. */
export function labelOf(locale: Locale, prefix: string, key: string, fallback: string): string {
  if (key === 'uncategorised' || key === 'unresolved' || key === 'no_address') return translate(locale, `rpt.${key}`);
  const k = `${prefix}.${key}` as MessageKey;
  const text = translate(locale, k);
  return text === k ? fallback : text;
}

/** The period as the screen's language reads it (the server's label is the Chinese one printed on the report). */
export function periodLabel(locale: Locale, p: { kind: PeriodKind; from: string; to: string; label: string }): string {
  if (locale !== 'en') return p.label;
  return p.kind === 'month' ? p.from.slice(0, 7) : `${p.from} – ${p.to}`;
}
