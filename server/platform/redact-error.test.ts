/**
 * Issue 14 item 2: a database error logged by the console names the constraint and the column,
 * never the row it refused. Real errors from the real driver (PGlite, or PostgreSQL with
 * DATABASE_URL), logged through the console's logger into a buffer.
 */
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { users } from '../../db/schema';
import { openTestDatabase } from '../../test/support/db';
import { createLogger } from './logger';
import { redactText, serializeError } from './redact-error';

const PHONE = '13957246813';
const NAME = '欧阳明哲';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger('trace', stream), text: () => lines.join('') };
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected the database to refuse');
}

describe('database errors in the log', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db.insert(users).values({ username: PHONE, displayName: NAME, passwordHash: 'x', roles: ['operator'] });
  });
  afterAll(() => database?.close());

  it('a unique violation keeps its code, constraint and columns; the values never show', async () => {
    const err = await failure(() => database.db.insert(users).values({ username: PHONE, displayName: NAME, passwordHash: 'secret-hash', roles: ['operator'] }));
    // What the driver hands us does carry the row: that is why the serializer exists.
    expect(JSON.stringify({ m: (err as Error).message, c: String((err as Error).cause) })).toContain(PHONE);
    const { logger, text } = capture();
    logger.error({ err }, 'request failed');
    const out = text();
    expect(out).not.toContain(PHONE);
    expect(out).not.toContain(NAME);
    expect(out).not.toContain('secret-hash');
    const line = JSON.parse(out) as { err: { type: string; query?: string; cause?: { code?: string; constraint?: string; table?: string } } };
    expect(line.err.query).toMatch(/insert into "users" .*values \(default, \$1, \$2, \$3/);
    expect(line.err.cause).toMatchObject({ code: '23505', constraint: 'users_username_unique' });
  });

  it('a value quoted in the message itself (cast, range) is masked', async () => {
    const err = await failure(() => database.db.execute(sql`select ${`${NAME}的号码${PHONE}`}::integer`));
    const { logger, text } = capture();
    logger.warn({ err }, 'query failed');
    expect(text()).not.toContain(PHONE);
    expect(text()).not.toContain(NAME);
    expect(text()).toContain('22P02');
  });

  it('errors logged as text and numbers in any notation', () => {
    expect(redactText(`tel +86 139-5724-6813 or １３９５７２４６８１３, ticket 42`)).toBe('tel [number] or [number], ticket 42');
    expect(redactText(`Key (contact_phone)=(${PHONE}) already exists; name '${NAME}'`)).toBe("Key (contact_phone)=([number]) already exists; name '…'");
    expect(redactText(`column "${NAME}" and "contact_phone"`)).toBe('column "…" and "contact_phone"');
    expect(serializeError(`connect to ${PHONE} failed`).message).toBe('connect to [number] failed');
  });
});
