/**
 * POST /open311/v2/requests: a city platform files a request. It becomes a ticket with source
 * `open311`, registered for an operator to check, classify and dispatch like any intake record
 * (SPEC 2, 3); the standard's extra fields are kept beside it.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { JIUTING_ADDRESS_BOOK } from '../../db/data/jiuting-addresses';
import { open311Requests, users } from '../../db/schema';
import { TICKET_TYPES, type CategoryCode } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { CATEGORY_NAMES } from '../../shared/reports/labels';
import { ZPhoneSchema } from '../../shared/schemas/ticket';
import type { SessionUser } from '../platform/auth/sessions';
import type { AppContext } from '../platform/context';
import { createTicket } from '../tickets/commands/create-ticket';
import type { ApiKeyRow } from './api-keys';
import { TYPE_ATTRIBUTE } from './services';

/** Form values: the standard says an empty parameter is the same as a missing one. */
const field = (label: string, max: number) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string({ error: `${label}须为文字` })
      .trim()
      .max(max, `${label}不能超过${max}个字符`)
      .optional(),
  );
const coordinate = (label: string, limit: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : Number(v)),
    z
      .number({ error: `${label}须为数字` })
      .min(-limit, `${label}超出范围`)
      .max(limit, `${label}超出范围`)
      .optional(),
  );

/** GeoReport v2 "POST Service Request" arguments (application/x-www-form-urlencoded). */
export const ZOpen311RequestSchema = z
  .looseObject({
    api_key: field('api_key', 200),
    jurisdiction_id: field('jurisdiction_id', 200),
    service_code: z.preprocess((v) => (v === '' ? undefined : v), z.string({ error: '缺少 service_code（服务类别）' }).max(64, 'service_code 不正确')),
    lat: coordinate('lat（纬度）', 90),
    long: coordinate('long（经度）', 180),
    address_string: field('address_string（地址）', 200),
    address_id: field('address_id', 64),
    email: z.preprocess((v) => (v === '' ? undefined : v), z.email({ error: 'email 格式不正确' }).max(200).optional()),
    device_id: field('device_id', 200),
    account_id: field('account_id', 200),
    first_name: field('first_name', 25),
    last_name: field('last_name', 25),
    phone: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string({ error: '缺少 phone（联系电话）：专线须在1个工作日内联系来电人' }).max(40, '联系电话格式不正确'),
    ),
    description: field('description（诉求描述）', 4000),
    media_url: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .url({ protocol: /^https?$/, error: 'media_url 须为 http(s) 网址' })
        .max(1000)
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if ((v.lat === undefined) !== (v.long === undefined)) ctx.addIssue({ code: 'custom', path: ['lat'], message: 'lat 和 long 须同时提供' });
    if (v.lat === undefined && !v.address_string && !v.address_id) {
      ctx.addIssue({ code: 'custom', path: ['address_string'], message: '须提供位置：lat 和 long、address_string 或 address_id 之一' });
    }
  });
export type TOpen311Request = z.infer<typeof ZOpen311RequestSchema>;

export const OPEN311_USERNAME = 'open311';

/** The account Open311 tickets are created by: a service account that can never log in. */
async function gatewayUser(ctx: AppContext): Promise<SessionUser> {
  await ctx.db
    .insert(users)
    .values({ username: OPEN311_USERNAME, displayName: 'Open311 接口', passwordHash: '!', roles: [], active: false })
    .onConflictDoNothing();
  const [row] = await ctx.db.select().from(users).where(eq(users.username, OPEN311_USERNAME)).limit(1);
  if (!row) throw new Error('open311 service account missing');
  return { id: row.id, username: row.username, displayName: row.displayName, roles: [], unitId: null };
}

function locationOf(v: TOpen311Request): string {
  if (v.address_string) return v.address_string;
  if (v.address_id) {
    const entry = JIUTING_ADDRESS_BOOK.addresses.find((a) => a.id === v.address_id);
    if (!entry) throw new AppError('validation_failed', 'address_id 不在本镇地址库中', { address_id: 'address_id 不在本镇地址库中' });
    return `${entry.address}（${entry.name}）`;
  }
  return `坐标 ${v.lat!.toFixed(6)},${v.long!.toFixed(6)}`;
}

export async function createOpen311Request(ctx: AppContext, key: ApiKeyRow, service: CategoryCode, v: TOpen311Request) {
  const phone = ZPhoneSchema.safeParse(v.phone);
  if (!phone.success) throw new AppError('validation_failed', 'phone 联系电话格式不正确（手机号11位，或座机号码）', { phone: '联系电话格式不正确' });
  const rawType = (v as Record<string, unknown>)[`attribute[${TYPE_ATTRIBUTE}]`];
  if (rawType !== undefined && rawType !== '' && !(TICKET_TYPES as readonly unknown[]).includes(rawType)) {
    throw new AppError('validation_failed', 'attribute[type] 须为 complaint_help、suggestion 或 consultation', {
      [`attribute[${TYPE_ATTRIBUTE}]`]: '工单类型不正确',
    });
  }
  const type = (rawType || 'complaint_help') as (typeof TICKET_TYPES)[number];
  const address = locationOf(v);
  const text = v.description ?? '';
  const description = text.length >= 5 ? text : `${CATEGORY_NAMES[service]}：${text || '（未填写描述）'}`;
  const name = `${v.last_name ?? ''}${v.first_name ?? ''}`.trim();
  const actor = await gatewayUser(ctx);
  const { ticket } = await createTicket({
    db: ctx.db,
    live: ctx.live,
    actor,
    actorRole: 'open311',
    now: ctx.now(),
    input: {
      type,
      source: 'open311',
      contactName: name || null,
      contactPhone: phone.data,
      address,
      description,
      categoryCode: service,
      assistUnitIds: [],
      confidential: false,
      dispatch: false,
    },
  });
  // The ticket is the record; the standard's extras follow it (a crash between the two loses only these).
  const attributes = Object.fromEntries(Object.entries(v).filter(([k]) => k.startsWith('attribute[')));
  await ctx.db.insert(open311Requests).values({
    ticketId: ticket.id,
    apiKeyId: key.id,
    lat: v.lat ?? null,
    long: v.long ?? null,
    addressId: v.address_id ?? null,
    email: v.email ?? null,
    deviceId: v.device_id ?? null,
    accountId: v.account_id ?? null,
    mediaUrl: v.media_url ?? null,
    attributes,
    createdAt: ctx.now(),
  });
  return ticket;
}
