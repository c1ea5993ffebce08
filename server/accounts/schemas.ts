/** Issue 15 item 11: what the account and unit forms accept (zod at the boundary; messages in Chinese, as every form). */
import { z } from 'zod';
import { ROLES, UNIT_KINDS } from '../../shared/domain';
import { rowId } from '../../shared/schemas/ids';
import { normalizeUsername } from '../platform/auth/username';

const displayName = z.string({ error: '请填写姓名' }).trim().min(1, { error: '请填写姓名' }).max(40, { error: '姓名不能超过40个字' });
const roles = z
  .array(z.enum(ROLES, { error: '角色不正确' }), { error: '请选择角色' })
  .min(1, { error: '请至少选择一个角色' })
  .max(ROLES.length, { error: '角色不正确' })
  .transform((r) => [...new Set(r)]);
const unitId = rowId('单位不正确').nullable();
/** Long enough that a guess is not the way in (login throttling does the rest); never logged or stored in clear. */
const password = z.string({ error: '请填写密码' }).min(10, { error: '密码至少10个字符' }).max(128, { error: '密码不能超过128个字符' });

export const ZCreateUserSchema = z.strictObject(
  {
    username: z
      .string({ error: '请填写用户名' })
      .transform(normalizeUsername)
      .pipe(z.string().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, { error: '用户名为3–40个小写字母、数字、点、横线或下划线' })),
    displayName,
    password,
    roles,
    unitId: unitId.default(null),
  },
  { error: '请求内容须为对象' },
);
export type TCreateUserInput = z.output<typeof ZCreateUserSchema>;

export const ZUpdateUserSchema = z
  .strictObject({ displayName: displayName.optional(), roles: roles.optional(), unitId: unitId.optional() }, { error: '请求内容须为对象' })
  .refine((b) => b.displayName !== undefined || b.roles !== undefined || b.unitId !== undefined, { error: '没有要修改的内容' });
export type TUpdateUserInput = z.output<typeof ZUpdateUserSchema>;

export const ZSetActiveSchema = z.strictObject({ active: z.boolean({ error: '请选择启用或停用' }) }, { error: '请求内容须为对象' });
export const ZResetPasswordSchema = z.strictObject({ password }, { error: '请求内容须为对象' });

const unitName = z.string({ error: '请填写单位名称' }).trim().min(2, { error: '单位名称至少2个字' }).max(60, { error: '单位名称不能超过60个字' });
export const ZCreateUnitSchema = z.strictObject(
  {
    code: z
      .string({ error: '请填写单位代码' })
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: '单位代码为2–40个小写字母、数字或下划线，以字母开头' }),
    name: unitName,
    kind: z.enum(UNIT_KINDS, { error: '单位类型不正确' }),
  },
  { error: '请求内容须为对象' },
);
export const ZRenameUnitSchema = z.strictObject({ name: unitName }, { error: '请求内容须为对象' });
