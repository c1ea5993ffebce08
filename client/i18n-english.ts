/**
 * The UI's English texts, out of the Chinese first load (issue 17 item 6).
 *
 * Each feature's messages sit in shared/i18n as [Chinese, English] pairs, written side by side so
 * that neither language is forgotten. The client's build keeps the Chinese in the pairs and moves
 * the English into one module of its own (`virtual:i18n-english`), which the console loads when
 * the UI is English (client/src/lib/english.ts): at the switch, or before the first render when
 * the English UI was chosen earlier. The Chinese UI — the default, and every operator's — no
 * longer downloads or evaluates the English half (≈ 7.5 KiB compressed). The server and the tests
 * read the pairs as written. docs/decisions/first-load.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst, type Plugin } from 'vite';
import { applyEdits, walk, type AstNode, type Edit } from './build-ast';

export const ENGLISH_MODULE = 'virtual:i18n-english';
const RESOLVED = `\0${ENGLISH_MODULE}`;
const MESSAGES_DIR = fileURLToPath(new URL('../shared/i18n/', import.meta.url));

/** A string literal's text, or null for anything else (a template with a placeholder, a call…). */
function stringOf(n: AstNode): string | null {
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  const quasis = n.quasis as { value: { cooked: string } }[] | undefined;
  if (n.type === 'TemplateLiteral' && (n.expressions as unknown[]).length === 0 && quasis?.length === 1) return quasis[0]?.value.cooked ?? null;
  return null;
}

export interface SplitMessages {
  /** The module with each pair's English replaced by '' (its Chinese and keys as written). */
  code: string;
  /** key → English. */
  english: Record<string, string>;
}

/** Moves the English out of every `defineMessages({ key: [zh, en] })` in a messages file. */
export function splitMessages(code: string, file: string): SplitMessages {
  const english: Record<string, string> = {};
  const edits: Edit[] = [];
  walk(parseAst(code, { lang: 'ts' } as Parameters<typeof parseAst>[1]) as unknown as AstNode, (n) => {
    const callee = n.callee as AstNode & { name?: string };
    if (n.type !== 'CallExpression' || callee.type !== 'Identifier' || callee.name !== 'defineMessages') return;
    const [messages] = n.arguments as AstNode[];
    if (!messages || messages.type !== 'ObjectExpression') throw new Error(`${file}: defineMessages takes an object literal`);
    for (const prop of messages.properties as AstNode[]) {
      const key = prop.key as AstNode & { name?: string; value?: unknown };
      const name = key.type === 'Identifier' ? key.name : typeof key.value === 'string' ? key.value : undefined;
      const pair = prop.value as AstNode;
      const elements = (pair.elements as AstNode[] | undefined) ?? [];
      const enNode = elements[1];
      const en = enNode ? stringOf(enNode) : null;
      if (prop.type !== 'Property' || name === undefined || pair.type !== 'ArrayExpression' || elements.length !== 2 || !enNode || en === null) {
        throw new Error(`${file}: a message must be 'key': ['中文', 'English'] with plain strings (at ${code.slice(prop.start, prop.start + 60)})`);
      }
      english[name] = en;
      edits.push({ start: enNode.start, end: enNode.end, text: "''" });
    }
  });
  return { code: applyEdits(code, edits), english };
}

const isMessagesFile = (file: string) => path.dirname(file) === path.resolve(MESSAGES_DIR) && /\.ts$/.test(file) && !/\.test\.ts$/.test(file);

/** Every messages file's English, key → text. */
export function allEnglish(): Record<string, string> {
  const all: Record<string, string> = {};
  for (const name of readdirSync(MESSAGES_DIR)) {
    const file = path.join(MESSAGES_DIR, name);
    if (!isMessagesFile(file)) continue;
    const code = readFileSync(file, 'utf8');
    if (code.includes('defineMessages(')) Object.assign(all, splitMessages(code, file).english);
  }
  return all;
}

export function i18nEnglish(): Plugin {
  let build = false;
  return {
    name: 'hotline:i18n-english',
    enforce: 'pre',
    configResolved(config) {
      build = config.command === 'build';
    },
    resolveId: (id) => (id === ENGLISH_MODULE ? RESOLVED : null),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(allEnglish())};` : null),
    transform(code, id) {
      // In development the pairs stay whole: nothing to load, nothing to miss.
      const [file = id] = id.split('?');
      if (!build || !isMessagesFile(file) || !code.includes('defineMessages(')) return null;
      return { code: splitMessages(code, file).code, map: null };
    },
  };
}
