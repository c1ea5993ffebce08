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

/** Every key of the catalogue. */
export function messageKeys(): MessageKey[] {
  return Object.keys(CATALOG) as MessageKey[];
}

/**
 * The English texts where the client's build moved them out of the pairs (client/i18n-english.ts),
 * once the console has loaded them (client/src/lib/english.ts). The server reads the pairs.
 */
let movedEnglish: Readonly<Record<string, string>> = {};

export function registerEnglish(texts: Readonly<Record<string, string>>): void {
  movedEnglish = texts;
}

/** Looks up a message and fills `{name}` placeholders. An English text not loaded yet reads in Chinese, never blank. */
export function translate(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const pair = CATALOG[key] as readonly [string, string] | undefined;
  const text = pair ? (locale === 'en' && (movedEnglish[key] ?? pair[1])) || pair[0] : key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
