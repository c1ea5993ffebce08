/**
 * Live fan-out: one event (a supervisor's urge, `ticket.urged`) to N connected socket.io
 * clients of the console, timed from the moment the urge is sent to each client's receipt;
 * then the same payload broadcast by a bare socket.io server to N clients, timed from its
 * trigger. Both servers are child processes; the N clients live in this process (so both
 * figures include the same client-side decoding). Also the console's memory at N sockets.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
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
  t0: number;
  arrivals: number[];
  match: (e: { type?: string; data?: { note?: string } }) => boolean;
}

/** Connects `n` clients in batches; every client reports arrivals into the current round. */
async function connectMany(
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
        if (r && r.match(e)) r.arrivals.push(performance.now() - r.t0);
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
  log(`  ${n} sockets connected in ${round(seconds)} s`);
  return { sockets, seconds };
}

async function measureRounds(
  rounds: number,
  sockets: number,
  trigger: (r: number) => Promise<void>,
  setCurrent: (r: Round | null) => void,
  match: (r: number) => Round['match'],
) {
  const all: number[] = [];
  let missed = 0;
  for (let r = 0; r < rounds; r++) {
    const rd: Round = { t0: performance.now(), arrivals: [], match: match(r) };
    setCurrent(rd);
    rd.t0 = performance.now();
    await trigger(r);
    await until('every socket to receive the event', () => rd.arrivals.length >= sockets, 15_000, 2).catch(() => undefined);
    missed += sockets - rd.arrivals.length;
    all.push(...rd.arrivals);
    setCurrent(null);
    await sleep(250);
  }
  return { ...distribution(all), missed };
}

export async function benchFanOut(opts: { databaseUrl: string; sockets: number; rounds: number; log: (s: string) => void }): Promise<FanOutFigures> {
  const { log, sockets: n } = opts;
  let current: Round | null = null;
  const server = await spawnServer({ env: { DATABASE_URL: opts.databaseUrl, LOG_LEVEL: 'warn' } });
  let payload: unknown = null;
  let consoleFigures: FanOutFigures['console'];
  let memory: Omit<FanOutFigures['memory'], 'bareAtSocketsBytes'>;
  let connectSeconds: number;
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
    const connected = await connectMany(server.url, n, sup.sessionCookie, () => current, log);
    connectSeconds = connected.seconds;
    await sleep(2000);
    const atSocketsBytes = server.rss();
    memory = { idleBytes, atSocketsBytes, perSocketBytes: (atSocketsBytes - idleBytes) / n };
    log(`  console memory: ${round(idleBytes / 2 ** 20)} MiB idle, ${round(atSocketsBytes / 2 ** 20)} MiB at ${n} sockets`);
    connected.sockets[0]!.on('event', (e: { type: string }) => {
      if (e.type === 'ticket.urged') payload = e;
    });
    consoleFigures = await measureRounds(
      opts.rounds,
      n,
      async (r) => {
        const res = await sup.post<{ version: number }>(`/api/tickets/${ticket.body.id}/urge`, { version, note: `请尽快联系市民（第${r + 1}次催办）` });
        if (res.status !== 200) throw new Error(`urge: ${res.status} ${JSON.stringify(res.body)}`);
        version = res.body.version;
      },
      (r) => (current = r),
      (r) => (e) => e.type === 'ticket.urged' && (e.data?.note ?? '').includes(`第${r + 1}次`),
    );
    log(`  console: p50 ${round(consoleFigures.p50)} ms, p99 ${round(consoleFigures.p99)} ms to ${n} sockets (${consoleFigures.missed} missed)`);
    connected.sockets.forEach((s) => s.close());
  } finally {
    await server.kill('SIGTERM');
  }

  // The same payload from a bare socket.io server.
  const port = await freePort();
  const bare = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'server', 'bench', 'bare-socket-server.ts')], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const bareUrl = `http://127.0.0.1:${port}`;
  const agent = new http.Agent({ keepAlive: true });
  try {
    await until('the bare socket.io server', async () => (await send(agent, bareUrl, 'GET', '/health', {}).catch(() => null))?.status === 200, 60_000);
    const connected = await connectMany(bareUrl, n, null, () => current, log);
    await sleep(2000);
    const bareAtSocketsBytes = rssOf(bare.pid!);
    const body = JSON.stringify(payload);
    const bareFigures = await measureRounds(
      opts.rounds,
      n,
      async () => {
        const res = await send(agent, bareUrl, 'POST', '/emit', { 'content-type': 'application/json' }, body);
        if (res.status !== 204) throw new Error(`bare emit: ${res.status}`);
      },
      (r) => (current = r),
      () => (e) => e.type === 'ticket.urged',
    );
    log(`  bare socket.io: p50 ${round(bareFigures.p50)} ms, p99 ${round(bareFigures.p99)} ms to ${n} sockets`);
    connected.sockets.forEach((s) => s.close());
    return {
      sockets: n,
      rounds: opts.rounds,
      console: consoleFigures!,
      bare: bareFigures,
      payloadBytes: Buffer.byteLength(body),
      memory: { ...memory!, bareAtSocketsBytes },
      connectSeconds: connectSeconds!,
    };
  } finally {
    agent.destroy();
    bare.kill('SIGTERM');
  }
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}
