/**
 * The tab's one live connection (PRODUCT.md §7: no screen needs a reload to be current). Every page and
 * component shares it: one socket per tab, whatever the screen shows.
 *
 * It resumes where it stopped on every reconnect (`LiveFeed.resume()`: the server replays exactly
 * what was missed, stragglers included, even after a restart) and hands each new event to its
 * listeners once. Screens build on snapshots read over HTTP; the connection says from which
 * stream position it covers every event (`coveredFrom`), and keeps the recent events so a snapshot
 * that arrives late can be brought up to date (`eventsAfter`). A snapshot read at a position below
 * `coveredFrom` may miss events: it is read again.
 *
 * `resync` (more than 1,000 events missed, or a failed catch-up) breaks the coverage: the next
 * `ready` starts it again from the server's position and listeners hear `resync`, so every
 * snapshot is read again.
 *
 * The socket says `presence: true`: it is a console, and an operator is offline when the last one
 * closes (server/console/presence.ts).
 */
import { LiveFeed, type LiveEvent } from '../../../../shared/live/feed';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** Why the stream is ready: the first connect, a reconnect that caught up, or after a resync. */
export type ReadyKind = 'first' | 'reconnect' | 'resync';

/** The part of a socket.io client the connection uses (tests give a fake). */
export interface LiveSocket {
  on(event: string, listener: (...args: never[]) => void): unknown;
  disconnect(): unknown;
  connect(): unknown;
  close(): unknown;
}

/** Opens the socket; `auth` is called on every (re)connect with the handshake to send. */
export type OpenSocket = (auth: (cb: (data: object) => void) => void) => LiveSocket | Promise<LiveSocket>;

export interface LiveConnectionOptions {
  open?: OpenSocket;
  /** How many recent events to keep for snapshots still loading. */
  keep?: number;
}

/** Room for any snapshot that takes a while to load: far more events than a town makes in a minute. */
const KEEP_EVENTS = 2000;
/** After a failed catch-up (no `ready` follows), reconnect after this long to try again. */
const RETRY_AFTER_FAILED_CATCH_UP_MS = 1000;

/** After the socket's code failed to load (the network dropped), try again after this long. */
const RETRY_AFTER_FAILED_LOAD_MS = 2000;

// socket.io's client loads with the first screen that goes live: the login page does without it.
const openSocketIo: OpenSocket = async (auth) =>
  (await import('socket.io-client')).io({
    transports: ['websocket', 'polling'],
    auth,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });

export class LiveConnection {
  private socket: LiveSocket | null = null;
  private feed: LiveFeed | null = null;
  /** Events received before coverage starts (first connect, or between `resync` and `ready`). */
  private held: LiveEvent[] = [];
  private resyncing = false;
  private recent: LiveEvent[] = [];
  /** The highest seq dropped from `recent` (a snapshot below it cannot be completed from memory). */
  private evicted = 0;
  private from = 0;
  private coverage: Promise<void>;
  private startCoverage: () => void = () => undefined;
  private closed = false;
  private starting = false;
  /** What must be in place before the socket opens (`openAfter`). */
  private readonly gates: Promise<unknown>[] = [];
  private status_: LiveStatus = 'connecting';
  private readonly events = new Set<(e: LiveEvent) => void>();
  private readonly readies = new Set<(kind: ReadyKind) => void>();
  private readonly statuses = new Set<() => void>();
  private readonly serverCloses = new Set<() => void>();
  private readonly open: OpenSocket;
  private readonly keep: number;

  constructor(opts: LiveConnectionOptions = {}) {
    this.open = opts.open ?? openSocketIo;
    this.keep = opts.keep ?? KEEP_EVENTS;
    this.coverage = this.newCoverage();
  }

  get status(): LiveStatus {
    return this.status_;
  }

  /** The stream position from which every event reaches this tab (valid once `covered()` resolves). */
  get coveredFrom(): number {
    return this.from;
  }

  /** Every event from now on reaches this tab (false before the first `ready` and during a resync). */
  get covering(): boolean {
    return this.feed !== null && !this.resyncing;
  }

  /**
   * The socket opens only once `ready` has resolved: a listener loaded on demand (the query cache's,
   * main.tsx) is bound before the first event can arrive.
   */
  openAfter(ready: Promise<unknown>): void {
    this.gates.push(ready);
  }

  /** Opens the socket (once; later calls do nothing). */
  start(): void {
    if (this.starting || this.closed) return;
    this.starting = true;
    const open = () => this.attach(this.open((cb) => cb({ ...(this.feed && !this.resyncing ? this.feed.resume() : {}), presence: true })));
    if (this.gates.length === 0) open();
    // A gate that failed (its code did not arrive) keeps the socket closed: live without its
    // listener would leave screens stale while saying "live". The status says it is not.
    else void Promise.all(this.gates).then(open, () => this.setStatus('reconnecting'));
  }

  private attach(opened: LiveSocket | Promise<LiveSocket>): void {
    if (opened instanceof Promise) {
      opened.then(
        (socket) => this.attach(socket),
        () => {
          // Its code did not arrive: say so, and try again (a screen waiting on `covered()` keeps waiting).
          this.setStatus('reconnecting');
          this.starting = false;
          setTimeout(() => this.start(), RETRY_AFTER_FAILED_LOAD_MS);
        },
      );
      return;
    }
    const socket = opened;
    if (this.closed) {
      socket.close();
      return;
    }
    this.socket = socket;
    socket.on('ready', (r: { seq: number }) => this.ready(Number(r?.seq ?? 0)));
    socket.on('event', (e: LiveEvent) => this.receive(e));
    socket.on('resync', (r: { reason?: string } | undefined) => this.resync(r?.reason));
    socket.on('disconnect', (reason: string) => {
      this.setStatus('reconnecting');
      // The server closed it (the session ended, or the user's roles changed): socket.io does
      // not reconnect by itself. Whoever owns the session decides: sign in again, or reconnect.
      if (reason === 'io server disconnect') for (const listener of [...this.serverCloses]) listener();
    });
    socket.on('connect_error', () => this.setStatus('reconnecting'));
  }

