import { describe, expect, it } from 'vitest';
import { LiveFeed } from './feed';

describe('LiveFeed', () => {
  it('applies each number once and ignores what the snapshot holds', () => {
    const feed = new LiveFeed(10);
    expect(feed.accept({ seq: 9 })).toBe(false);
    expect(feed.accept({ seq: 10 })).toBe(false);
    expect(feed.accept({ seq: 12 })).toBe(true);
    expect(feed.accept({ seq: 11 })).toBe(true);
    expect(feed.accept({ seq: 12 })).toBe(false);
    expect(feed.lastSeq).toBe(12);
  });

  it('resumes after the snapshot when nothing arrived since', () => {
    expect(new LiveFeed(40).resume()).toEqual({ lastSeq: 40 });
  });

  it('resumes below a straggler that never arrived, listing what it has', () => {
    const feed = new LiveFeed(100);
    for (const seq of [101, 102, 104, 105, 108]) feed.accept({ seq });
    // 103, 106 and 107 may be other rooms' events or stragglers: the server decides by rooms.
    expect(feed.resume()).toEqual({
      lastSeq: 100,
      seen: [
        [101, 102],
        [104, 105],
        [108, 108],
      ],
    });
  });

  it('looks back at most the resume window', () => {
    const feed = new LiveFeed(0);
    for (let seq = 1; seq <= 3000; seq += 1) feed.accept({ seq });
    expect(feed.resume(1000)).toEqual({ lastSeq: 2000, seen: [[2001, 3000]] });
  });

  it('keeps the newest ranges when the seen numbers are scattered', () => {
    const feed = new LiveFeed(0);
    for (let seq = 2; seq <= 40; seq += 2) feed.accept({ seq });
    const point = feed.resume(1000, 5);
    expect(point).toEqual({
      lastSeq: 31,
      seen: [
        [32, 32],
        [34, 34],
        [36, 36],
        [38, 38],
        [40, 40],
      ],
    });
  });
});
