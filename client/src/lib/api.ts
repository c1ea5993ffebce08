/** fetch with the session cookie and the CSRF token; errors carry the API's code and Chinese message. */
import type { ApiErrorBody } from '../../../shared/errors';

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** GETs started before the console's code arrived (boot.ts), each answered to the first `api` call for it. */
const early = new Map<string, Promise<Response>>();

/**
 * Starts `GET path` now; the first `api('GET', path)` gets its answer instead of asking again.
 * boot.ts asks who is signed in while the console's code is still downloading (issue 17.6).
 */
export function getEarly(path: string): void {
  const started = fetch(path, { credentials: 'same-origin' });
  // A failure is the later call's to report; until then it is not an unhandled rejection.
  started.catch(() => undefined);
  early.set(path, started);
}

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const h: Record<string, string> = { ...headers };
  if (body !== undefined) h['content-type'] = 'application/json';
  if (csrfToken && method !== 'GET') h['x-csrf-token'] = csrfToken;
  const started = method === 'GET' && Object.keys(headers).length === 0 ? early.get(path) : undefined;
  early.delete(path);
  let res: Response;
  try {
    res = await (started ?? fetch(path, { method, headers: h, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) }));
  } catch {
    throw new ApiError(0, 'network', '网络错误，请稍后重试');
  }
  const data = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = (data as ApiErrorBody | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'internal', err?.message ?? `请求失败（${res.status}）`, err?.fields);
  }
  return data as T;
}
