/**
 * POST /open311/v2/requests: a city platform files a request. It becomes a ticket with source
 * `open311`, registered for an operator to check, classify and dispatch like any intake record
 * (PRODUCT.md §2, 3); the standard's extra fields are kept beside it — in the same unit of work, so an
 * answer is never an error once something is stored (issue 14 item 5). With an Idempotency-Key
 * a retry gets the first answer again, and the key reused with other fields is refused (422).
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/client';
import { JIUTING_ADDRESS_BOOK } from '../../db/data/jiuting-addresses';
import { open311Requests, tickets, users } from '../../db/schema';
import { TICKET_TYPES, type CategoryCode } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { CATEGORY_NAMES } from '../../shared/reports/labels';
import { ZPhoneSchema } from '../../shared/schemas/ticket';
import type { SessionUser } from '../platform/auth/sessions';
import type { AppContext } from '../platform/context';
import { withTransaction } from '../platform/unit-of-work';
import { registerTicket } from '../tickets/commands/create-ticket';
import type { ApiKeyRow } from './api-keys';
import { TYPE_ATTRIBUTE } from './services';

/**
 * Form values: the standard says an empty parameter is the same as a missing one. (U+0000, which
 * the database cannot store, is refused by defineRoute for every route, with the field's name.)
 */
const field = (label: string, max: number) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string({ error: `${label}须为文字` })
      .trim()
      .max(max, `${label}不能超过${max}个字符`)
      .optional(),
  );

/** The client's retry key: the `Idempotency-Key` header, or this form field for clients that cannot set headers. */
export const IDEMPOTENCY_FIELD = 'idempotency_key';
export const ZIdempotencyKeySchema = z.string().regex(/^[\w.:-]{8,128}$/, 'Idempotency-Key（idempotency_key）须为8–128位字母、数字或 ._:-');
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
    [IDEMPOTENCY_FIELD]: z.preprocess((v) => (v === '' ? undefined : v), ZIdempotencyKeySchema.optional()),
    jurisdiction_id: field('jurisdiction_id', 200),
    service_code: z.preprocess((v) => (v === '' ? undefined : v), z.string({ error: '缺少 service_code（服务类别）' }).max(64, 'service_code 不正确')),
    lat: coordinate('lat（纬度）', 90),
    long: coordinate('long（经度）', 180),
    address_string: field('address_string（地址）', 200),
    address_id: field('address_id', 64),
    email: z.preprocess((v) => (v === '' ? undefined : v), z.email({ error: 'email 格式不正确' }).max(200).optional()),
    device_id: field('device_id', 200),
    account_id: field('account_id', 200),
    first_name: field('first_name', 100),
    last_name: field('last_name', 100),
    // Optional, as in GeoReport v2 (issue 19 item 2): a filing without it is kept without a number.
    phone: field('phone（联系电话）', 40),
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
async function gatewayUser(db: Db): Promise<SessionUser> {
  await db.insert(users).values({ username: OPEN311_USERNAME, displayName: 'Open311 接口', passwordHash: '!', roles: [], active: false }).onConflictDoNothing();
  const [row] = await db.select().from(users).where(eq(users.username, OPEN311_USERNAME)).limit(1);
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
  // The schema requires lat and long together when neither address is given.
  return `坐标 ${(v.lat ?? 0).toFixed(6)},${(v.long ?? 0).toFixed(6)}`;
}

/** What a filing answers: the same for the first request and every retry with its key. */
export interface FiledRequest {
  serviceRequestId: string;
  accountId: string | null;
  /** True when this is a retry answered from the first request. */
  replayed: boolean;
}

export interface FileOpen311RequestOptions {
  key: ApiKeyRow;
  service: CategoryCode;
  input: TOpen311Request;
  /** The client's Idempotency-Key, when it sent one. */
  idempotencyKey?: string | undefined;
  /** The request's fields as sent, for telling a retry from another request under the same key. */
  fields: Record<string, unknown>;
}

/** First key of the two-key advisory lock that serialises filings with one API key's one Idempotency-Key. */
const IDEMPOTENCY_LOCK = 62112349;

/** SHA-256 of the fields as sent, in name order, without the API key and the Idempotency-Key themselves. */
export function requestFingerprint(fields: Record<string, unknown>): string {
  const entries = Object.entries(fields)
    .filter(([name]) => name !== 'api_key' && name !== IDEMPOTENCY_FIELD)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(entries), 'utf8').digest('hex');
}

/** Unique violations arrive as `code` from pg and PGlite, or wrapped in `cause` by drizzle. */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}

