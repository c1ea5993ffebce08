/**
 * `hotline seed --history <days>`: the demo town with a past. Calls of the last N days are driven
 * through the real HTTP API by the demo users on an in-process console whose clock is set to each
 * step's time — intake, dispatch, acceptance, first contact, reply, revisit — so every event, clock,
 * light, queue and report figure is what the console itself would have made. Some matters run
 * late, some citizens are dissatisfied, recent ones are still open: the wallboard, the queues and
 * the reports have something to show. Deterministic (a fixed seed), and only on an empty line.
 */
import { count } from 'drizzle-orm';
import pino from 'pino';
import type { Database } from '../../db/client';
import { JIUTING_ADDRESSES } from '../../db/data/jiuting-addresses';
import { tickets } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { shanghaiDate } from '../../shared/calendar/shanghai';
import type { TicketCommand } from '../../shared/ticket/commands';
import { shippedExamples } from '../classify/training-data';
import type { Config } from '../platform/config';
import { startServer } from '../serve';
import { recordCallSignal } from '../telephony/commands/record-call-signal';
import { lineNumber } from '../telephony/settings';
import { ConsoleClient } from './console-client';
import { demoRandom } from './demo-random';
import { planDemoCalls } from './history-calls';

export class LineNotEmptyError extends Error {
  constructor() {
    super('the line already has tickets: history is only written into an empty demo town');
  }
}

export interface HistoryResult {
  tickets: number;
  steps: number;
  /** Telephone calls recorded (issue 18: the forecast and the wallboard's call tiles have a past). */
  calls: number;
  failed: string[];
}

interface Step {
  at: number;
  ticket: Planned;
  run(): Promise<void>;
}

interface Planned {
  id: number | null;
  version: number;
  leadCode: string | null;
  state: string;
  /** A step failed: the rest of this ticket's life is dropped. */
  broken: boolean;
}

const HOUR = 3600_000;
const NAMES = ['王女士', '李先生', '张阿姨', '刘先生', '陈女士', '杨先生', '赵阿姨', '黄先生', '周女士', '吴先生', ''];

/** What the console answers a write with (or its error). */
interface Written {
  id: number;
  version: number;
  state: string;
  error?: unknown;
}

/** Midnight in Shanghai of the day `offset` days before `end`'s Shanghai date. */
function shanghaiMidnight(end: Date, offset: number): number {
  const day = shanghaiDate(end);
  return new Date(`${day}T00:00:00+08:00`).getTime() - offset * 24 * HOUR;
}