  /** Resolves once the connection covers the stream (opens the socket if needed). */
  covered(): Promise<void> {
    this.start();
    return this.coverage;
  }

  /** Resolves once the connection covers the stream, if a screen opens the socket (this does not). */
  whenCovered(): Promise<void> {
    return this.coverage;
  }

  /**
   * The events received after `seq`, oldest first, to apply on top of a snapshot read at `seq`;
   * null when some of them are no longer kept (read the snapshot again).
   */
  eventsAfter(seq: number): LiveEvent[] | null {
    if (this.evicted > seq) return null;
    return this.recent.filter((e) => e.seq > seq).sort((a, b) => a.seq - b.seq);
  }

  /** Every event still kept, oldest first (for lists without a stream position, applied by version). */
  recentEvents(): LiveEvent[] {
    return [...this.recent].sort((a, b) => a.seq - b.seq);
  }

  /** Every new event, once; returns the unsubscribe. */
  onEvent(listener: (e: LiveEvent) => void): () => void {
    this.events.add(listener);
    return () => void this.events.delete(listener);
  }

  /** Every `ready` (first, after a reconnect, after a resync). */
  onReady(listener: (kind: ReadyKind) => void): () => void {
    this.readies.add(listener);
    return () => void this.readies.delete(listener);
  }

  onStatus(listener: () => void): () => void {
    this.statuses.add(listener);
    return () => void this.statuses.delete(listener);
  }

  /** The server closed the socket (session ended, roles changed); the socket stays closed until `reconnect()`. */
  onServerClose(listener: () => void): () => void {
    this.serverCloses.add(listener);
    return () => void this.serverCloses.delete(listener);
  }

  /** Opens the socket again after the server closed it (the session is still good): rooms are computed anew. */
  reconnect(): void {
    if (this.closed || !this.socket) return;
    this.socket.connect();
  }

  /** Log-out: the socket closes and nothing more is delivered (listeners hear nothing of the closing either). */
  close(): void {
    this.closed = true;
    this.events.clear();
    this.readies.clear();
    this.statuses.clear();
    this.serverCloses.clear();
    this.socket?.close();
    this.socket = null;
  }

  private newCoverage(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.startCoverage = resolve;
    });
  }

  private receive(e: LiveEvent): void {
    if (!this.feed || this.resyncing) this.held.push(e);
    else this.deliver(e);
  }

  private deliver(e: LiveEvent): void {
    if (!this.feed?.accept(e)) return;
    this.recent.push(e);
    const dropped = this.recent.length > this.keep ? this.recent.shift() : undefined;
    if (dropped) this.evicted = Math.max(this.evicted, dropped.seq);
    for (const listener of [...this.events]) {
      try {
        listener(e);
      } catch (err) {
        console.error('live event listener failed', err);
      }
    }
  }

  private ready(seq: number): void {
    let kind: ReadyKind = 'reconnect';
    if (!this.feed || this.resyncing) {
      kind = this.feed ? 'resync' : 'first';
      const previous = this.feed;
      // Coverage starts at the server's position: every later event reaches this socket.
      this.feed = new LiveFeed(seq);
      // What was applied above it stays applied: keep resuming after it.
      if (previous) for (const s of previous.recent()) if (s > seq) this.feed.accept({ seq: s });
      this.resyncing = false;
      this.from = seq;
      const pending = this.held.sort((a, b) => a.seq - b.seq);
      this.held = [];
      for (const e of pending) this.deliver(e);
      this.startCoverage();
    }
    this.setStatus('live');
    for (const listener of [...this.readies]) listener(kind);
  }

  private resync(reason: string | undefined): void {
    if (!this.feed) return;
    this.resyncing = true;
    this.coverage = this.newCoverage();
    // A failed catch-up is not followed by `ready`: connect again and ask again.
    if (reason === 'catch_up_failed') {
      setTimeout(() => {
        if (this.closed || !this.socket) return;
        this.socket.disconnect();
        this.socket.connect();
      }, RETRY_AFTER_FAILED_CATCH_UP_MS);
    }
  }

  private setStatus(status: LiveStatus): void {
    if (this.status_ === status) return;
    this.status_ = status;
    for (const listener of [...this.statuses]) listener();
  }
}

let current: LiveConnection | null = null;
const setups = new Set<(connection: LiveConnection) => void>();

/** Signed out: a connection that never opens a socket (a screen tearing down cannot open one). */
const signedOut = new LiveConnection({
  open: () => {
    throw new Error('no live connection while signed out');
  },
});
signedOut.close();

/** The tab's connection for the signed-in user; its socket opens when a screen first needs it. */
export function liveConnection(): LiveConnection {
  return current ?? signedOut;
}

/** A user is signed in: the tab's connection for them (one; created once per sign-in). */
export function openLiveConnection(): LiveConnection {
  if (!current) {
    current = new LiveConnection();
    for (const setup of setups) setup(current);
  }
  return current;
}

/** Runs `setup` on every connection the tab creates (the query cache binds itself here). */
export function onLiveConnection(setup: (connection: LiveConnection) => void): void {
  setups.add(setup);
}

/** Log-out: close the socket; the next user gets a new connection. */
export function closeLiveConnection(): void {
  current?.close();
  current = null;
}
