/**
 * Issue 7 boundaries shared by server and client: a new version of the dispatch rule table
 * (派单规则, 000 四) and the repeat / cluster settings (PRODUCT.md §5).
 */
import { z } from 'zod';
import { CATEGORY_CODES, type CategoryCode } from '../domain';

const ZUnitIdSchema = z
  .number({ error: '单位不正确' })
  .int({ error: '单位不正确' })
  .positive({ error: '单位不正确' })
  .max(2_147_483_647, { error: '单位不正确' });

export const ZDispatchRuleSchema = z.object({
  categoryCode: z.enum(CATEGORY_CODES, { error: '问题分类不正确' }),
  /** null: the community (居委会/村) of the address, "属地托管" (003 第八条). */
  leadUnitId: ZUnitIdSchema.nullable(),
  assistUnitIds: z.array(ZUnitIdSchema, { error: '协办单位不正确' }).max(10, { error: '协办单位最多10个' }).default([]),
});
export type TDispatchRule = z.output<typeof ZDispatchRuleSchema>;

/** A whole new table: every category exactly once, based on the version the supervisor edited. */
export const ZDispatchRuleTableInputSchema = z
  .object({
    baseVersion: z.number({ error: '请提供所依据的规则版本' }).int().min(0, { error: '规则版本不正确' }),
    rules: z.array(ZDispatchRuleSchema, { error: '请提供派单规则' }),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<CategoryCode>();
    value.rules.forEach((rule, i) => {
      if (seen.has(rule.categoryCode)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'categoryCode'], message: '同一问题分类只能有一条规则' });
      seen.add(rule.categoryCode);
      if (rule.leadUnitId !== null && rule.assistUnitIds.includes(rule.leadUnitId)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'assistUnitIds'], message: '协办单位不能与承办单位相同' });
      }
      if (new Set(rule.assistUnitIds).size !== rule.assistUnitIds.length) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'assistUnitIds'], message: '协办单位重复' });
      }
    });
    const missing = CATEGORY_CODES.filter((code) => !seen.has(code));
    if (missing.length) ctx.addIssue({ code: 'custom', path: ['rules'], message: `缺少问题分类：${missing.join('、')}` });
  });
export type TDispatchRuleTableInput = z.input<typeof ZDispatchRuleTableInputSchema>;

/** PRODUCT.md §5: the repeat window (default 30 days) and the cluster rule (≥3 callers in 2 hours). */
export const ZRepeatSettingsSchema = z.object({
  /** Same phone, or same address and category, within this many days → linked as a repeat. */
  repeatWindowDays: z
    .number({ error: '重复来电时间窗应为天数' })
    .int({ error: '重复来电时间窗应为整数天' })
    .min(1, { error: '重复来电时间窗至少1天' })
    .max(365, { error: '重复来电时间窗最多365天' }),
  /** Earlier repeats without progress that make a supervision candidate (000 三(六): 3). */
  supervisionRepeats: z
    .number({ error: '督办阈值应为次数' })
    .int({ error: '督办阈值应为整数' })
    .min(2, { error: '督办阈值至少2次' })
    .max(20, { error: '督办阈值最多20次' }),
  /** Calls about one place and category within this many minutes form a cluster. */
  clusterWindowMinutes: z
    .number({ error: '聚集时间窗应为分钟数' })
    .int({ error: '聚集时间窗应为整数分钟' })
    .min(10, { error: '聚集时间窗至少10分钟' })
    .max(1440, { error: '聚集时间窗最多1440分钟' }),
  /** Distinct caller phones that raise a cluster alert. */
  clusterMinCallers: z
    .number({ error: '聚集来电人数应为整数' })
    .int({ error: '聚集来电人数应为整数' })
    .min(2, { error: '聚集来电人数至少2人' })
    .max(50, { error: '聚集来电人数最多50人' }),
});
export type TRepeatSettings = z.output<typeof ZRepeatSettingsSchema>;

export const DEFAULT_REPEAT_SETTINGS: TRepeatSettings = {
  repeatWindowDays: 30,
  supervisionRepeats: 3,
  clusterWindowMinutes: 120,
  clusterMinCallers: 3,
};

/** Who published a version (null: the shipped table). */
const ZAuthorSchema = z.object({ id: z.number().int(), name: z.string().nullable() }).nullable();
const ZNamedUnitSchema = z.object({ id: z.number().int(), name: z.string().nullable() });

/** GET /api/dispatch-rules/versions/:version (or `latest`): the table with unit names and category labels. */
export const ZRuleTableViewSchema = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: ZAuthorSchema,
  rules: z.array(
    z.object({
      categoryCode: z.enum(CATEGORY_CODES),
      label: z.string(),
      leadUnitId: z.number().int().nullable(),
      lead: ZNamedUnitSchema.nullable(),
      assistUnitIds: z.array(z.number().int()),
      assist: z.array(ZNamedUnitSchema),
    }),
  ),
});
export type TRuleTableView = z.output<typeof ZRuleTableViewSchema>;

const ZRuleUnitsSchema = z.object({ leadUnitId: z.number().int().nullable(), assistUnitIds: z.array(z.number().int()) });

/** One category's rule before and after a version (null: not in that table). */
export const ZRuleChangeSchema = z.object({
  categoryCode: z.enum(CATEGORY_CODES),
  before: ZRuleUnitsSchema.nullable(),
  after: ZRuleUnitsSchema.nullable(),
});
export type TRuleChange = z.output<typeof ZRuleChangeSchema>;

/** GET /api/dispatch-rules/versions: every version, newest first, with what it changed. */
export const ZRuleVersionListSchema = z.array(
  z.object({
    version: z.number().int(),
    createdAt: z.string(),
    createdBy: ZAuthorSchema,
    changes: z.array(ZRuleChangeSchema),
  }),
);
export type TRuleVersion = z.output<typeof ZRuleVersionListSchema>[number];

/** POST /api/dispatch-rules: the version published and what it changed. */
export const ZRulePublishAnswerSchema = z.object({ version: z.number().int(), changes: z.array(ZRuleChangeSchema) });
export type TRulePublishAnswer = z.output<typeof ZRulePublishAnswerSchema>;

/** GET /api/repeat-settings: the settings in force (version 0: the defaults, never published). */
export const ZRepeatSettingsAnswerSchema = z.object({
  version: z.number().int().min(0),
  settings: ZRepeatSettingsSchema,
  createdAt: z.string().nullable(),
  createdBy: z.number().int().nullable(),
});
export type TRepeatSettingsAnswer = z.output<typeof ZRepeatSettingsAnswerSchema>;

/** POST /api/repeat-settings. */
export const ZRepeatSettingsPublishAnswerSchema = z.object({ version: z.number().int(), settings: ZRepeatSettingsSchema });
export type TRepeatSettingsPublishAnswer = z.output<typeof ZRepeatSettingsPublishAnswerSchema>;

/** GET /api/dispatch-rules: the table in force (version 0 and no rules before the first is published). */
export const ZDispatchRuleTableAnswerSchema = z.object({
  version: z.number().int().min(0),
  rules: z.array(z.object({ categoryCode: z.string(), leadUnitId: z.number().int().nullable(), assistUnitIds: z.array(z.number().int()) })),
});
