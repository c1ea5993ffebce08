/**
 * Twilio webhooks (PRODUCT.md §8), mounted at /telephony before the JSON parser and session auth:
 * they carry no session, so every request must bear a valid X-Twilio-Signature over
 * PUBLIC_BASE_URL + path; anything else is refused with 403 and nothing is recorded.
 */
import { eq } from 'drizzle-orm';
import express, { Router, type Request } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { calls } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { ZSimulateCallSchema, ZSimulatedCallAnswerSchema } from '../../shared/schemas/call';
import { rowIdParam } from '../../shared/schemas/ids';
import type { AppContext } from '../platform/context';
import { defineRoute, parseOrThrow, PUBLIC, TWIML_MEDIA_TYPE } from '../platform/define-route';
import { dialResultFrom, signalFromQueueResult, signalFromTwilioStatus, type CallSignal } from './call-status';
import { releaseCall } from './commands/claim-call';
import { recordCallSignal } from './commands/record-call-signal';
import { toE164 } from './phone';
import { telephonyFor } from './service';
import { publicBaseUrl } from './settings';
import { verifyTwilioSignature } from './signature';
import { empty, goodbye, greetAndEnqueue, holdPrompt, PROMPTS, QUEUE_NAME, WEBHOOK_PATHS } from './twiml';

const ZCallSid = z.string({ error: '缺少 CallSid' }).regex(/^CA[0-9a-fA-F]{32}$/, { error: 'CallSid 格式不正确' });
const ZNumber = z.string().max(64).default('');

const ZVoiceSchema = z.object({ CallSid: ZCallSid, From: ZNumber, To: ZNumber });
const ZStatusSchema = z.object({
  CallSid: ZCallSid,
  CallStatus: z.enum(['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled'], { error: 'CallStatus 不正确' }),
  ParentCallSid: ZCallSid.optional(),
  Direction: z.string().max(32).default('inbound'),
  From: ZNumber,
  To: ZNumber,
  Timestamp: z.string().max(64).optional(),
});
const ZQueueSchema = z.object({ CallSid: ZCallSid, QueueResult: z.string().max(32).default(''), QueueTime: z.coerce.number().int().min(0).optional() });
const ZDialSchema = z.object({ CallSid: ZCallSid, DialCallStatus: z.string().max(32).default('') });
const ZCallIdQuery = z.object({ callId: rowIdParam('来电编号不正确').optional() });

