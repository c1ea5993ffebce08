/**
 * A console for tests that register calls through the API as time passes (repeats, matters): one
 * server with an injected clock the test moves, an operator and a supervisor logged in, and the
 * operator's `create` that expects the intake to be accepted. Registers its own beforeAll/afterAll;
 * call it inside a `describe`.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { intake, startTestServer, type ApiClient, type TestServer } from './server';

export interface IntakeDesk {
  readonly t: TestServer;
  readonly op: ApiClient;
  readonly sup: ApiClient;
  /** The console's clock. */
  now(): Date;
  /** Moves the console's clock on. */
  later(minutes: number): void;
  /** Registers a call as the operator (`intake` with these overrides); fails the test unless it is accepted (201). */
  create(overrides: Record<string, unknown>): Promise<{ id: number; number: string; repeatCount: number; version: number }>;
}

export function useIntakeDesk(start: Date): IntakeDesk {
  let now = start;
  let started: { t: TestServer; op: ApiClient; sup: ApiClient } | undefined;
  const get = () => {
    if (!started) throw new Error('the intake desk opens in beforeAll');
    return started;
  };
  beforeAll(async () => {
    // Every answer recorded, so a suite can replay them against the OpenAPI document (issue 19.1).
    const t = await startTestServer({ record: true, now: () => now });
    started = { t, op: await t.login('operator'), sup: await t.login('supervisor') };
  });
  afterAll(() => started?.t.close());
  return {
    get t() {
      return get().t;
    },
    get op() {
      return get().op;
    },
    get sup() {
      return get().sup;
    },
    now: () => now,
    later(minutes) {
      now = new Date(now.getTime() + minutes * 60_000);
    },
    async create(overrides) {
      const res = await get().op.post('/api/tickets', intake(overrides));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    },
  };
}
