/**
 * The unit of work: events are appended with the transaction's writes and published only after
 * commit; a rollback publishes nothing; appendEvents refuses what the event catalogue does not
 * define. On a real database (PGlite, or PostgreSQL with DATABASE_URL).
 */
import { eq, sql } from 'drizzle-orm';
import type { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { calendarDays, events } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { engineName, openTestDatabase } from '../../test/support/db';
import { appendEvents, type NewEvent } from './append-events';
import { socketPublisher, type LivePublisher, type StoredEvent } from './live/publisher';
import { withTransaction } from './unit-of-work';

/** A publisher that records what it was given, and whether the writes were visible then. */
function recordingLive() {
  const published: StoredEvent[][] = [];
  const live: LivePublisher = { publish: (list) => void published.push(list), connectedClients: () => 0, disconnect: async () => undefined };
  return { live, published };
}

const at = new Date('2026-11-23T02:00:00Z');
const versioned = (code: string, version = 1): NewEvent => ({
  type: 'policy.versioned',
  actorId: null,
  actorRole: 'supervisor',
  at,
  payload: { code, version },
  rooms: ['role:supervisor'],
});

describe(`unit of work (${engineName()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  const rowsOf = (code: string) =>
    database.db
      .select()
      .from(events)
      .where(sql`${events.payload}->>'code' = ${code}`);

  it('appends the emitted events with the writes and publishes them once, after commit, in order', async () => {
    const { live, published } = recordingLive();
    const result = await withTransaction({ db: database.db, live }, async (tx, emit) => {
      await tx.insert(calendarDays).values({ date: '2026-12-01', working: false, note: 'uow commit', createdAt: at });
      emit(versioned('commit-a'));
      emit(versioned('commit-b', 2));
      // Nothing leaves before commit.
      expect(published).toEqual([]);
      return 'done';
    });
    expect(result).toBe('done');
    expect(published).toHaveLength(1);
    expect(published[0]!.map((e) => [e.type, e.payload.code])).toEqual([
      ['policy.versioned', 'commit-a'],
      ['policy.versioned', 'commit-b'],
    ]);
    const [a, b] = published[0]!;
    expect(b!.seq).toBeGreaterThan(a!.seq);
    // What was published is what was stored.
    const stored = [...(await rowsOf('commit-a')), ...(await rowsOf('commit-b'))];
    expect(stored.map((r) => r.seq)).toEqual([a!.seq, b!.seq]);
    expect(await database.db.select().from(calendarDays).where(eq(calendarDays.note, 'uow commit'))).toHaveLength(1);
  });

  it('publishes nothing and stores nothing when the work throws (the transaction rolls back)', async () => {
    const { live, published } = recordingLive();
    const refusal = withTransaction({ db: database.db, live }, async (tx, emit) => {
      await tx.insert(calendarDays).values({ date: '2026-12-02', working: false, note: 'uow rollback', createdAt: at });
      emit(versioned('rolled-back'));
      throw new AppError('rule_violation', '不允许');
    });
    await expect(refusal).rejects.toMatchObject({ code: 'rule_violation' });
    expect(published).toEqual([]);
    expect(await rowsOf('rolled-back')).toEqual([]);
    expect(await database.db.select().from(calendarDays).where(eq(calendarDays.note, 'uow rollback'))).toEqual([]);
  });

  it('refuses an event the catalogue does not allow: nothing is written, nothing published', async () => {
    const { live, published } = recordingLive();
    const attempt = (event: unknown) =>
      withTransaction({ db: database.db, live }, async (tx, emit) => {
        await tx.insert(calendarDays).values({ date: '2026-12-03', working: false, note: 'uow refused', createdAt: at });
        emit(versioned('before-the-bad-one'), event as NewEvent);
      });
    // A payload missing a field, a field of the wrong type, a key the catalogue does not know, a type it does not know.
    await expect(attempt({ ...versioned('x'), payload: { code: 'x' } })).rejects.toThrow(/refused to append event policy\.versioned: .*version/);
    await expect(attempt({ ...versioned('x'), payload: { code: 'x', version: '2' } })).rejects.toThrow(/policy\.versioned.*version/);
    await expect(attempt({ ...versioned('x'), payload: { code: 'x', version: 2, extra: true } })).rejects.toThrow(/policy\.versioned.*extra/);
    await expect(attempt({ ...versioned('x'), type: 'policy.renamed' })).rejects.toThrow(/policy\.renamed: not in the catalogue/);
    expect(published).toEqual([]);
    expect(await rowsOf('before-the-bad-one')).toEqual([]);
    expect(await database.db.select().from(calendarDays).where(eq(calendarDays.note, 'uow refused'))).toEqual([]);
  });

  it('appendEvents itself refuses a catalogue-invalid payload before inserting anything', async () => {
    const bad = { ...versioned('direct'), payload: { code: 'direct', version: 0 } } as NewEvent;
    await expect(database.db.transaction((tx) => appendEvents(tx, [versioned('direct-good'), bad]))).rejects.toThrow(/policy\.versioned.*version/);
    expect([...(await rowsOf('direct')), ...(await rowsOf('direct-good'))]).toEqual([]);
  });

  it('refuses an event emitted after the work has ended', async () => {
    const { live, published } = recordingLive();
    let late: ((e: NewEvent) => void) | null = null;
    await withTransaction({ db: database.db, live }, async (_tx, emit) => {
      late = emit;
    });
    expect(() => late!(versioned('late'))).toThrow(/after its transaction's work ended/);
    expect(published).toEqual([[]]);
  });
});

describe('socket publisher', () => {
  it('sends an event to its rooms, and an audit row without rooms to nobody', () => {
    const sent: { rooms: string[]; seq: number }[] = [];
    const io = { local: { to: (rooms: string[]) => ({ emit: (_name: string, e: { seq: number }) => void sent.push({ rooms, seq: e.seq }) }) } };
    const publisher = socketPublisher(() => io as unknown as Server);
    const event = (seq: number, rooms: string[]): StoredEvent => ({ seq, type: 'ticket.contact_revealed', ticketId: 1, at, payload: {}, rooms });
    publisher.publish([event(1, ['unit:3']), event(2, [])]);
    // socket.io's to([]) would broadcast to every socket.
    expect(sent).toEqual([{ rooms: ['unit:3'], seq: 1 }]);
  });
});
