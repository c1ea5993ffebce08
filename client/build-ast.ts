/** The little of an ESTree syntax tree the build's plugins read and rewrite (antd-zero-runtime.ts, i18n-english.ts). */
export interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';
}

/** Visits `node` and every node under it, parents first. */
export function walk(node: AstNode, visit: (n: AstNode) => void): void {
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const v of value) if (isNode(v)) walk(v, visit);
    if (isNode(value)) walk(value, visit);
  }
}

/** A replacement of `code.slice(start, end)` by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** `code` with each edit made; an edit inside another's range goes with it. */
export function applyEdits(code: string, edits: Edit[]): string {
  const outer: Edit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start)) if (!outer.some((o) => e.start < o.end)) outer.push(e);
  let out = code;
  for (const e of outer.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
