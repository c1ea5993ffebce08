/**
 * Live fan-out: one event (a supervisor's urge, `ticket.urged`) to N connected socket.io
 * clients of the console, timed from the moment the urge is sent to each client's receipt;
 * and the same payload broadcast by a bare socket.io server to N clients of its own, timed from
 * its trigger, the two taking turns round by round. Both servers are child processes; the 2 × N
 * clients live in this process (so both figures include the same client-side decoding). Also the
 * console's memory at N sockets.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { freePort, REPO, sleep, spawnServer, until } from '../../test/faults/processes';
import { ConsoleClient, send } from '../demo/console-client';
import { distribution, round, type Distribution } from './stats';

export interface FanOutFigures {
  sockets: number;
  rounds: number;
  console: Distribution & { missed: number };
  bare: Distribution & { missed: number };
  payloadBytes: number;
  memory: { idleBytes: number; atSocketsBytes: number; perSocketBytes: number; bareAtSocketsBytes: number };
  connectSeconds: number;
}

interface Round {
  /** Which server's clients this round times: the other server's clients ignore it. */
  server: 'console' | 'bare';
  t0: number;
  arrivals: number[];
  match: (e: { type?: string; data?: { note?: string } }) => boolean;
}

/** Connects `n` clients of `server` in batches; every client reports arrivals into the current round of its server. */
async function connectMany(
  server: Round['server'],
  url: string,
  n: number,
  cookie: string | null,
  current: () => Round | null,
  log: (s: string) => void,
): Promise<{ sockets: Socket[]; seconds: number }> {
  const started = performance.now();
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i += 100) {
    const batch = Array.from({ length: Math.min(100, n - i) }, () => {
      const s = ioClient(url, { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true, timeout: 60_000 });
      s.on('event', (e) => {
        const r = current();
        if (r && r.server === server && r.match(e)) r.arrivals.push(performance.now() - r.t0);
      });
      sockets.push(s);
      return new Promise<void>((resolve, reject) => {
        // The console says `ready` after catch-up; the bare server has nothing to say: `connect`.
        s.once(cookie ? 'ready' : 'connect', () => resolve());
        s.once('connect_error', (err) => reject(err));
      });
    });
    await Promise.all(batch);
  }
  const seconds = (performance.now() - started) / 1000;
  log(`  ${n} ${server} sockets connected in ${round(seconds)} s`);
  return { sockets, seconds };
}

/** One round: `trigger`, then every socket's receipt (or 15 s); the arrivals and how many never came. */
async function measureRound(
  rd: Round,
  sockets: number,
  trigger: () => Promise<void>,
  setCurrent: (r: Round | null) => void,
): Promise<{ arrivals: number[]; missed: number }> {
  setCurrent(rd);
  rd.t0 = performance.now();
  await trigger();
  await until('every socket to receive the event', () => rd.arrivals.length >= sockets, 15_000, 2).catch(() => undefined);
  setCurrent(null);
  await sleep(250);
  return { arrivals: rd.arrivals, missed: sockets - rd.arrivals.length };
}

/**
 * Both servers run side by side with their N clients each, and the rounds take turns (console,
 * bare, console, …): a burst of other work on this shared machine falls on both alike, not on
 * one side's whole run. One untimed round on each first.
 */
