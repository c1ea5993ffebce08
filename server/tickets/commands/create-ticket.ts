import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Queryable, type Tx } from '../../../db/client';
import { tickets } from '../../../db/schema';
import { shanghaiDate } from '../../../shared/calendar/shanghai';
import { screenIntake, type IntakeScreen } from '../../../shared/classify/emergency';
import { computeClock } from '../../../shared/clock/clocks';
import { HOTLINE_PREFIX } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { TCreateTicketData } from '../../../shared/schemas/ticket';
import { callTimeOfRecord } from '../../../shared/ticket/call-time';
import { loadCalendar } from '../../clock/calendar';
import { latestPolicy } from '../../clock/policies';
import { choosePolicyCode } from '../../clock/policy-assignments';
import type { SessionUser } from '../../platform/auth/sessions';
import { roomsForTicket } from '../../platform/live/rooms';
import { pendingNumberToken, withTransaction, type Emit, type UnitOfWorkDeps } from '../../platform/unit-of-work';
import { analyseIntake } from '../../repeats/analyse-intake';
import { linkIntake } from '../../repeats/link-intake';
import { prepareCallLink } from '../../telephony/commands/link-call-to-ticket';
import { activeUnitIds } from '../../units/active-units';
import { presentTicketSummary } from '../presenter';
import { applyCommand, planCommand, recordCommand, type CommandPlan } from './run-ticket-command';
import { snapshotColumns } from './ticket-row';

/**
 * The record to register: the operator's intake (shared/schemas/ticket.ts, a phone required), or
 * an Open311 filing, whose `phone` GeoReport v2 makes optional (null: none given).
 */
export type RegisterTicketInput = Omit<TCreateTicketData, 'contactPhone'> & { contactPhone: string | null };

/** What registering one intake record needs, inside a unit of work the caller opened. */
export interface RegisterTicketOptions {
  actor: SessionUser;
  /** The role the actor acts in (a person can hold several). */
  actorRole: string;
  input: RegisterTicketInput;
  now: Date;
  /** Idempotency-Key header: the same key from the same user returns the same ticket. */
  idempotencyKey?: string | undefined;
  /** When the call started; defaults to now. */
  callAt?: Date;
  /**
   * Issue 16.3: refuse an emergency kept as an ordinary ticket without an override (true by
   * default). Open311 filings are registered unscreened: a citizen's report is never dropped, and
   * the line's operator screens it before any dispatch.
   */
  screenEmergency?: boolean;
}

export interface CreateTicketOptions extends RegisterTicketOptions, UnitOfWorkDeps {}

export type TicketRow = typeof tickets.$inferSelect;

/** Registers an intake record and, when asked, dispatches it to the lead unit in one step: its own unit of work. */
export async function createTicket(opts: CreateTicketOptions): Promise<{ ticket: TicketRow; created: boolean }> {
  return withTransaction(opts, (tx, emit) => registerTicket(tx, emit, opts)).catch(async (err: unknown) => {
    // Two requests with one key raced past the lookup: the unique index kept one; answer with it.
    const key = opts.idempotencyKey;
    if (key && isUniqueViolation(err)) {
      const existing = await findByIdempotencyKey(opts.db, opts.actor.id, key);
      if (existing) return { ticket: sameIntake(existing, opts.input), created: false };
    }
    throw err;
  });
}

/**
 * The work of createTicket inside a unit of work the caller opened (Open311 files the ticket and
 * its own extras in one): writes with `tx`, emits the events, and leaves commit and publishing to
 * the caller's `withTransaction`. With an Idempotency-Key, a unique violation from a racing
 * request aborts the caller's transaction; only createTicket answers that race from the winner.
 */
