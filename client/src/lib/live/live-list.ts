/**
 * A list kept current by live events (tickets, calls, operators' presence): the snapshot read over
 * HTTP, then every event's copy of an item applied by (item version, event seq). A late event —
 * replayed after a reconnect, relayed by another server process, or simply slower than the API
 * answer of the action that caused it — never rolls the screen back.
 */

export interface Versioned {
  version: number;
}

export interface LiveEntry<T> {
  item: T;
  /** The event seq the copy came with (the snapshot's seq for snapshot rows, 0 for an API answer). */
  seq: number;
}

export interface LiveList<T> {
  /** The stream position of the snapshot: events at or below it are already in it. */
  seq: number;
  /** The snapshot left items out (more than its limit). */
  truncated: boolean;
  entries: ReadonlyMap<number, LiveEntry<T>>;
}

/** Whether a copy of an item (with the seq it came with) is newer than what the list holds. */
export function isNewer<T extends Versioned>(current: LiveEntry<T> | undefined, item: T, seq: number): boolean {
  if (!current) return true;
  if (current.item.version !== item.version) return item.version > current.item.version;
  return seq > current.seq;
}

export function liveListOf<T>(seq: number, items: readonly T[], idOf: (item: T) => number, truncated = false): LiveList<T> {
  return { seq, truncated, entries: new Map(items.map((item) => [idOf(item), { item, seq }])) };
}

/**
 * The list with `item` put in when newer; the same list when nothing changed. `admit`: whether an
 * item the list does not hold joins it (`existing`: only update what is there).
 */
export function putItem<T extends Versioned>(list: LiveList<T>, id: number, item: T, seq: number, admit: 'any' | 'existing'): LiveList<T> {
  const current = list.entries.get(id);
  if (!current && admit === 'existing') return list;
  if (!isNewer(current, item, seq)) return list;
  const entries = new Map(list.entries);
  entries.set(id, { item, seq });
  return { ...list, entries };
}

/**
 * An event's copy of an item: admitted as a new row only when the list admits it and the event
 * is later than the snapshot (an older one may describe an item that has since left the list).
 */
export function putFromEvent<T extends Versioned>(list: LiveList<T>, id: number, item: T, seq: number, admitsNew: boolean): LiveList<T> {
  return putItem(list, id, item, seq, admitsNew && seq > list.seq ? 'any' : 'existing');
}

/** The items, in `order`. */
export function itemsOf<T>(list: LiveList<T> | undefined, order?: (a: T, b: T) => number): T[] {
  if (!list) return [];
  const items = [...list.entries.values()].map((e) => e.item);
  return order ? items.sort(order) : items;
}
