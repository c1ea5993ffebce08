/** The little of an ESTree syntax tree the build's plugins read (antd-zero-runtime.ts, i18n-english.ts). */
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
