/**
 * UI strings (STYLE: they live in shared/i18n). Each feature keeps its own file of
 * [zh-CN, en] pairs; register it in CATALOG below. Chinese is the default language.
 */
import { adminMessages } from './admin';
import { auditMessages } from './audit';
import { calendarMessages } from './calendar';
import { callsMessages } from './calls';
import { consoleMessages } from './console';
import { coreMessages } from './core';
import { reportsMessages } from './reports';
import { rulesMessages } from './rules';
import { staffingMessages } from './staffing';
import { workspaceMessages } from './workspaces';

const CATALOG = {
  ...coreMessages,
  ...callsMessages,
  ...consoleMessages,
  ...rulesMessages,
  ...workspaceMessages,
  ...reportsMessages,
  ...auditMessages,
  ...calendarMessages,
  ...staffingMessages,
  ...adminMessages,
} as const;

export type Locale = 'zh-CN' | 'en';
export type MessageKey = keyof typeof CATALOG;

/** Looks up a message and fills `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const pair = CATALOG[key] as readonly [string, string] | undefined;
  const text = pair ? pair[locale === 'en' ? 1 : 0] : key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
