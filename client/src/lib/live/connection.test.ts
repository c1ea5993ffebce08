import { describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../../../shared/live/feed';
import { LiveConnection, type LiveSocket, type ReadyKind } from './connection';

/** A socket.io client stand-in: the test plays the server. */
class FakeSocket implements LiveSocket {
  handlers = new Map<string, ((...args: never[]) => void)[]>();
  handshakes: object[] = [];
  reconnects = 0;
  closed = false;
  constructor(private readonly auth: (cb: (data: object) => void) => void) {
    this.connect();
  }
  on(event: string, listener: (...args: never[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
  }
  emit(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) (h as (...a: unknown[]) => void)(...args);
  }
  connect() {
    this.auth((data) => this.handshakes.push(data));
  }
  disconnect() {
    this.reconnects++;
  }
  close() {
    this.closed = true;
  }
  /** The server side of a reconnect: the socket drops, the client connects again with its handshake. */
  drop() {
    this.emit('disconnect');
    this.connect();
  }
}

const ev = (seq: number, type = 'ticket.dispatched'): LiveEvent => ({ seq, type, at: '2026-12-01T00:00:00Z', ticketId: 1, data: null });

function setup() {
  let socket: FakeSocket | null = null;
  const connection = new LiveConnection({ open: (auth) => (socket = new FakeSocket(auth)) });
  const seen: number[] = [];
  const readies: ReadyKind[] = [];
  connection.onEvent((e) => seen.push(e.seq));
  connection.onReady((k) => readies.push(k));
  connection.start();
  return { connection, socket: socket! as FakeSocket, seen, readies };
}

describe('LiveConnection', () => {
  it('tells its owner when the server closed the socket (session ended), not when the network dropped', () => {
    const { connection, socket } = setup();
    let closes = 0;
    connection.onServerClose(() => closes++);
    socket.emit('disconnect', 'transport close');
    expect(closes).toBe(0);
    socket.emit('disconnect', 'io server disconnect');
    expect([closes, connection.status]).toEqual([1, 'reconnecting']);
    // Still signed in (roles changed): connecting again sends the resume handshake.
    const before = socket.handshakes.length;
    connection.reconnect();
    expect(socket.handshakes.length).toBe(before + 1);
    // After log-out nothing more is heard.
    connection.close();
    socket.emit('disconnect', 'io server disconnect');
    expect(closes).toBe(1);
  });

  it('opens one socket however often it is asked, and says it is a console', () => {
    const { connection, socket } = setup();
    connection.start();
    void connection.covered();
    expect(socket.handshakes).toEqual([{ presence: true }]);
  });

  it('covers the stream from the first ready: earlier events are in any snapshot read after it', async () => {
    const { connection, socket, seen, readies } = setup();
    let covered = false;
    void connection.covered().then(() => (covered = true));
    socket.emit('event', ev(9));
    socket.emit('event', ev(12));
    socket.emit('ready', { seq: 10 });
    await Promise.resolve();
    expect(covered).toBe(true);
    expect(connection.covering).toBe(true);
    expect(connection.coveredFrom).toBe(10);
    expect(seen).toEqual([12]);
    expect(readies).toEqual(['first']);
    expect(connection.status).toBe('live');
  });

  it('can be waited on without being opened (a printed page holds no socket)', async () => {
    let opened = 0;
    const connection = new LiveConnection({
      open: (auth) => {
        opened++;
        return new FakeSocket(auth);
      },
    });
    let covered = false;
    void connection.whenCovered().then(() => (covered = true));
    await Promise.resolve();
    expect({ opened, covered, covering: connection.covering }).toEqual({ opened: 0, covered: false, covering: false });
  });

  it('delivers each event once, whatever the order and the duplicates', () => {
    const { socket, seen } = setup();
    socket.emit('ready', { seq: 10 });
    for (const s of [12, 11, 12, 14, 11, 13]) socket.emit('event', ev(s));
    expect(seen).toEqual([12, 11, 14, 13]);
  });

  it('gives a late snapshot the events after its position, in order', () => {
    const { connection, socket } = setup();
    socket.emit('ready', { seq: 10 });
    for (const s of [13, 11, 12]) socket.emit('event', ev(s));
    expect(connection.eventsAfter(11)?.map((e) => e.seq)).toEqual([12, 13]);
    expect(connection.eventsAfter(20)).toEqual([]);
  });

  it('says when a snapshot is too old to complete from memory', () => {
    let socket: FakeSocket | null = null;
    const connection = new LiveConnection({ open: (auth) => (socket = new FakeSocket(auth)), keep: 3 });
    connection.start();
    socket!.emit('ready', { seq: 10 });
    for (const s of [11, 12, 13, 14, 15]) socket!.emit('event', ev(s));
    expect(connection.eventsAfter(11)).toBeNull();
    expect(connection.eventsAfter(12)?.map((e) => e.seq)).toEqual([13, 14, 15]);
  });

  it('resumes after a reconnect where it stopped, listing what it has above the resume point', () => {
    const { connection, socket, seen, readies } = setup();
    socket.emit('ready', { seq: 10 });
    for (const s of [11, 13]) socket.emit('event', ev(s));
    socket.drop();
    expect(connection.status).toBe('reconnecting');
    expect(socket.handshakes.at(-1)).toEqual({
      lastSeq: 10,
      seen: [
        [11, 11],
        [13, 13],
      ],
      presence: true,
    });
    // The server replays the straggler it missed (12) and one that happened while down (14); 13 is not sent twice.
    socket.emit('event', ev(12));
    socket.emit('event', ev(14));
    socket.emit('ready', { seq: 14 });
    expect(seen).toEqual([11, 13, 12, 14]);
    expect(readies).toEqual(['first', 'reconnect']);
    expect(connection.coveredFrom).toBe(10);
  });

  it('after a resync, coverage starts again from the server position and listeners hear it', async () => {
    const { connection, socket, seen, readies } = setup();
    socket.emit('ready', { seq: 10 });
    socket.emit('event', ev(11));
    socket.drop();
    socket.emit('resync', { reason: 'too_far_behind' });
    expect(connection.covering).toBe(false);
    let covered = false;
    void connection.covered().then(() => (covered = true));
    // Live traffic between the resync and ready waits for the new starting point.
    socket.emit('event', ev(1500));
    socket.emit('event', ev(2600));
    await Promise.resolve();
    expect(covered).toBe(false);
    socket.emit('ready', { seq: 2500 });
    await Promise.resolve();
    expect(covered).toBe(true);
    expect(connection.coveredFrom).toBe(2500);
    expect(seen).toEqual([11, 2600]);
    expect(readies).toEqual(['first', 'resync']);
    // The next reconnect resumes from the new position.
    socket.drop();
    expect(socket.handshakes.at(-1)).toEqual({ lastSeq: 2500, seen: [[2600, 2600]], presence: true });
  });

  it('connects again after a failed catch-up (no ready follows it)', () => {
    vi.useFakeTimers();
    try {
      const { socket } = setup();
      socket.emit('ready', { seq: 10 });
      socket.drop();
      socket.emit('resync', { reason: 'catch_up_failed' });
      vi.advanceTimersByTime(1000);
      expect(socket.reconnects).toBe(1);
      // Asked afresh: the connection starts its coverage again with the next ready.
      expect(socket.handshakes.at(-1)).toEqual({ presence: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it('closes for good on log-out: no more events, no reconnect', () => {
    const { connection, socket, seen } = setup();
    socket.emit('ready', { seq: 10 });
    connection.close();
    expect(socket.closed).toBe(true);
    socket.emit('event', ev(11));
    expect(seen).toEqual([]);
    connection.start();
    expect(socket.handshakes).toHaveLength(1);
  });

  it('keeps its socket closed until what must listen first has loaded (openAfter), and not live if it never does', async () => {
    let socket: FakeSocket | null = null;
    const connection = new LiveConnection({ open: async (auth) => (socket = new FakeSocket(auth)) });
    let bind!: () => void;
    const seen: number[] = [];
    connection.openAfter(new Promise<void>((resolve) => (bind = resolve)).then(() => void connection.onEvent((e) => seen.push(e.seq))));
    connection.start();
    await Promise.resolve();
    expect(socket).toBeNull();
    bind();
    await vi.waitFor(() => expect(socket).not.toBeNull());
    const open = socket! as FakeSocket;
    open.emit('ready', { seq: 0 });
    open.emit('event', ev(1));
    // The listener was bound before the socket opened: the first event reached it.
    expect([seen, connection.status]).toEqual([[1], 'live']);

    let opened = 0;
    const failed = new LiveConnection({ open: (auth) => (opened++, new FakeSocket(auth)) });
    failed.openAfter(Promise.reject(new Error('chunk did not load')));
    failed.start();
    await vi.waitFor(() => expect(failed.status).toBe('reconnecting'));
    expect(opened).toBe(0);
  });

  it('closes a socket that opened after the log-out', async () => {
    let socket: FakeSocket | null = null;
    let release!: () => void;
    const connection = new LiveConnection({
      open: async (auth) => {
        await new Promise<void>((resolve) => (release = resolve));
        return (socket = new FakeSocket(auth));
      },
    });
    connection.start();
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    connection.close();
    release();
    await vi.waitFor(() => expect(socket).not.toBeNull());
    expect((socket! as FakeSocket).closed).toBe(true);
  });
});
