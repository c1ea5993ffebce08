/**
 * The client side of the live stream: every event carries the server's sequence number; the
 * feed drops what it has already applied and what its snapshot already holds, and tells the
 * server where to resume after a reconnect.
 *
 * Events may arrive out of order (catch-up and live traffic interleave around a reconnect;
 * concurrent commits publish in either order; other server processes relay through the
 * database), so the feed remembers a window of seen numbers, not only the highest, and resumes
 * a little below the highest while listing what it already has (`resume()`): a straggler that
 * never arrived is replayed, nothing already applied is sent again.
 */
export interface LiveEvent<T = unknown> {
  seq: number;
  type: string;
  at: string;
  ticketId: number | null;
  data: T;
}

/** How far below the highest number a reconnect looks for stragglers (in sequence numbers). */
export const RESUME_WINDOW = 1000;
/** The server accepts at most this many `seen` ranges (server/live/socket-server.ts). */
export const MAX_SEEN_RANGES = 200;

/** The handshake a reconnecting client sends: replay events after `lastSeq` except the `seen` ranges. */
export interface ResumePoint {
  lastSeq: number;
  seen?: [number, number][];
}

export class LiveFeed {
  private seen = new Set<number>();
  private order: number[] = [];
  /** Everything up to here is in the snapshot the screen started from. */
  readonly base: number;
  lastSeq: number;

  constructor(
    lastSeq = 0,
    private readonly window = 5000,
  ) {
    this.lastSeq = lastSeq;
    this.base = lastSeq;
  }

  /** True when the event is new and should be applied. */
  accept(event: { seq: number }): boolean {
    // Committed before the snapshot was read: the snapshot already has it.
    if (event.seq <= this.base) return false;
    if (this.seen.has(event.seq)) return false;
    // Older than anything we still remember and not above the watermark: already applied.
    if (this.order.length >= this.window && event.seq < (this.order[0] ?? 0)) return false;
    this.seen.add(event.seq);
    this.order.push(event.seq);
    const dropped = this.order.length > this.window ? this.order.shift() : undefined;
    if (dropped !== undefined) this.seen.delete(dropped);
    if (event.seq > this.lastSeq) this.lastSeq = event.seq;
    return true;
  }

  /** The numbers applied that it still remembers (oldest first). */
  recent(): number[] {
    return [...this.order];
  }

  /** Where to resume after a reconnect: a little below the highest seen, minus what we have. */
  resume(span = RESUME_WINDOW, maxRanges = MAX_SEEN_RANGES): ResumePoint {
    let from = Math.max(this.base, this.lastSeq - span);
    const have = [...this.seen].filter((s) => s > from).sort((a, b) => a - b);
    const ranges: [number, number][] = [];
    for (const s of have) {
      const last = ranges.at(-1);
      if (last && s === last[1] + 1) last[1] = s;
      else ranges.push([s, s]);
    }
    // Too scattered to list: keep the newest ranges and resume just below the oldest kept.
    if (ranges.length > maxRanges) {
      const kept = ranges.slice(-maxRanges);
      const [oldest] = kept;
      if (oldest) from = oldest[0] - 1;
      return { lastSeq: from, seen: kept };
    }
    return ranges.length ? { lastSeq: from, seen: ranges } : { lastSeq: from };
  }
}