export async function registerTicket(tx: Tx, emit: Emit, opts: RegisterTicketOptions): Promise<{ ticket: TicketRow; created: boolean }> {
  const { actor, input, now } = opts;
  const dispatch = input.dispatch ?? input.leadUnitId !== undefined;
  // Ctrl+Enter (issue 17.4): the record is decided dispatched before it is written, and inserted
  // once in its dispatched state — the row and its search index are written once, not twice. The
  // events are the same as registering then dispatching. A record handed on during the call, or
  // an unscreened filing (its first dispatch screens it, emitting first), takes the two steps.
  const atOnce = dispatch && !input.closeOnCall && opts.screenEmergency !== false;
  const start = await startIntake(tx, actor.id, opts.idempotencyKey, atOnce);
  if (start.existing) return { ticket: sameIntake(start.existing, input), created: false };
  const screen: IntakeScreen = opts.screenEmergency === false ? { verdict: 'clear' } : screenIntake(input);
  if (screen.verdict === 'refuse') throw emergencyUnconfirmed(screen.number);
  await checkUnits(tx, input.leadUnitId, input.assistUnitIds);
  if (dispatch && input.leadUnitId === undefined) {
    throw new AppError('validation_failed', '输入有误：派单需要选择承办单位', { leadUnitId: '派单需要选择承办单位' });
  }
  // Issue 16.7: a record typed without a linked call began at the operator's first keystroke (a
  // linked call's own start wins, and the typing start is then not checked).
  const recordStart =
    input.startedAt === undefined || input.callId !== undefined
      ? undefined
      : callTimeOfRecord({ startedAt: new Date(input.startedAt), clientNow: input.clientNow === undefined ? undefined : new Date(input.clientNow), now });
  const callLink = input.callId === undefined ? null : await prepareCallLink(tx, { callId: input.callId, actor, actorRole: opts.actorRole, now });
  // Issue 15.2: by source, type and the urgent flag (001 三.1), through the supervisors' assignments.
  const policy = await latestPolicy(tx, await choosePolicyCode(tx, { source: input.source, type: input.type, urgent: input.urgent }));
  const ordinary = input.urgent ? await latestPolicy(tx, await choosePolicyCode(tx, { source: input.source, type: input.type, urgent: false })) : policy;
  // PRODUCT.md §5: community and grid of the address, earlier tickets it repeats, rule version in force.
  const intake = await analyseIntake(tx, input, now);
  const calendar = await loadCalendar(tx);
  // Issue 15.3, 000 三(一): the record's dispatch clock, stored for the queues until it is dispatched.
  const dispatchClock = computeClock({ kind: 'dispatch', startedAt: now, policy, calendar, now });
  // Issue 17.2: the day's number is taken by the transaction's last statement (its row lock is held
  // for that statement and the commit only); until then the row and its events hold a token.
  const number = pendingNumberToken();
  const values = {
    number,
    source: input.source,
    type: input.type,
    state: 'registered',
    callAt: opts.callAt ?? callLink?.callAt ?? recordStart ?? now,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    address: input.address,
    description: input.description,
    categoryCode: input.categoryCode ?? null,
    confidential: input.confidential,
    urgent: input.urgent,
    policyCode: policy.code,
    policyVersion: policy.version,
    idempotencyKey: opts.idempotencyKey ?? null,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
    clockKind: 'dispatch',
    dueAt: dispatchClock.due,
    light: dispatchClock.light,
    dueProvisional: dispatchClock.provisional,
    ...intake.columns,
  };
  const dispatchInput = { leadUnitId: input.leadUnitId, assistUnitIds: input.assistUnitIds };
  let registered: TicketRow;
  let dispatchedAtOnce: { plan: CommandPlan; row: TicketRow } | null = null;
  if (start.id !== null) {
    const { id } = start;
    const asRegistered = { ...REGISTERED_COLUMNS, assistUnitIds: [], detail: {} };
    const draft: TicketRow = { ...values, ...asRegistered, id, replyAcceptedAt: null, decisionSince: null, decisionKinds: [] };
    const plan = await planCommand(tx, emit, draft, 'dispatch', actor, dispatchInput, now, { calendar, emergencyScreened: true });
    const [inserted] = await tx
      .insert(tickets)
      .values({ ...values, id, ...snapshotColumns(plan.write) })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    registered = { ...inserted, ...asRegistered, clockKind: values.clockKind, dueAt: values.dueAt, light: values.light, dueProvisional: values.dueProvisional };
    dispatchedAtOnce = { plan, row: inserted };
  } else {
    const [inserted] = await tx.insert(tickets).values(values).returning();
    if (!inserted) throw new Error('insert returned no row');
    registered = inserted;
  }
  emit.numberLast({ ticketId: registered.id, token: number, prefix: HOTLINE_PREFIX, day: shanghaiDate(now).replaceAll('-', '') });
  emit({
    type: 'ticket.registered',
    ticketId: registered.id,
    actorId: actor.id,
    actorRole: opts.actorRole,
    at: now,
    fromState: null,
    toState: 'registered',
    payload: { ticket: presentTicketSummary(registered) },
    rooms: roomsForTicket(registered),
  });
  if (input.urgent) {
    emit({
      type: 'ticket.urgency_set',
      ticketId: registered.id,
      actorId: actor.id,
      actorRole: opts.actorRole,
      at: now,
      fromState: 'registered',
      toState: 'registered',
      payload: {
        urgent: true,
        reason: input.urgentReason,
        previousPolicy: { code: ordinary.code, version: ordinary.version },
        policy: { code: policy.code, version: policy.version },
        ticket: presentTicketSummary(registered),
      },
      rooms: roomsForTicket(registered),
    });
  }
  if (screen.verdict === 'override') {
    emit({
      type: 'ticket.emergency_overridden',
      ticketId: registered.id,
      actorId: actor.id,
      actorRole: opts.actorRole,
      at: now,
      fromState: 'registered',
      toState: 'registered',
      payload: { number: screen.number, reason: screen.reason },
      rooms: roomsForTicket(registered),
    });
  }
  let ticket = registered;
  if (input.closeOnCall) {
    // 003 第五条(三): handed on during the call, stored closed in the same step (never open in between).
    const close = { ...input.closeOnCall, ...(screen.verdict === 'transfer' ? { transferredTo: screen.number } : {}) };
    ticket = (await applyCommand(tx, emit, registered, 'close_on_call', actor, close, now)).row;
  }
  if (dispatchedAtOnce) {
    await recordCommand(tx, emit, dispatchedAtOnce.plan, registered, dispatchedAtOnce.row);
    ticket = dispatchedAtOnce.row;
  } else if (dispatch) {
    // Ctrl+Enter: the same dispatch command a later dispatch would run, in the same transaction.
    const dispatched = await applyCommand(tx, emit, registered, 'dispatch', actor, dispatchInput, now, {
      calendar,
      emergencyScreened: opts.screenEmergency !== false,
    });
    ticket = dispatched.row;
  }
  if (callLink) emit(...(await callLink.link(ticket)));
  emit(...(await linkIntake(tx, { ticket, analysis: intake, actorId: actor.id, actorRole: opts.actorRole, now })));
  return { ticket, created: true };
}

