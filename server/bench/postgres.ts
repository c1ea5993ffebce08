/**
 * The PostgreSQL the benchmarks run on: the server in DATABASE_URL, or a throwaway cluster of
 * our own (durable settings: fsync on, as in production). Each part gets a fresh database,
 * dropped at the end — these are scratch databases, not the console's data.
 */
import pg from 'pg';
import { createDatabase, postgresBinDir, query, startPgCluster, type PgCluster } from '../../test/faults/processes';

export interface BenchPostgres {
  serverUrl: string;
  binDir: string | null;
  version: string;
  settings: Record<string, string>;
  createDatabase(prefix: string): Promise<string>;
  dropDatabase(url: string): Promise<void>;
  close(): Promise<void>;
}

const SHOWN = ['shared_buffers', 'fsync', 'synchronous_commit', 'max_connections', 'work_mem'];

export async function benchPostgres(log: (line: string) => void): Promise<BenchPostgres> {
  let cluster: PgCluster | null = null;
  let serverUrl = process.env.DATABASE_URL;
  const binDir = postgresBinDir();
  if (!serverUrl) {
    if (!binDir) throw new Error('npm run bench needs PostgreSQL: set DATABASE_URL, or install it (apt-get install -y postgresql)');
    log('starting a throwaway PostgreSQL cluster (no DATABASE_URL set)');
    cluster = await startPgCluster(binDir, { settings: { max_connections: '300', shared_buffers: '256MB' } });
    serverUrl = cluster.url;
  }
  const [v] = await query<{ server_version: string }>(serverUrl, 'show server_version');
  const settings: Record<string, string> = {};
  for (const name of SHOWN) settings[name] = (await query<Record<string, string>>(serverUrl, `show ${name}`))[0]![name]!;
  const created: string[] = [];
  const dropDatabase = async (url: string) => {
    const name = new URL(url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name} with (force)`);
    } finally {
      await admin.end();
    }
  };
  return {
    serverUrl,
    binDir,
    version: v!.server_version,
    settings,
    async createDatabase(prefix) {
      const url = await createDatabase(serverUrl, prefix);
      created.push(url);
      return url;
    },
    dropDatabase,
    async close() {
      for (const url of created) await dropDatabase(url).catch(() => undefined);
      await cluster?.destroy();
    },
  };
}
