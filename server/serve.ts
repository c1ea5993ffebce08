import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server as IoServer } from 'socket.io';
import { migrateDatabase, openDatabase, type Database } from '../db/client';
import { createApp } from './app';
import { ensureDefaultPolicies } from './clock/policies';
import { startDueRecomputer } from './clock/recompute-dues';
import { startClockSweeper } from './clock/sweeper';
import { presenceTracker } from './console/presence';
import { seedDemo } from './demo/seed-demo';
import { clockOf, type Config } from './platform/config';
import type { AppContext } from './platform/context';
import { attachPostgresAdapter } from './platform/live/adapter';
import { deliverLocally, LIVE_BATCH, receivedBatch, socketPublisher } from './platform/live/publisher';
import { attachSocketServer } from './platform/live/socket-server';
import type { Logger } from './platform/logger';

export interface StartOptions {
  config: Config;
  logger: Logger;
  /** Seed the demo town when the database is empty. */
  seedDemo?: boolean;
  /** Inject a clock (tests). */
  now?: () => Date;
  /** Use an already open database (tests); otherwise opened from the config. */
  database?: Database;
}

export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext;
  io: IoServer;
  http: HttpServer;
  close(): Promise<void>;
}

/** The console's database as the configuration names it (embedded in DATA_DIR, or DATABASE_URL). */
export function openConsoleDatabase(config: Config, logger: Logger): Promise<Database> {
  return openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    log: logger,
    onPoolError: (err) => logger.warn({ err: err.message }, 'database connection lost; the pool reconnects'),
  });
}

/** How long a stopping console lets requests in flight finish before it closes their connections. */
export const SHUTDOWN_GRACE_MS = 3000;

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const { config, logger } = opts;
  const database = opts.database ?? (await openConsoleDatabase(config, logger));
  await migrateDatabase(database);
  await ensureDefaultPolicies(database.db);
  if (opts.seedDemo) {
    const seeded = await seedDemo(database.db, { password: config.DEMO_PASSWORD });
    if (seeded.seeded) logger.info('demo town seeded (users: operator, revisit, supervisor, leader, admin, liaison)');
  }
  let io: IoServer | null = null;
  let clustered = false;
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    logger,
    live: socketPublisher(
      () => io,
      () => clustered,
    ),
    now: opts.now ?? clockOf(config),
  };
  const http = createServer(createApp(ctx));
  const sockets = attachSocketServer(http, ctx, {
    connections: presenceTracker({ db: ctx.db, live: ctx.live, now: ctx.now, wrapUpSeconds: config.WRAP_UP_SECONDS }),
  });
  io = sockets;
  // Several processes on one PostgreSQL share live events through it (docs/decisions/scale-out.md).
  const adapter = config.DATABASE_URL && database.kind === 'pg' ? await attachPostgresAdapter(io, { databaseUrl: config.DATABASE_URL, logger }) : null;
  if (adapter) {
    // Another process's committed transaction: its events, for our sockets (publisher.ts).
    sockets.on(LIVE_BATCH, (batch: unknown) => deliverLocally(sockets, receivedBatch(batch)));
    clustered = true;
  }
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.PORT, config.HOST, () => resolve());
  });
  const stopSweeper = config.SWEEP_INTERVAL_SECONDS > 0 ? startClockSweeper(ctx, config.SWEEP_INTERVAL_SECONDS * 1000) : () => {};
  // Calendar corrections' due recomputes (server/clock/recompute-dues.ts); off with the sweeper (tests run it by hand).
  const stopRecomputer = config.SWEEP_INTERVAL_SECONDS > 0 ? startDueRecomputer(ctx) : () => {};
  const port = (http.address() as AddressInfo).port;
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const url = `http://${host}:${port}`;
  // Whoever is refused the data folder is told where this console answers (db/data-folder.ts).
  database.dataFolder?.setUrl(url);
  logger.info({ url, database: database.kind, location: database.location }, 'console listening');
  return {
    url,
    port,
    ctx,
    io: sockets,
    http,
    async close() {
      stopSweeper();
      stopRecomputer();
      // socket.io's close ends the live sockets and then the HTTP server's, which waits for every
      // connection: idle keep-alive ones close at once, but one that never sent a request (a
      // browser's speculative connection) or a request that never ends would hold the stop for
      // node's header or request timeout. Requests in flight get a grace, then all are cut.
      const cut = setTimeout(() => http.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await new Promise<void>((resolve) => {
        void sockets.close(() => resolve());
      });
      clearTimeout(cut);
      await adapter?.close();
      if (!opts.database) await database.close();
    },
  };
}