export async function seedHistory(opts: {
  config: Config;
  days: number;
  end?: Date;
  log?: (line: string) => void;
  database?: Database;
}): Promise<HistoryResult> {
  const end = opts.end ?? new Date();
  const log = opts.log ?? (() => undefined);
  let now = shanghaiMidnight(end, opts.days);
  const server = await startServer({
    config: { ...opts.config, PORT: 0, HOST: '127.0.0.1', SWEEP_INTERVAL_SECONDS: 0 },
    logger: pino({ level: 'silent' }),
    seedDemo: true,
    now: () => new Date(now),
    ...(opts.database ? { database: opts.database } : {}),
  });
  try {
    const [existing] = await server.ctx.db.select({ n: count() }).from(tickets);
    if ((existing?.n ?? 0) > 0) throw new LineNotEmptyError();

    const rng = demoRandom(62112345);
    const units = new Map<number, string>();
    const sessions = new Map<string, { client: ConsoleClient; at: number }>();
    const as = async (username: string) => {
      const s = sessions.get(username);
      // Sessions expire (SESSION_TTL_HOURS) on the console's clock: log in again as time moves on.
      if (s && now - s.at < HOUR && now >= s.at) return s.client;
      const client = await ConsoleClient.login(server.url, username, opts.config.DEMO_PASSWORD);
      sessions.set(username, { client, at: now });
      return client;
    };
    for (const u of (await (await as('supervisor')).get('/api/units')).body as { id: number; code: string }[]) units.set(u.id, u.code);
    const liaisonOf = (p: Planned) => `liaison-${(p.leadCode ?? '').replaceAll('_', '-')}`;

    const examples = shippedExamples();
    const places = JIUTING_ADDRESSES.filter((a) => a.kind !== 'landmark');
    const phones = Array.from({ length: 600 }, () => `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`);
    const steps: Step[] = [];
    const failed: string[] = [];

    const command = (p: Planned, username: string, name: TicketCommand, input: Record<string, unknown>) => async () => {
      if (p.id === null) throw new Error(`${name}: the ticket is not registered yet`);
      const res = await (await as(username)).post<Written>(ticketCommandPath(name, p.id), { version: p.version, ...input });
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body?.error ?? res.body)}`);
      p.version = res.body.version;
      p.state = res.body.state;
    };
    const later = (p: Planned, at: number, run: () => Promise<void>) => {
      if (at < end.getTime()) steps.push({ at, ticket: p, run });
    };

    /** The unit's part: accept, call the citizen (most on time, some late), reply; then the revisit. Round 2 after a dissatisfied revisit. */
    const handle = (p: Planned, from: number, round: number) => {
      const accepted = from + rng.int(10, 120) * 60_000;
      later(p, accepted, command(p, liaisonOf(p), 'accept', {}));
      const contacted = rng.chance(0.95) ? accepted + rng.int(20, 240) * 60_000 : accepted + rng.int(26, 50) * HOUR;
      later(
        p,
        contacted,
        command(p, liaisonOf(p), 'record_first_contact', { at: new Date(contacted).toISOString(), channel: 'phone', note: '已电话联系市民，约定上门查看' }),
      );
      const replied = contacted + (rng.chance(0.85) ? rng.int(20, 96) : rng.int(150, 220)) * HOUR;
      const outcome = round > 1 || rng.chance(0.8) ? 'resolved' : rng.pick(['explained', 'unresolved'] as const);
      later(
        p,
        replied,
        command(p, liaisonOf(p), 'reply', {
          outcome,
          facts: '经现场核实，市民反映情况属实',
          report: outcome === 'resolved' ? '已协调处置完毕，并告知市民' : '已向市民解释相关政策',
          citizenToldAt: new Date(replied).toISOString(),
        }),
      );
      const revisited = replied + rng.int(2, 20) * HOUR;
      const satisfaction =
        outcome === 'resolved' ? (rng.chance(0.85) ? 'satisfied' : 'basically_satisfied') : rng.pick(['basically_satisfied', 'dissatisfied'] as const);
      const revisit = command(p, 'revisit', 'record_revisit', {
        resolved: outcome === 'resolved',
        satisfaction,
        words: satisfaction === 'dissatisfied' ? '问题还是没有解决' : '处理得挺及时，谢谢',
      });
      later(p, revisited, async () => {
        await revisit();
        // Not resolved, or dissatisfied: the ticket goes back to the unit.
        if (p.state === 'dispatched' && round < 3) handle(p, revisited, round + 1);
      });
    };

    // Today too, up to the end: a demo opened at noon shows this morning's calls at work.
    for (let d = opts.days; d >= 0; d--) {
      const midnight = shanghaiMidnight(end, d);
      const weekday = new Date(midnight + 12 * HOUR).getUTCDay();
      const calls = weekday === 0 || weekday === 6 ? rng.int(3, 5) : rng.int(6, 10);
      for (let i = 0; i < calls; i++) {
        const at = midnight + rng.int(7 * 60 + 30, 21 * 60 + 30) * 60_000;
        const example = rng.pick(examples);
        const place = rng.pick(places);
        if (at >= end.getTime()) continue;
        const p: Planned = { id: null, version: 0, leadCode: null, state: 'registered', broken: false };
        const type =
          example.expect === 'social_insurance' || example.expect === 'household_registration'
            ? 'consultation'
            : rng.chance(0.08)
              ? 'suggestion'
              : 'complaint_help';
        steps.push({
          at,
          ticket: p,
          run: async () => {
            const operator = await as(rng.chance(0.5) ? 'operator' : 'operator2');
            const suggestion = (await operator.post('/api/suggest', { text: example.text, address: place.address })).body as {
              top: { code: string; lead: { id: number } | null; assist: { id: number }[] }[];
            };
            const top = suggestion.top?.[0];
            const closeOnCall = type === 'consultation' && rng.chance(0.7);
            const body = {
              type,
              contactName: rng.pick(NAMES),
              contactPhone: rng.pick(phones),
              address: place.address,
              description: example.text,
              ...(top ? { categoryCode: top.code } : {}),
              ...(!closeOnCall && top?.lead ? { leadUnitId: top.lead.id, assistUnitIds: top.assist.map((u) => u.id) } : {}),
            };
            const res = await operator.post<Written>('/api/tickets', body);
            if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body?.error ?? res.body)}`);
            p.id = res.body.id;
            p.version = res.body.version;
            if (closeOnCall) {
              await command(p, 'operator', 'close_on_call', { reason: 'answered_from_knowledge_base', note: '已按知识库答复市民' })();
              return;
            }
            if (!body.leadUnitId) return;
            p.leadCode = units.get(body.leadUnitId) ?? null;
            handle(p, at, 1);
          },
        });
      }
    }

    // The calls, from a generator of their own so the tickets stay the same as before calls were added.
    const callRng = demoRandom(18);
    const callerPhones = Array.from({ length: 900 }, () => `+86139${String(callRng.int(0, 99_999_999)).padStart(8, '0')}`);
    const line = lineNumber(opts.config);
    const callSids = new Set<string>();
    // One stand-in per call: a refused signal drops the rest of that call only.
    const callPlans = new Map<string, Planned>();
    const planOf = (sid: string) => {
      const known = callPlans.get(sid);
      if (known) return known;
      const p: Planned = { id: null, version: 0, leadCode: null, state: 'call', broken: false };
      callPlans.set(sid, p);
      return p;
    };
    for (const c of planDemoCalls(callRng, shanghaiMidnight(end, opts.days), end.getTime(), callerPhones)) {
      steps.push({
        at: c.at,
        ticket: planOf(c.sid),
        run: async () => {
          await recordCallSignal({
            db: server.ctx.db,
            live: server.ctx.live,
            now: new Date(c.at),
            source: c.signal.kind === 'queued' ? 'voice' : c.signal.kind === 'answered' ? 'queue' : 'status',
            path: `/demo-history/${c.sid}/${c.signal.kind}`,
            params: { CallSid: c.sid },
            callSid: c.sid,
            ...(c.create ? { create: { direction: 'inbound' as const, from: c.from, to: line, simulated: true } } : {}),
            signals: [c.signal],
          });
          callSids.add(c.sid);
        },
      });
    }

    steps.sort((a, b) => a.at - b.at);
    let done = 0;
    let ticketsMade = 0;
    // One clock for the whole line: steps run in time order, each at its own moment.
    for (let next = steps.shift(); next; next = steps.shift()) {
      if (next.ticket.broken) continue;
      now = next.at;
      try {
        const wasNew = next.ticket.id === null;
        await next.run();
        if (wasNew && next.ticket.id !== null) ticketsMade++;
        done++;
      } catch (err) {
        next.ticket.broken = true;
        failed.push(`${new Date(next.at).toISOString()} ${(err as Error).message}`);
      }
      steps.sort((a, b) => a.at - b.at);
      if (done % 100 === 0) log(`  ${done} steps, ${ticketsMade} tickets …`);
    }
    return { tickets: ticketsMade, steps: done, calls: callSids.size, failed };
  } finally {
    await server.close();
  }
}
