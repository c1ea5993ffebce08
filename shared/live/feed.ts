/**
 * The client side of the live stream: every event carries the server's sequence number; the
 * feed drops what it has already applied and remembers the highest number for catch-up on
 * reconnect. Events may arrive out of order around a reconnect (catch-up and live traffic
 * interleave), so it remembers a window of seen numbers, not only the highest.
 */
export interface LiveEvent<T = unknown> {
  seq: number;
  type: string;
  at: string;
  ticketId: number | null;
  data: T;
}

export class LiveFeed {
  private seen = new Set<number>();
  private order: number[] = [];
  lastSeq: number;

  constructor(
    lastSeq = 0,
    private readonly window = 5000,
  ) {
    this.lastSeq = lastSeq;
  }

  /** True when the event is new and should be applied. */
  accept(event: { seq: number }): boolean {
    if (this.seen.has(event.seq)) return false;
    // Older than anything we still remember and not above the watermark: already applied.
    if (this.order.length >= this.window && event.seq < (this.order[0] ?? 0)) return false;
    this.seen.add(event.seq);
    this.order.push(event.seq);
    if (this.order.length > this.window) this.seen.delete(this.order.shift()!);
    if (event.seq > this.lastSeq) this.lastSeq = event.seq;
    return true;
  }
}
