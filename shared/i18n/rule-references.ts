/**
 * Issue 16.8: the government documents a rule comes from, named as the people who use the console
 * know them. Code and comments cite them as "000 三(二)"; a screen never shows that code in a
 * sentence — it says the rule in plain words and gives the source in a tooltip
 * (client/src/components/rule-hint.tsx), built here.
 */
import type { Locale } from './index';

/** The short title of each source document (shared/seeds/README.md), [zh-CN, en]. */
const DOCUMENTS = {
  '000': ['《新桥镇“12345”热线工单办理细则（试行）》', 'Xinqiao town 12345 work-order rules (2022)'],
  '001': ['《夏阳街道12345市民服务热线工作管理办法》', 'Xiayang sub-district 12345 hotline rules (2022)'],
  '002': ['《北站街道“12345”市民服务热线工作细则》', 'Beizhan sub-district 12345 hotline rules (2015)'],
  '003': ['《九亭镇关于进一步推进12345市民热线工作的实施方案》', 'Jiuting town 12345 hotline implementation plan (2025)'],
  '004': ['《赵巷镇12345市民服务热线诉求办理协调督办工作机制（试行）》', 'Zhaoxiang town 12345 coordinated supervision rules (2024)'],
} as const satisfies Record<string, readonly [string, string]>;

export type RuleDocument = keyof typeof DOCUMENTS;

/** One citation: the document and the article within it, e.g. ['000', '三(二)']. */
export type RuleCitation = readonly [RuleDocument, string];

/** "依据：《新桥镇…细则》三(二)；《夏阳街道…办法》二.2" — the tooltip text of one or more citations. */
export function ruleReference(citations: readonly RuleCitation[], locale: Locale): string {
  const en = locale === 'en';
  const parts = citations.map(([doc, article]) => `${DOCUMENTS[doc][en ? 1 : 0]}${en ? ', ' : ''}${article}`);
  return `${en ? 'Source: ' : '依据：'}${parts.join(en ? '; ' : '；')}`;
}
