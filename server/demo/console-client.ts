/** A lean HTTP client of the console API (demo history, bench): node:http with keep-alive (fetch costs more CPU per request on 2 cores). */
import http from 'node:http';

/** `T`: what the caller expects the body to be (unchecked: the console's own API, for demo data and the bench). */
export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export class ConsoleClient {
  private constructor(
    readonly baseUrl: string,
    private readonly agent: http.Agent,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async login(
    baseUrl: string,
    username: string,
    password: string,
    agent = new http.Agent({ keepAlive: true, maxSockets: 512 }),
  ): Promise<ConsoleClient> {
    const res = await send(agent, baseUrl, 'POST', '/api/auth/login', { 'content-type': 'application/json' }, JSON.stringify({ username, password }));
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    const [cookie = ''] = String(res.headers['set-cookie']?.[0] ?? '').split(';');
    return new ConsoleClient(baseUrl, agent, cookie, JSON.parse(res.text).csrfToken);
  }

  get sessionCookie(): string {
    return this.cookie;
  }

  async post<T = unknown>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const res = await send(
      this.agent,
      this.baseUrl,
      'POST',
      path,
      { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf, ...headers },
      JSON.stringify(body),
    );
    return { status: res.status, body: parse(res.text) as T };
  }

  async get<T = unknown>(path: string): Promise<Answer<T>> {
    const res = await send(this.agent, this.baseUrl, 'GET', path, { cookie: this.cookie });
    return { status: res.status, body: parse(res.text) as T };
  }
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

export function send(
  agent: http.Agent,
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, baseUrl),
      { method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
