/**
 * Call actions under /api/calls (PRODUCT.md §8), behind session auth and CSRF: the waiting, active and
 * call-back lists, the screen pop, taking and releasing a call, click to call, the softphone
 * token, today's call figures, and the supervisors' simulator panel.
 */
import { and, desc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import { Router, type Request } from 'express';
import { rowsOf } from '../../db/client';
import { calls, tickets, users } from '../../db/schema';
import { shanghaiDate, startOfShanghaiDay } from '../../shared/calendar/shanghai';
import type { Role } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import {
  type CallDetail,
  type CallListAnswer,
  type CallView,
  type TelephonyInfo,
  ZCallAnswerSchema,
  ZCallbackSchema,
  ZCallListAnswerSchema,
  ZClaimCallAnswerSchema,
  ZClaimCallSchema,
  ZOutboundCallSchema,
  ZSimulateCallSchema,
  ZSimulatedCallAnswerSchema,
  ZCallStatsSchema,
  ZTelephonyInfoSchema,
  ZCallDetailSchema,
} from '../../shared/schemas/call';
import { ZIdParamSchema } from '../../shared/schemas/ids';
import { ZOkAnswerSchema } from '../../shared/schemas/ok';
import type { AuthContext } from '../platform/auth/sessions';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { canReadTicket, canSeeContact } from '../tickets/policy';
import { presentTicketSummary } from '../tickets/presenter';
import { callStats } from './call-stats';
import { claimCall, releaseCall } from './commands/claim-call';
import { placeOutboundCall } from './commands/place-outbound-call';
import { recordCallSignal } from './commands/record-call-signal';
import { revealCallerNumber } from './commands/reveal-caller-number';
import { phoneVariants, toE164 } from './phone';
import { presentCall, type CallRow } from './present-call';
import { telephonyFor } from './service';
import { carrierBaseUrl, lineNumber } from './settings';
import { clientIdentity, connectToOperator, type OperatorEndpoint } from './twiml';
import { mintVoiceToken } from './voice-token';

/** A call nobody ended for this long (a carrier that never sent 'completed') is not shown as waiting. */
const STALE_HOURS = 12;
const CALLBACK_DAYS = 7;
const OPERATORS = roles('operator', 'supervisor');

export function callRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/calls';
  const telephony = telephonyFor(ctx);
  const actorRole = (auth: AuthContext, prefer: Role[]): Role => prefer.find((r) => auth.user.roles.includes(r)) ?? auth.user.roles[0] ?? 'operator';
  const callById = async (raw: string | undefined) => {
    const id = ZIdParamSchema.safeParse(raw);
    const [row] = id.success ? await ctx.db.select().from(calls).where(eq(calls.id, id.data)).limit(1) : [];
    if (!row) throw new AppError('not_found', '来电不存在');
    return row;
  };

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/calls',
      access: OPERATORS,
      summary: 'Waiting and active calls, and abandoned calls to call back',
      response: ZCallListAnswerSchema,
    },
    async (): Promise<CallListAnswer> => {
      const [pos] = await rowsOf<{ seq: string | number | null }>(ctx.db, sql`select max(seq) as seq from events`);
      const now = ctx.now();
      const active = await ctx.db
        .select()
        .from(calls)
        .where(and(isNull(calls.endedAt), gt(calls.createdAt, new Date(now.getTime() - STALE_HOURS * 3600_000))))
        .orderBy(calls.id)
        .limit(200);
      const callbacks = await ctx.db
        .select()
        .from(calls)
        .where(
          and(
            eq(calls.status, 'abandoned'),
            isNull(calls.callbackCallId),
            gt(calls.endedAt, new Date(now.getTime() - CALLBACK_DAYS * 86_400_000)),
            // The citizen called again and got through: nothing left to call back.
            sql`not exists (select 1 from calls later where later.direction = 'inbound' and later.citizen_phone = ${calls.citizenPhone} and later.answered_at > ${calls.endedAt})`,
          ),
        )
        .orderBy(desc(calls.endedAt))
        .limit(200);
      return { seq: Number(pos?.seq ?? 0), calls: await views(ctx, [...active, ...callbacks]) };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/calls/stats',
      access: roles('supervisor', 'leader'),
      summary: "Today's call figures for the wallboard",
      response: ZCallStatsSchema,
    },
    async () => {
      const now = ctx.now();
      return callStats(ctx.db, startOfShanghaiDay(shanghaiDate(now)), now);
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/calls/voice-token',
      access: roles('operator', 'revisit', 'supervisor', 'liaison'),
      summary: 'Telephony mode and a softphone access token',
      response: ZTelephonyInfoSchema,
    },
    async ({ auth }): Promise<TelephonyInfo> => {
      const identity = clientIdentity(auth.user.id);
      return { mode: telephony.mode, token: telephony.mode === 'twilio' ? mintVoiceToken(ctx.config, identity) : null, identity };
    },
  );

  defineRoute(
    router,
    mount,
    { method: 'get', path: '/api/calls/:id', access: OPERATORS, summary: "Screen pop: the caller's number and history", response: ZCallDetailSchema },
    async ({ params, auth }): Promise<CallDetail> => {
      const call = await callById(params.id);
      const phones = call.citizenPhone ? phoneVariants(call.citizenPhone) : [];
      const previousTickets = phones.length
        ? await ctx.db.select().from(tickets).where(inArray(tickets.contactPhone, phones)).orderBy(desc(tickets.id)).limit(10)
        : [];
      const previousCalls = phones.length
        ? await ctx.db
            .select()
            .from(calls)
            .where(and(inArray(calls.citizenPhone, phones), ne(calls.id, call.id)))
            .orderBy(desc(calls.id))
            .limit(10)
        : [];
      // PRODUCT.md §9: the full number goes only to the people answering, and each read is logged.
      const citizenPhone = await revealCallerNumber({
        db: ctx.db,
        live: ctx.live,
        call,
        actor: auth.user,
        actorRole: actorRole(auth, ['operator', 'supervisor']),
        now: ctx.now(),
        purpose: 'screen_pop',
      });
      return {
        call: { ...(await viewOf(ctx, call)), citizenPhone },
        history: { tickets: previousTickets.map(presentTicketSummary), calls: await views(ctx, previousCalls) },
      };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/calls/:id/claim',
      access: OPERATORS,
      summary: 'Take a waiting call (only one operator can)',
      response: ZClaimCallAnswerSchema,
      body: ZClaimCallSchema,
    },
    async ({ params, body, auth, req }) => {
      const target = await callById(params.id);
      telephony.noteRequest(req);
      const { call, claimed } = await claimCall({
        db: ctx.db,
        live: ctx.live,
        actor: auth.user,
        actorRole: actorRole(auth, ['operator', 'supervisor']),
        callId: target.id,
        now: ctx.now(),
        via: body.via,
      });
      if (claimed) {
        const endpoint: OperatorEndpoint | null =
          body.via === 'browser'
            ? { kind: 'client', identity: clientIdentity(auth.user.id) }
            : body.deskPhone
              ? { kind: 'phone', number: toE164(body.deskPhone) }
              : null;
        // Twilio mode, desk phone without a number: the desk phone's PBX takes the caller from the queue.
        const connect = endpoint ?? (telephony.mode === 'simulator' ? { kind: 'client' as const, identity: clientIdentity(auth.user.id) } : null);
        if (connect) {
          try {
            await telephony.gateway.redirectCall(call.callSid, connectToOperator(carrierBaseUrl(ctx.config, req), call.id, connect));
          } catch (err) {
            req.log?.warn({ callId: call.id, err: (err as Error).message }, 'could not connect the caller');
            await releaseCall({ db: ctx.db, live: ctx.live, callId: call.id, now: ctx.now(), actor: null }).catch(() => undefined);
            if (telephony.simulator && !telephony.simulator.knows(call.callSid)) await endLostSimulatedCall(ctx, call);
            throw new AppError('unavailable', '未能接通来电（来电可能已挂断），请稍后重试');
          }
        }
      }
      const citizenPhone = claimed
        ? await revealCallerNumber({
            db: ctx.db,
            live: ctx.live,
            call,
            actor: auth.user,
            actorRole: actorRole(auth, ['operator', 'supervisor']),
            now: ctx.now(),
            purpose: 'taken',
          })
        : null;
      return { call: { ...(await viewOf(ctx, call)), citizenPhone } };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/calls/:id/release',
      access: OPERATORS,
      summary: 'Put a taken, unanswered call back in the queue',
      response: ZCallAnswerSchema,
    },
    async ({ params, auth }) => {
      const target = await callById(params.id);
      const role = actorRole(auth, ['supervisor', 'operator']);
      const call = await releaseCall({
        db: ctx.db,
        live: ctx.live,
        callId: target.id,
        now: ctx.now(),
        actor: { user: auth.user, role, any: role === 'supervisor' },
      });
      return { call: await viewOf(ctx, call) };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/calls/:id/callback',
      access: roles('operator', 'revisit', 'supervisor'),
      summary: 'Call an abandoned caller back (one click)',
      body: ZCallbackSchema,
      response: ZCallAnswerSchema,
      raises: ['not_found', 'invalid_state', 'rule_violation'],
      status: 201,
    },
    async ({ params, body, auth, req }) => {
      const abandoned = await callById(params.id);
      if (abandoned.direction !== 'inbound' || !abandoned.endedAt || abandoned.answeredAt) throw new AppError('invalid_state', '只能回拨未接通的来电');
      if (!abandoned.citizenPhone) throw new AppError('rule_violation', '来电号码未知，无法回拨');
      telephony.noteRequest(req);
      const call = await placeOutboundCall({
        ...outboundBase(ctx, req, auth, actorRole(auth, ['revisit', 'operator', 'supervisor'])),
        citizenPhone: abandoned.citizenPhone,
        callbackOf: abandoned,
        agentPhone: body.agentPhone,
      });
      return { call: await viewOf(ctx, call) };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/calls/outbound',
      access: roles('operator', 'revisit', 'supervisor', 'liaison'),
      summary: 'Click to call the citizen of a ticket',
      body: ZOutboundCallSchema,
      response: ZCallAnswerSchema,
      // The ticket is named in the body: an unknown or unreadable one is 404 though the path has no id.
      raises: ['not_found', 'wrong_unit', 'invalid_state'],
      status: 201,
    },
    async ({ body, auth, req }) => {
      const [ticket] = await ctx.db.select().from(tickets).where(eq(tickets.id, body.ticketId)).limit(1);
      if (!ticket || !canReadTicket(auth.user, ticket)) throw new AppError('not_found', '工单不存在');
      if (!canSeeContact(auth.user, ticket)) throw new AppError('wrong_unit', '只有主办单位可以联系市民');
      // An Open311 filing may come without a number (GeoReport v2 makes `phone` optional).
      if (ticket.contactPhone === null) throw new AppError('invalid_state', '此工单未留电话，无法外呼');
      telephony.noteRequest(req);
      const call = await placeOutboundCall({
        ...outboundBase(ctx, req, auth, actorRole(auth, ['revisit', 'liaison', 'operator', 'supervisor'])),
        citizenPhone: ticket.contactPhone,
        ticketId: ticket.id,
        agentPhone: body.agentPhone,
      });
      return { call: await viewOf(ctx, call) };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/calls/simulator/inbound',
      raises: ['rule_violation'],
      access: roles('supervisor'),
      summary: 'Simulator panel: a citizen calls the line',
      body: ZSimulateCallSchema,
      response: ZSimulatedCallAnswerSchema,
      status: 201,
    },
    async ({ body, req }) => {
      const sim = telephony.simulator;
      if (!sim) throw new AppError('rule_violation', '已接入 Twilio，模拟器已停用');
      telephony.noteRequest(req);
      return sim.startInbound({ from: toE164(body.from), abandonAfter: body.abandonAfter, talk: body.talk });
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/calls/simulator/:id/hangup',
      raises: ['not_found', 'rule_violation', 'invalid_state'],
      access: roles('supervisor'),
      summary: 'Simulator panel: the citizen hangs up',
      response: ZOkAnswerSchema,
    },
    async ({ params }) => {
      const sim = telephony.simulator;
      if (!sim) throw new AppError('rule_violation', '已接入 Twilio，模拟器已停用');
      const call = await callById(params.id);
      if (!(await sim.hangup(call.callSid))) throw new AppError('invalid_state', '该通话不在模拟器中（已结束）');
      return { ok: true as const };
    },
  );

  return router;
}