export async function benchFanOut(opts: { databaseUrl: string; sockets: number; rounds: number; log: (s: string) => void }): Promise<FanOutFigures> {
  const { log, sockets: n } = opts;
  let current: Round | null = null;
  const setCurrent = (r: Round | null) => (current = r);
  const server = await spawnServer({ env: { DATABASE_URL: opts.databaseUrl, LOG_LEVEL: 'warn' } });
  const port = await freePort();
  let bare: ReturnType<typeof spawn> | null = null;
  const agent = new http.Agent({ keepAlive: true });
  const all: Socket[] = [];
  try {
    const op = await ConsoleClient.login(server.url, 'operator', 'hotline-demo');
    const sup = await ConsoleClient.login(server.url, 'supervisor', 'hotline-demo');
    const unitId = ((await op.get('/api/units')).body as { id: number }[])[0]!.id;
    const ticket = await op.post<{ id: number; version: number }>('/api/tickets', {
      type: 'complaint_help',
      contactName: '刘先生',
      contactPhone: '13812345678',
      address: '涞坊路1111弄12号',
      description: '楼下饭店油烟很大',
      leadUnitId: unitId,
    });
    let version = ticket.body.version;
    await sleep(2000);
    const idleBytes = server.rss();
    const connected = await connectMany('console', server.url, n, sup.sessionCookie, () => current, log);
    all.push(...connected.sockets);
    await sleep(2000);
    const atSocketsBytes = server.rss();
    log(`  console memory: ${round(idleBytes / 2 ** 20)} MiB idle, ${round(atSocketsBytes / 2 ** 20)} MiB at ${n} sockets`);
    let payload: unknown = null;
    connected.sockets[0]!.on('event', (e: { type: string }) => {
      if (e.type === 'ticket.urged') payload = e;
    });
    const urge = (r: number) => async () => {
      const res = await sup.post<{ version: number }>(ticketCommandPath('urge', ticket.body.id), { version, note: `请尽快联系市民（第${r + 1}次催办）` });
      if (res.status !== 200) throw new Error(`urge: ${res.status} ${JSON.stringify(res.body)}`);
      version = res.body.version;
    };
    const consoleRound = (r: number) =>
      measureRound(
        { server: 'console', t0: 0, arrivals: [], match: (e) => e.type === 'ticket.urged' && (e.data?.note ?? '').includes(`第${r + 1}次`) },
        n,
        urge(r),
        setCurrent,
      );
    // The untimed round gives the payload the bare server broadcasts.
    await consoleRound(opts.rounds);
    if (!payload) throw new Error('the first socket never received the urge');
    const body = JSON.stringify(payload);

    // The same payload from a bare socket.io server.
    bare = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'server', 'bench', 'bare-socket-server.ts')], {
      cwd: REPO,
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const bareUrl = `http://127.0.0.1:${port}`;
    await until('the bare socket.io server', async () => (await send(agent, bareUrl, 'GET', '/health', {}).catch(() => null))?.status === 200, 60_000);
    all.push(...(await connectMany('bare', bareUrl, n, null, () => current, log)).sockets);
    await sleep(2000);
    const bareAtSocketsBytes = rssOf(bare.pid!);
    const emit = async () => {
      const res = await send(agent, bareUrl, 'POST', '/emit', { 'content-type': 'application/json' }, body);
      if (res.status !== 204) throw new Error(`bare emit: ${res.status}`);
    };
    const bareRound = () => measureRound({ server: 'bare', t0: 0, arrivals: [], match: (e) => e.type === 'ticket.urged' }, n, emit, setCurrent);
    await bareRound();

    const timed = { console: { arrivals: [] as number[], missed: 0 }, bare: { arrivals: [] as number[], missed: 0 } };
    const add = (into: { arrivals: number[]; missed: number }, r: { arrivals: number[]; missed: number }) => {
      into.arrivals.push(...r.arrivals);
      into.missed += r.missed;
    };
    for (let r = 0; r < opts.rounds; r++) {
      add(timed.console, await consoleRound(r));
      add(timed.bare, await bareRound());
    }
    const consoleFigures = { ...distribution(timed.console.arrivals), missed: timed.console.missed };
    const bareFigures = { ...distribution(timed.bare.arrivals), missed: timed.bare.missed };
    log(`  console: p50 ${round(consoleFigures.p50)} ms, p99 ${round(consoleFigures.p99)} ms to ${n} sockets (${consoleFigures.missed} missed)`);
    log(`  bare socket.io: p50 ${round(bareFigures.p50)} ms, p99 ${round(bareFigures.p99)} ms to ${n} sockets`);
    return {
      sockets: n,
      rounds: opts.rounds,
      console: consoleFigures,
      bare: bareFigures,
      payloadBytes: Buffer.byteLength(body),
      memory: { idleBytes, atSocketsBytes, perSocketBytes: (atSocketsBytes - idleBytes) / n, bareAtSocketsBytes },
      connectSeconds: connected.seconds,
    };
  } finally {
    all.forEach((s) => s.close());
    agent.destroy();
    bare?.kill('SIGTERM');
    await server.kill('SIGTERM');
  }
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}
