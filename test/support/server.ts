/** A real console on 127.0.0.1 with a fresh demo town, and HTTP/socket clients logged in as demo users. */
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Database } from '../../db/client';
import { seedDemo } from '../../server/demo/seed-demo';
import { loadConfig } from '../../server/platform/config';
import { createLogger, type Logger } from '../../server/platform/logger';
import { startServer, type RunningServer } from '../../server/serve';
import { openTestDatabase } from './db';
import { DEMO_PASSWORD } from './template';

export { DEMO_PASSWORD };

export interface TestServer {
  server: RunningServer;
  database: Database;
  url: string;
  units: Record<string, number>;
  login(username: string, password?: string): Promise<ApiClient>;
  /** A client with no session (recording, like `login`'s, when the server was started with `record`). */
  anonymous(): ApiClient;
  /** Every answer this server's clients received, when started with `record: true` (test/support/openapi-replay.ts). */
  recorded: RecordedExchange[];
  /** A raw request to this server (a webhook, Open311), its answer recorded like the clients' when the server records. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** One request and the answer as it came back, for replaying against the OpenAPI document. */
export interface RecordedExchange {
  method: string;
  /** The path without its query string. */
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

export interface TestServerOptions {
  now?: () => Date;
  database?: Database;
  /** Extra configuration, e.g. TWILIO_* for the telephony tests. */
  env?: Record<string, string>;
  /** The console's logger (silent by default): tests that read the log pass one writing to a buffer. */
  logger?: Logger;
  /** Record every answer the clients of `login` and `anonymous` receive, into `recorded`. */
  record?: boolean;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  // A copy of this run's demo template; seedDemo then only reads the unit ids (it seeds an empty database).
  const database = opts.database ?? (await openTestDatabase({ template: 'demo' }));
  const seeded = await seedDemo(database.db, { password: DEMO_PASSWORD });
  // Sessions outlive the tests' time travel (the injected clock moves days ahead).
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    SESSION_TTL_HOURS: '720',
    SWEEP_INTERVAL_SECONDS: '0',
    ...opts.env,
  });
  const server = await startServer({ config, logger: opts.logger ?? createLogger('silent'), database, ...(opts.now ? { now: opts.now } : {}) });
  const url = `http://127.0.0.1:${server.port}`;
  // Per server, never per module: test files share a worker's module cache (docs/decisions/ci.md).
  const recorded: RecordedExchange[] = [];
  const recorder = opts.record ? recorded : undefined;
  return {
    server,
    database,
    url,
    units: seeded.units,
    recorded,
    login: (username, password = DEMO_PASSWORD) => ApiClient.login(url, username, password, recorder),
    anonymous: () => ApiClient.anonymous(url, recorder),
    async fetch(path, init) {
      const res = await fetch(url + path, init);
      // A clone is read for the record: the caller reads the answer itself.
      if (recorder) recorder.push(exchangeOf(init?.method ?? 'GET', path, res, await res.clone().text()));
      return res;
    },
    async close() {
      await server.close();
      if (!opts.database) await database.close();
    },
  };
}

/** An answer as recorded: the body parsed when it is JSON, else its text. */
function exchangeOf(method: string, path: string, res: Response, text: string): RecordedExchange {
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { method: method.toUpperCase(), path: path.split('?')[0]!, status: res.status, contentType: res.headers.get('content-type'), body };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    public cookie: string | null,
    public csrfToken: string | null,
    readonly user: any = null,
    /** Where each answer is recorded, when the test server records (RecordedExchange). */
    readonly recorder?: RecordedExchange[],
  ) {}

  static anonymous(baseUrl: string, recorder?: RecordedExchange[]): ApiClient {
    return new ApiClient(baseUrl, null, null, null, recorder);
  }

  static async login(baseUrl: string, username: string, password: string, recorder?: RecordedExchange[]): Promise<ApiClient> {
    const anon = ApiClient.anonymous(baseUrl, recorder);
    const res = await anon.request('POST', '/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? null;
    return new ApiClient(baseUrl, cookie, res.body.csrfToken, res.body.user, recorder);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrfToken;
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const exchange = exchangeOf(method, path, res, await res.text());
    this.recorder?.push(exchange);
    return { status: res.status, body: exchange.body as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }

  /** A real socket.io client with this user's session cookie. */
  socket(opts: { lastSeq?: number } = {}): Socket {
    return ioClient(this.baseUrl, {
      transports: ['websocket'],
      extraHeaders: this.cookie ? { cookie: this.cookie } : {},
      auth: opts.lastSeq === undefined ? {} : { lastSeq: opts.lastSeq },
      reconnection: false,
      forceNew: true,
    });
  }
}

/** A valid intake record; override what the test is about. */
export function intake(overrides: Record<string, unknown> = {}) {
  return {
    type: 'complaint_help',
    contactName: '刘先生',
    contactPhone: '13812345678',
    address: '涞坊路1111弄12号',
    description: '楼下饭店油烟很大，晚上十点还在排放，影响休息',
    ...overrides,
  };
}

export function waitFor<T>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