/**
 * What a freshly inserted row holds beside its intake values: the database's column defaults of a
 * registered record (db/schema-core.ts). Only the dispatch-at-once path needs them, to decide on
 * the record before it is written; server/tickets/dispatch-at-once.test.ts compares what it stores
 * with a plain registration dispatched later, so a changed default cannot drift from here unseen.
 */
const REGISTERED_COLUMNS = { state: 'registered', version: 1, round: 1, leadUnitId: null } as const;

/**
 * The intake's first statement: the ticket this user's Idempotency-Key already made (a retry), and,
 * for the dispatch-at-once path, the new ticket's id drawn before its row is written (the plan names
 * it). One round trip for both; a retry draws an id it does not use (ids are not the gap-free
 * numbers). The whole earlier row is read only for a retry.
 */
async function startIntake(tx: Tx, userId: number, key: string | undefined, drawId: boolean): Promise<{ existing?: TicketRow; id: number | null }> {
  if (!key && !drawId) return { id: null };
  const existing = key ? sql`(select id from tickets where created_by = ${userId} and idempotency_key = ${key} limit 1)` : sql`null::integer`;
  const id = drawId ? sql`nextval(pg_get_serial_sequence('tickets', 'id'))::integer` : sql`null::integer`;
  const [row] = await rowsOf<{ existing_id: number | null; id: number | null }>(tx, sql`select ${existing} as existing_id, ${id} as id`);
  if (!row) throw new Error('the first statement of an intake returned no row');
  if (row.existing_id !== null) {
    const [earlier] = await tx.select().from(tickets).where(eq(tickets.id, row.existing_id));
    if (earlier) return { existing: earlier, id: null };
  }
  if (drawId && row.id === null) throw new Error('no ticket id drawn');
  return { id: row.id === null ? null : Number(row.id) };
}

/** Issue 16.3: an emergency about to be kept as an ordinary ticket without the operator's reason. */
export function emergencyUnconfirmed(number: string): AppError {
  return new AppError(
    'emergency_unconfirmed',
    `描述像是紧急情况（${number}）：请告知来电人立即拨打${number}并当场办结；确非紧急情况，请填写不按紧急情况处理的理由。本次未保存`,
    { emergency: number },
  );
}

/**
 * A retry carries the record it was sent with; the same key with another record is a client bug
 * (a key reused across records), refused rather than silently answered with the first ticket.
 */
function sameIntake(existing: TicketRow, input: RegisterTicketInput): TicketRow {
  const same =
    existing.type === input.type &&
    existing.source === input.source &&
    existing.contactName === input.contactName &&
    existing.contactPhone === input.contactPhone &&
    existing.address === input.address &&
    existing.description === input.description &&
    existing.confidential === input.confidential;
  if (!same)
    throw new AppError('idempotency_key_reused', `这个 Idempotency-Key 已用于工单 ${existing.number}（内容不同），本次未保存`, {
      'Idempotency-Key': existing.number,
    });
  return existing;
}

/** The ticket this user made with this key (after a race the unique index settled). */
async function findByIdempotencyKey(q: Queryable, userId: number, key: string): Promise<TicketRow | undefined> {
  const rows = await q
    .select()
    .from(tickets)
    .where(and(eq(tickets.createdBy, userId), eq(tickets.idempotencyKey, key)))
    .limit(1);
  return rows[0];
}

async function checkUnits(tx: Tx, leadUnitId: number | undefined, assistUnitIds: number[]) {
  const ids = [...new Set([...(leadUnitId ? [leadUnitId] : []), ...assistUnitIds])];
  if (ids.length === 0) return;
  const known = await activeUnitIds(tx, ids);
  if (leadUnitId && !known.has(leadUnitId)) {
    throw new AppError('validation_failed', '输入有误：承办单位不存在', { leadUnitId: '承办单位不存在' });
  }
  if (assistUnitIds.some((id) => !known.has(id))) {
    throw new AppError('validation_failed', '输入有误：协办单位不存在', { assistUnitIds: '协办单位不存在' });
  }
  if (leadUnitId && assistUnitIds.includes(leadUnitId)) {
    throw new AppError('validation_failed', '输入有误：协办单位不能与承办单位相同', {
      assistUnitIds: '协办单位不能与承办单位相同',
    });
  }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}
