/** The `hotline` command line: operations on the console and its database. */
import { Command } from 'commander';
import { migrateDatabase, openDatabase } from '../db/client';
import { ZSimulateCallSchema } from '../shared/schemas/call';
import { maskPhone } from '../shared/schemas/ticket';
import { registerClassify } from './classify/cli';
import { loadCalendar } from './clock/calendar';
import { registerWorkdays } from './clock/cli';
import { LineNotEmptyError, seedHistory } from './demo/history';
import { seedDemo } from './demo/seed-demo';
import { ConfigError, loadConfig, type Config } from './platform/config';
import { createLogger } from './platform/logger';
import { registerReport } from './reports/cli';
import { startServer } from './serve';
import { toE164 } from './telephony/phone';
import { requestSimulatedCall } from './telephony/simulate-call';

function config(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const c = config();
  const database = await openDatabase({ databaseUrl: c.DATABASE_URL, dataDir: c.DATA_DIR });
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

export function buildCli(): Command {
  const program = new Command('hotline').description('62112345 Convenience Line Console');

  program
    .command('serve')
    .description('migrate, optionally seed the demo town, and serve the console and API')
    .option('--seed-demo', 'seed the demo town when the database is empty')
    .option('--dev', 'development mode (client served by vite separately)')
    .action(async (o: { seedDemo?: boolean }) => {
      const c = config();
      const logger = createLogger(c.LOG_LEVEL);
      const server = await startServer({ config: c, logger, seedDemo: Boolean(o.seedDemo) });
      const stop = async (signal: string) => {
        logger.info({ signal }, 'shutting down');
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });

  program
    .command('migrate')
    .description('apply database migrations')
    .action(() =>
      withDatabase(async (database) => {
        await migrateDatabase(database);
        console.log(`migrated (${database.kind}: ${database.location})`);
      }),
    );

  program
    .command('seed')
    .description('seed the demo town into an empty database')
    .action(() =>
      withDatabase(async (database) => {
        await migrateDatabase(database);
        const r = await seedDemo(database.db, { password: config().DEMO_PASSWORD });
        console.log(r.seeded ? 'demo town seeded' : 'database not empty; nothing seeded');
      }),
    );

  program
    .command('seed-history')
    .description('demo: the last N days of calls driven through the API (dispatch, contact, reply, revisit), into an empty line')
    .option('--days <n>', 'how many days back', '30')
    .option('--if-empty', 'do nothing (and succeed) when the line already has tickets')
    .action(async (o: { days: string; ifEmpty?: boolean }) => {
      const days = Number(o.days);
      if (!Number.isInteger(days) || days < 1 || days > 366) {
        console.error('--days 应为 1–366 的整数');
        process.exit(2);
      }
      try {
        const r = await seedHistory({ config: config(), days, log: (line) => console.log(line) });
        console.log(
          `history written: ${r.tickets} tickets, ${r.steps} steps over ${days} days${r.failed.length ? `; ${r.failed.length} steps refused:\n  ${r.failed.slice(0, 10).join('\n  ')}` : ''}`,
        );
      } catch (err) {
        if (err instanceof LineNotEmptyError && o.ifEmpty) {
          console.log('the line already has tickets; no history written');
          return;
        }
        console.error(`写入演示历史失败：${(err as Error).message}`);
        process.exit(1);
      }
    });

  registerWorkdays(program, () => withDatabase(async (database) => loadCalendar(database.db)));
  registerClassify(program, (fn) => withDatabase((database) => fn(database.db)));
  registerReport(program, (fn) => withDatabase((database) => fn(database.db)));

  program
    .command('simulate-call')
    .description('simulator: a citizen calls the line (signed webhooks to the running console, no Twilio needed)')
    .requiredOption('--from <phone>', "the caller's number, e.g. 13812345678")
    .option('--abandon-after <seconds>', 'hang up after this long in the queue unless an operator takes the call')
    .option('--talk <seconds>', 'talk this long once an operator takes the call')
    .option('--url <url>', 'the running console (default http://127.0.0.1:$PORT)')
    .action(async (o: { from: string; abandonAfter?: string; talk?: string; url?: string }) => {
      const c = config();
      const input = ZSimulateCallSchema.safeParse({ from: o.from, abandonAfter: o.abandonAfter, talk: o.talk });
      if (!input.success) {
        console.error(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
        process.exit(2);
      }
      try {
        const url = o.url ?? `http://127.0.0.1:${c.PORT}`;
        const { callSid } = await requestSimulatedCall({
          config: c,
          url,
          from: toE164(input.data.from),
          abandonAfter: input.data.abandonAfter,
          talk: input.data.talk,
        });
        console.log(`simulated call ${callSid} from ${maskPhone(input.data.from)} is waiting for an operator`);
      } catch (err) {
        console.error(`模拟来电失败：${(err as Error).message}`);
        process.exit(1);
      }
    });

  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  await buildCli().parseAsync(argv);
}
