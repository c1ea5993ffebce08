/** Issue 4: the knowledge base API (PRODUCT.md §1 "answers consultations from the knowledge base"). */
import { z } from 'zod';
import { CATEGORY_CODES } from '../domain';
import { requiredText } from './text';

const text = (label: string, min: number, max: number) => requiredText(label, { min, max });
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .default('');

/**
 * Where and how a matter is handled, shown to the operator beside the answer (issue 16 item 11).
 * `sample`: content written as an example (shipped with the console), to be checked by the town
 * before it is read to callers — the console says so on every such article.
 */
export const ZKnowledgeDetailsSchema = z.object({
  office: optionalText('办理机构', 100),
  address: optionalText('地址', 200),
  hours: optionalText('办理时间', 200),
  documents: z
    .array(z.string({ error: '所需材料应为文字' }).trim().min(1, { error: '所需材料不能为空' }).max(100, { error: '每项材料不能超过100个字' }), {
      error: '所需材料应为列表',
    })
    .max(20, { error: '所需材料不能超过20项' })
    .default([]),
  phone: optionalText('咨询电话', 100),
  sample: z.boolean({ error: '示例标记应为是或否' }).default(false),
});
export type TKnowledgeDetails = z.output<typeof ZKnowledgeDetailsSchema>;

export const ZKnowledgeArticleInputSchema = z.object({
  title: text('标题', 2, 60),
  categoryCode: z.enum(CATEGORY_CODES, { error: '问题分类不正确' }).nullable().default(null),
  /** Words and phrasings callers use (aliases), separated by spaces or commas. */
  keywords: z.string({ error: '关键词应为文字' }).trim().max(500, { error: '关键词不能超过500个字' }).default(''),
  body: text('知识内容', 5, 4000),
  answer: text('答复口径', 5, 2000),
  /** Absent on an edit: the article keeps the details it has. */
  details: ZKnowledgeDetailsSchema.optional(),
});
export type TKnowledgeArticleInput = z.input<typeof ZKnowledgeArticleInputSchema>;

/** An edit: the version the supervisor started from (a newer one → 409), and the new text. */
export const ZKnowledgeArticleEditSchema = ZKnowledgeArticleInputSchema.extend({
  version: z.number({ error: '缺少知识版本号（version）' }).int().positive({ error: '知识版本号不正确' }),
  active: z.boolean({ error: '启用标记应为是或否' }).default(true),
});
export type TKnowledgeArticleEdit = z.input<typeof ZKnowledgeArticleEditSchema>;

/** POST /api/knowledge/search: a body, never a query string (the citizen's words). */
export const ZKnowledgeSearchSchema = z.object({
  q: z.string({ error: '搜索内容应为文字' }).max(4000, { error: '搜索内容不能超过4000个字' }).default(''),
  category: z.enum(CATEGORY_CODES, { error: '问题分类不正确' }).optional(),
  /** Supervisors' editor lists retired articles too. */
  all: z.enum(['0', '1'], { error: 'all 应为 0 或 1' }).default('0'),
  limit: z.coerce
    .number({ error: '数量应为1–100' })
    .int({ error: '数量应为1–100' })
    .min(1, { error: '数量应为1–100' })
    .max(100, { error: '数量应为1–100' })
    .default(20),
});

export const ZKnowledgeUseSchema = z.object({
  /** The ticket the answer was given on (every call has its intake record; 003 附件2). */
  ticketId: z.number({ error: '请提供答复所在的工单' }).int({ error: '工单不正确' }).positive({ error: '工单不正确' }),
});
export type TKnowledgeUse = z.input<typeof ZKnowledgeUseSchema>;

/** POST /api/knowledge/:id/use: the article's count of answers given from it, and its version. */
export const ZKnowledgeUseAnswerSchema = z.object({ useCount: z.number().int().min(0), version: z.number().int() });
export type TKnowledgeUseAnswer = z.output<typeof ZKnowledgeUseAnswerSchema>;

export const ZKnowledgeArticleViewSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  title: z.string(),
  categoryCode: z.string().nullable(),
  keywords: z.string(),
  body: z.string(),
  answer: z.string(),
  details: ZKnowledgeDetailsSchema,
  active: z.boolean(),
  useCount: z.number().int(),
  lastUsedAt: z.string().nullable(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  /** Search relevance 0–1 (only in search answers). */
  score: z.number().optional(),
});
export type TKnowledgeArticleView = z.output<typeof ZKnowledgeArticleViewSchema>;
/** The same type under the name the server and older code use. */
export type KnowledgeArticleView = TKnowledgeArticleView;

export const ZKnowledgeVersionViewSchema = z.object({
  version: z.number().int(),
  title: z.string(),
  categoryCode: z.string().nullable(),
  keywords: z.string(),
  body: z.string(),
  answer: z.string(),
  details: ZKnowledgeDetailsSchema,
  active: z.boolean(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type KnowledgeVersionView = z.output<typeof ZKnowledgeVersionViewSchema>;

/** GET /api/knowledge/:id: the article with every version, newest first. */
export const ZKnowledgeArticleDetailSchema = ZKnowledgeArticleViewSchema.extend({ versions: z.array(ZKnowledgeVersionViewSchema) });
export type TKnowledgeArticleDetail = z.output<typeof ZKnowledgeArticleDetailSchema>;

/** POST /api/knowledge/search. */
export const ZKnowledgeSearchAnswerSchema = z.object({ articles: z.array(ZKnowledgeArticleViewSchema) });
export type KnowledgeSearchAnswer = z.output<typeof ZKnowledgeSearchAnswerSchema>;

export const KNOWLEDGE_SAVED_EVENT = 'knowledge.article_saved';
export const KNOWLEDGE_USED_EVENT = 'knowledge.used';