/** A simulated call the simulator no longer carries (the console restarted): the caller is gone. */
async function endLostSimulatedCall(ctx: AppContext, call: CallRow) {
  await recordCallSignal({
    db: ctx.db,
    live: ctx.live,
    now: ctx.now(),
    source: 'status',
    path: '/api/calls/claim',
    params: { CallSid: call.callSid, reason: 'simulator-lost' },
    callSid: call.callSid,
    signals: [{ kind: 'ended', at: ctx.now(), reason: 'hangup' }],
  });
}

function outboundBase(ctx: AppContext, req: Request, auth: AuthContext, role: string) {
  return {
    db: ctx.db,
    live: ctx.live,
    gateway: telephonyFor(ctx).gateway,
    actor: auth.user,
    actorRole: role,
    now: ctx.now,
    lineNumber: lineNumber(ctx.config),
    baseUrl: carrierBaseUrl(ctx.config, req),
  };
}

/** Calls as views, with the names of the operators who took them (one query). */
async function viewOf(ctx: AppContext, row: CallRow): Promise<CallView> {
  const [view] = await views(ctx, [row]);
  if (!view) throw new Error(`no view of call ${row.id}`);
  return view;
}

async function views(ctx: AppContext, rows: CallRow[]): Promise<CallView[]> {
  const ids = [...new Set(rows.map((r) => r.claimedBy).filter((id): id is number => id !== null))];
  const names = ids.length ? await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids)) : [];
  const byId = new Map(names.map((u) => [u.id, u.name]));
  return rows.map((r) => presentCall(r, r.claimedBy === null ? null : (byId.get(r.claimedBy) ?? null)));
}