export function telephonyRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/telephony';
  const telephony = telephonyFor(ctx);
  router.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 100 }));
  router.use(verifyTwilioSignature(ctx));
  router.use((req, _res, next) => {
    telephony.noteRequest(req);
    next();
  });
  const simulated = telephony.mode === 'simulator';
  const record = (
    req: Request,
    source: Parameters<typeof recordCallSignal>[0]['source'],
    callSid: string,
    signals: CallSignal[],
    extra: Partial<Parameters<typeof recordCallSignal>[0]> = {},
  ) => recordCallSignal({ db: ctx.db, live: ctx.live, now: ctx.now(), source, path: req.originalUrl, params: rawParams(req), callSid, signals, ...extra });
  const xml = (res: express.Response, body: string) => res.type(TWIML_MEDIA_TYPE).send(body);

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: WEBHOOK_PATHS.voice,
      access: PUBLIC,
      summary: 'Twilio inbound voice webhook (signed): record the call, greet in Mandarin, enqueue',
      body: ZVoiceSchema,
      produces: TWIML_MEDIA_TYPE,
    },
    async ({ req, res, body }) => {
      await record(req, 'voice', body.CallSid, [{ kind: 'queued', at: ctx.now() }], {
        create: { direction: 'inbound', from: body.From, to: body.To, simulated },
      });
      xml(res, greetAndEnqueue(publicBaseUrl(ctx.config, req)));
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: WEBHOOK_PATHS.status,
      access: PUBLIC,
      summary: 'Twilio status callback (signed): answered, completed, busy, no-answer… idempotent',
      body: ZStatusSchema,
      produces: TWIML_MEDIA_TYPE,
      query: ZCallIdQuery,
    },
    async ({ req, res, body, query }) => {
      const at = twilioTime(body.Timestamp, ctx.now());
      if (body.ParentCallSid) {
        // The operator's leg of a claimed inbound call: its answer is the caller being answered.
        const signals: CallSignal[] = body.CallStatus === 'in-progress' ? [{ kind: 'answered', at }] : [];
        await record(req, 'child', body.ParentCallSid, signals);
      } else {
        const direction = body.Direction === 'inbound' ? 'inbound' : 'outbound';
        const signal = signalFromTwilioStatus(body.CallStatus, direction, at);
        await record(req, 'status', body.CallSid, signal ? [signal] : [], {
          callId: query.callId,
          // A callback that beat the voice webhook still records the inbound call.
          create: direction === 'inbound' ? { direction, from: body.From, to: body.To, simulated } : undefined,
        });
      }
      xml(res, empty());
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: WEBHOOK_PATHS.queue,
      access: PUBLIC,
      summary: 'Enqueue action (signed): the caller left the queue (hung up = abandoned)',
      body: ZQueueSchema,
      produces: TWIML_MEDIA_TYPE,
    },
    async ({ req, res, body }) => {
      let at = ctx.now();
      if (body.QueueResult === 'bridged' && body.QueueTime !== undefined) {
        const [row] = await ctx.db.select({ queuedAt: calls.queuedAt }).from(calls).where(eq(calls.callSid, body.CallSid)).limit(1);
        if (row?.queuedAt) at = new Date(row.queuedAt.getTime() + body.QueueTime * 1000);
      }
      const signal = signalFromQueueResult(body.QueueResult, at);
      await record(req, 'queue', body.CallSid, signal ? [signal] : []);
      xml(res, body.QueueResult === 'hangup' || body.QueueResult === 'redirected' ? empty() : goodbye());
    },
  );

  defineRoute(
    router,
    mount,
    { method: 'post', path: WEBHOOK_PATHS.wait, access: PUBLIC, summary: 'Enqueue wait URL (signed): what a queued caller hears', produces: TWIML_MEDIA_TYPE },
    async ({ res }) => {
      xml(res, holdPrompt());
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: WEBHOOK_PATHS.dial,
      access: PUBLIC,
      summary: 'Dial action (signed): how the operator or citizen leg ended',
      body: ZDialSchema,
      produces: TWIML_MEDIA_TYPE,
      query: ZCallIdQuery,
    },
    async ({ req, res, body, query }) => {
      const result = dialResultFrom(body.DialCallStatus);
      const outcome = await record(req, 'dial', body.CallSid, result ? [{ kind: 'dial_result', at: ctx.now(), result }] : [], { callId: query.callId });
      const call = outcome.call;
      if (call?.direction === 'inbound' && !call.answeredAt && !call.endedAt && result !== 'completed') {
        // The operator's phone did not answer: release the claim and put the caller back in the queue.
        if (call.claimedBy !== null) await releaseCall({ db: ctx.db, live: ctx.live, callId: call.id, now: ctx.now(), actor: null });
        const base = publicBaseUrl(ctx.config, req);
        const r = new twilio.twiml.VoiceResponse();
        r.say({ language: 'cmn-CN' }, PROMPTS.hold);
        r.enqueue({ waitUrl: base + WEBHOOK_PATHS.wait, waitUrlMethod: 'POST', action: base + WEBHOOK_PATHS.queue, method: 'POST' }, QUEUE_NAME);
        return xml(res, r.toString());
      }
      xml(res, goodbye());
    },
  );

  // The simulator's control: `hotline simulate-call` signs these with the same token.
  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/telephony/simulator/calls',
      raises: ['rule_violation'],
      access: PUBLIC,
      summary: 'Simulator (signed): a citizen calls the line',
      response: ZSimulatedCallAnswerSchema,
    },
    async ({ req }) => {
      const sim = telephony.simulator;
      if (!sim) throw new AppError('rule_violation', '已接入 Twilio，模拟器已停用');
      const p = rawParams(req);
      const input = parseOrThrow(ZSimulateCallSchema, { from: p.From, abandonAfter: p.AbandonAfter, talk: p.Talk });
      return sim.startInbound({ from: toE164(input.from), abandonAfter: input.abandonAfter, talk: input.talk });
    },
  );

  return router;
}

/** The form parameters as strings, exactly as signed. */
function rawParams(req: Request): Record<string, string> {
  const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
}

/** Twilio's Timestamp (RFC 2822) when present and plausible; otherwise the time it arrived. */
function twilioTime(raw: string | undefined, now: Date): Date {
  if (!raw) return now;
  const t = Date.parse(raw);
  // A callback is never from the future, nor older than a day (Twilio retries for hours at most).
  if (Number.isNaN(t) || t > now.getTime() + 60_000 || t < now.getTime() - 86_400_000) return now;
  return new Date(t);
}
