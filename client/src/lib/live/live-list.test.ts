import { describe, expect, it } from 'vitest';
import { isNewer, itemsOf, liveListOf, putFromEvent, putItem } from './live-list';

interface Row {
  id: number;
  version: number;
  state: string;
}

const row = (id: number, version: number, state = `v${version}`): Row => ({ id, version, state });
const list = (seq: number, ...rows: Row[]) => liveListOf(seq, rows, (r) => r.id);
const stateOf = (l: ReturnType<typeof list>, id: number) => l.entries.get(id)?.item.state;

describe('the (version, seq) rule', () => {
  it('a higher version wins whatever the seq', () => {
    expect(isNewer({ item: row(1, 3), seq: 50 }, row(1, 4), 10)).toBe(true);
    expect(isNewer({ item: row(1, 4), seq: 10 }, row(1, 3), 50)).toBe(false);
  });

  it('the same version: the later event wins, an equal or earlier one does not', () => {
    expect(isNewer({ item: row(1, 3), seq: 10 }, row(1, 3), 11)).toBe(true);
    expect(isNewer({ item: row(1, 3), seq: 10 }, row(1, 3), 10)).toBe(false);
    expect(isNewer({ item: row(1, 3), seq: 10 }, row(1, 3), 9)).toBe(false);
  });

  it('anything is newer than nothing', () => {
    expect(isNewer(undefined, row(1, 1), 0)).toBe(true);
  });
});

describe('putItem', () => {
  it('a late event never rolls a row back', () => {
    const start = list(100, row(1, 5, 'in_progress'));
    // Replayed after a reconnect, or relayed late by another process: version 4 at seq 120.
    const after = putItem(start, 1, row(1, 4, 'dispatched'), 120, 'any');
    expect(after).toBe(start);
    expect(stateOf(after, 1)).toBe('in_progress');
  });

  it('the same answer twice (the API answer, then its event) changes nothing the second time', () => {
    const start = list(100, row(1, 5));
    const answered = putItem(start, 1, row(1, 6, 'replied'), 0, 'existing');
    expect(stateOf(answered, 1)).toBe('replied');
    const evented = putItem(answered, 1, row(1, 6, 'replied'), 130, 'any');
    expect(stateOf(evented, 1)).toBe('replied');
    // Its seq is recorded: a straggler of the same version with a lower seq is refused.
    expect(putItem(evented, 1, row(1, 6, 'stale copy'), 120, 'any')).toBe(evented);
  });

  it('events arriving in any order end on the newest version', () => {
    const copies = [row(1, 2, 'a'), row(1, 5, 'e'), row(1, 3, 'c'), row(1, 4, 'd')];
    const orders = [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [1, 0, 3, 2],
      [2, 3, 0, 1],
    ];
    for (const order of orders) {
      const end = order.reduce((l, i) => putItem(l, 1, copies[i]!, 100 + copies[i]!.version, 'any'), list(100));
      expect(stateOf(end, 1)).toBe('e');
    }
  });

  it('`existing` only updates rows already there; `any` adds', () => {
    const start = list(100, row(1, 1));
    expect(putItem(start, 2, row(2, 1), 110, 'existing')).toBe(start);
    expect(itemsOf(putItem(start, 2, row(2, 1), 110, 'any')).map((r) => r.id)).toEqual([1, 2]);
  });

  it('leaves the list it was given alone (the cache compares by reference)', () => {
    const start = list(100, row(1, 1));
    const next = putItem(start, 1, row(1, 2), 110, 'any');
    expect(next).not.toBe(start);
    expect(stateOf(start, 1)).toBe('v1');
  });
});

describe('putFromEvent', () => {
  it('an event at or below the snapshot does not bring back a row the snapshot left out', () => {
    // The snapshot (seq 100) no longer lists ticket 2: it closed before the snapshot was read.
    const start = list(100, row(1, 1));
    expect(putFromEvent(start, 2, row(2, 1, 'registered'), 90, true)).toBe(start);
    expect(putFromEvent(start, 2, row(2, 1, 'registered'), 100, true)).toBe(start);
    expect(stateOf(putFromEvent(start, 2, row(2, 1, 'registered'), 101, true), 2)).toBe('registered');
  });

  it('a list that admits nothing new (the shift) still follows its own rows', () => {
    const start = list(100, row(1, 1));
    expect(putFromEvent(start, 2, row(2, 1), 110, false)).toBe(start);
    expect(stateOf(putFromEvent(start, 1, row(1, 2, 'dispatched'), 110, false), 1)).toBe('dispatched');
  });
});

describe('itemsOf', () => {
  it('sorts when asked, and an absent list is empty', () => {
    expect(itemsOf(list(1, row(1, 1), row(3, 1), row(2, 1)), (a, b) => b.id - a.id).map((r) => r.id)).toEqual([3, 2, 1]);
    expect(itemsOf(undefined)).toEqual([]);
  });
});
