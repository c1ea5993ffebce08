/** The `hotline` command line: operations on the console and its database. */
import { Command } from 'commander';
import { migrateDatabase, openDatabase, type Database } from '../db/client';
import { DataFolderError, DataFolderInUseError, type FolderLog } from '../db/data-folder';
import { tickets } from '../db/schema';
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
import { openConsoleDatabase, startServer } from './serve';
import { registerStaffing } from './staffing/cli';
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

/** Warnings of the data folder (lock taken over, files tightened) as one stderr line each. */
const stderrLog: FolderLog = {
  info: (_fields, msg) => console.error(`hotline: ${msg}`),
  warn: (fields, msg) => console.error(`hotline: warning: ${msg}${'files' in fields ? ` [${String(fields.files)} entries]` : ''}`),
  error: (_fields, msg) => console.error(`hotline: error: ${msg}`),
};

/**
 * Opens the database for one command. On the embedded database this takes the data folder's
 * lock, so a command never reads or writes a folder a running console holds (issue 14): it is
 * refused with the holder's pid; `inUse` adds what to do instead.
 */
async function withDatabase<T>(
  command: string,
  fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
  inUse?: (err: DataFolderInUseError) => string,
): Promise<T> {
  const c = config();
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase({ databaseUrl: c.DATABASE_URL, dataDir: c.DATA_DIR, command: `hotline ${command}`, log: stderrLog });
  } catch (err) {
    throw err instanceof DataFolderInUseError && inUse ? err.advise(inUse(err)) : err;
  }
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** --days of seed-history, --seed-history of serve: 1–366, or the command stops. */
function historyDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    console.error('天数应为 1–366 的整数');
    process.exit(2);
  }
  return days;
}

function reportHistory(r: Awaited<ReturnType<typeof seedHistory>>, days: number): void {
  console.log(
    `history written: ${r.tickets} tickets, ${r.steps} steps over ${days} days${r.failed.length ? `; ${r.failed.length} steps refused:\n  ${r.failed.slice(0, 10).join('\n  ')}` : ''}`,
  );
}

/** `serve --seed-history`: the demo history into a line with no tickets; a line with tickets is left as it is. */
async function seedHistoryIfEmpty(database: Database, c: Config, days: number): Promise<void> {
  await migrateDatabase(database);
  const [any] = await database.db.select({ id: tickets.id }).from(tickets).limit(1);
  if (any) return;
  reportHistory(await seedHistory({ config: c, days, database, log: (line) => console.log(line) }), days);
}

export function buildCli(): Command {
  const program = new Command('hotline').description('62112345 Convenience Line Console');

  program
    .command('serve')
    .description('migrate, optionally seed the demo town, and serve the console and API')
    .option('--seed-demo', 'seed the demo town when the database is empty')
    .option('--seed-history <days>', 'first write the last <days> days of demo history, as seed-history does, when the line has no tickets')
    .option('--dev', 'development mode (client served by vite separately)')
    .action(async (o: { seedDemo?: boolean; seedHistory?: string }) => {
      const c = config();
      const days = o.seedHistory === undefined ? null : historyDays(o.seedHistory);
      const logger = createLogger(c.LOG_LEVEL);
      // One opening of the database for the history and the console: \`npm start\` after a crash
      // serves in seconds (issue 17.6; opening the embedded database is most of a start).
      const database = await openConsoleDatabase(c, logger);
      if (days !== null) await seedHistoryIfEmpty(database, c, days);
      const server = await startServer({ config: c, logger, seedDemo: Boolean(o.seedDemo), database });
      const stop = async (signal: string) => {
        logger.info({ signal }, 'shutting down');
        await server.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });

  program
    .command('migrate')
    .description('apply database migrations')
    .action(() =>
      withDatabase('migrate', async (database) => {
        await migrateDatabase(database);
        console.log(`migrated (${database.kind}: ${database.location})`);
      }),
    );

  program
    .command('seed')
    .description('seed the demo town into an empty database')
    .action(() =>
      withDatabase('seed', async (database) => {
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
      const days = historyDays(o.days);
      try {
        reportHistory(await seedHistory({ config: config(), days, log: (line) => console.log(line) }), days);
      } catch (err) {
        if (err instanceof DataFolderError) throw err; // one line and its exit status, from runCli
        if (err instanceof LineNotEmptyError && o.ifEmpty) {
          console.log('the line already has tickets; no history written');
          return;
        }
        console.error(`写入演示历史失败：${(err as Error).message}`);
        process.exit(1);
      }
    });

  registerStaffing(program);
  registerWorkdays(program, () => withDatabase('workdays', async (database) => loadCalendar(database.db)));
  registerClassify(program, (fn) => withDatabase('classify', (database) => fn(database.db)));
  // A served folder's report comes from the console itself, behind a supervisor's or leader's
  // login; the command line has no session, so it points there (docs/decisions/data-folder.md).
  registerReport(program, (fn) =>
    withDatabase(
      'report',
      (database) => fn(database.db),
      (err) =>
        `a running console shows this report itself: ${err.holder.url ? `${err.holder.url}/reports` : 'its 报表 page (/reports)'} (supervisor or leader login), with the workbook; or stop it and run the command again`,
    ),
  );

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
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    // Expected refusals (folder in use, not a data folder): one line on stderr, no stack trace.
    if (err instanceof DataFolderError) {
      console.error(`hotline: ${err.message}`);
      process.exit(err.exitCode);
    }
    throw err;
  }
}