function validate(service: CategoryCode, v: TOpen311Request) {
  const phone = v.phone === undefined ? { success: true as const, data: null } : ZPhoneSchema.safeParse(v.phone);
  if (!phone.success) throw new AppError('validation_failed', 'phone 联系电话格式不正确（手机号11位，或座机号码）', { phone: '联系电话格式不正确' });
  const rawType = (v as Record<string, unknown>)[`attribute[${TYPE_ATTRIBUTE}]`];
  if (rawType !== undefined && rawType !== '' && !(TICKET_TYPES as readonly unknown[]).includes(rawType)) {
    throw new AppError('validation_failed', 'attribute[type] 须为 complaint_help、suggestion 或 consultation', {
      [`attribute[${TYPE_ATTRIBUTE}]`]: '工单类型不正确',
    });
  }
  const type = (rawType || 'complaint_help') as (typeof TICKET_TYPES)[number];
  const text = v.description ?? '';
  const description = text.length >= 5 ? text : `${CATEGORY_NAMES[service]}：${text || '（未填写描述）'}`;
  // 张 + 三 → 张三; john + smith → john smith (Latin names keep their order and a space).
  const latin = /^[\p{Script=Latin}\s'.-]+$/u.test(`${v.first_name ?? ''}${v.last_name ?? ''}`);
  const name = (latin ? `${v.first_name ?? ''} ${v.last_name ?? ''}` : `${v.last_name ?? ''}${v.first_name ?? ''}`).trim();
  return { phone: phone.data, type, address: locationOf(v), description, name };
}

/**
 * Files a request in one unit of work: the ticket (registerTicket, the one path of intake) and
 * the standard's extras, so either both are stored or neither; the unit of work appends the
 * ticket's events and publishes them after the commit. A second request with the same key waits
 * for the first (advisory lock) and is answered from it.
 */
export async function fileOpen311Request(ctx: AppContext, opts: FileOpen311RequestOptions): Promise<FiledRequest> {
  const { key, service, input: v, idempotencyKey } = opts;
  const checked = validate(service, v);
  const fingerprint = requestFingerprint(opts.fields);
  const actor = await gatewayUser(ctx.db);
  const now = ctx.now();
  return withTransaction(ctx, async (tx, emit): Promise<FiledRequest> => {
    if (idempotencyKey) {
      await tx.execute(sql`select pg_advisory_xact_lock(${IDEMPOTENCY_LOCK}, hashtext(${`${key.id}|${idempotencyKey}`}))`);
      const prior = await earlierFiling(tx, key.id, idempotencyKey);
      if (prior) return answerRetry(prior, fingerprint);
    }
    const { ticket } = await registerTicket(tx, emit, {
      actor,
      actorRole: 'open311',
      screenEmergency: false,
      now,
      input: {
        type: checked.type,
        source: 'open311',
        contactName: checked.name || null,
        contactPhone: checked.phone,
        address: checked.address,
        description: checked.description,
        categoryCode: service,
        assistUnitIds: [],
        confidential: false,
        dispatch: false,
        urgent: false,
        urgentReason: '',
      },
    });
    const attributes = Object.fromEntries(Object.entries(v).filter(([k]) => k.startsWith('attribute[')));
    await tx.insert(open311Requests).values({
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
      createdAt: now,
      idempotencyKey: idempotencyKey ?? null,
      requestHash: fingerprint,
    });
    return { serviceRequestId: ticket.number, accountId: v.account_id ?? null, replayed: false };
  }).catch(async (err: unknown) => {
    // The lock makes this unreachable on one database; the unique index is the guarantee behind it.
    if (!idempotencyKey || !isUniqueViolation(err)) throw err;
    const prior = await earlierFiling(ctx.db, key.id, idempotencyKey);
    if (!prior) throw err;
    return answerRetry(prior, fingerprint);
  });
}

interface EarlierFiling {
  number: string;
  accountId: string | null;
  requestHash: string | null;
}

async function earlierFiling(db: Queryable, apiKeyId: number, idempotencyKey: string): Promise<EarlierFiling | null> {
  const [row] = await db
    .select({ number: tickets.number, accountId: open311Requests.accountId, requestHash: open311Requests.requestHash })
    .from(open311Requests)
    .innerJoin(tickets, eq(tickets.id, open311Requests.ticketId))
    .where(and(eq(open311Requests.apiKeyId, apiKeyId), eq(open311Requests.idempotencyKey, idempotencyKey)))
    .limit(1);
  return row ?? null;
}

function answerRetry(prior: EarlierFiling, fingerprint: string): FiledRequest {
  if (prior.requestHash !== fingerprint) {
    // The console's code for it (422); routes.ts answers it in the standard's error shape.
    throw new AppError(
      'idempotency_key_reused',
      `Idempotency-Key 已用于另一份内容不同的诉求 ${prior.number}，本次未保存；重试请原样提交，新的诉求请换一个键（Idempotency-Key reused with a different request）`,
    );
  }
  return { serviceRequestId: prior.number, accountId: prior.accountId, replayed: true };
}
