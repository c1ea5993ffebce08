/**
 * The address of a matter as it may be published: the road, or the road and the compound
 * (小区) — never the house, lane, building, unit, room or floor number, nor anything else typed
 * after it. FixMyStreet publishes a report's nearest road; a Shanghai compound (xx 小区, a 弄 of
 * hundreds of households) is as coarse. `涞坊路1111弄12号301室` → `涞坊路 颐亭花园`,
 * `沪亭北路99弄3号` → `沪亭北路`, `坐标 31.1,121.3` → null.
 *
 * The town's address list names compounds and roads where it can: a compound is recognised by
 * its name or alias, or by its road and lane number (涞坊路1111弄 is 颐亭花园); a road by its
 * name. Roads and compounds that are not on the list are recognised by their suffixes (…路,
 * …小区, …花园). What is recognised as neither is not published (null).
 */
import { normalizeAddress } from '../address/normalize-address';
import type { AddressBook, AddressEntry } from '../address/types';
import { maskNames } from './mask-names';

export interface PublicAddressOptions {
  /** Names of people of this record, masked before anything is cut (the caller's name). */
  names?: readonly (string | null | undefined)[];
}

const ROAD_SUFFIX = '大街|大道|公路|老街|路|街|巷';
/** A known road inside an entry's standard address: the shortest run of Han characters ending in a road suffix. */
const ROAD_IN_ADDRESS = new RegExp(`^\\p{Script=Han}+?(?:${ROAD_SUFFIX})`, 'u');
/** A road not on the list ending a stretch of text: up to three characters and a suffix. */
const ROAD_AT_END = new RegExp(`(\\p{Script=Han}{1,3}(?:${ROAD_SUFFIX}))$`, 'u');
const ROAD_SUFFIXES = new RegExp(ROAD_SUFFIX, 'gu');
/** Numbers with their units: everything from the first one on says where inside a place, not which place. */
const NUMBER_AND_UNIT = /\d+(?:支弄|单元|号|弄|幢|栋|室|组|期|楼|层|户|座)?/g;
/** Up to the last compound suffix that does not start a road's suffix (新城路 is a road). */
const COMPOUND = new RegExp(`^(.*(?:小区|花园|新村|公寓|家园|苑|广场|大厦|中心|城|府|邸|湾|里|园|宅|庄))(?!${ROAD_SUFFIX})`, 'u');
/** Where a known road was cut out: a boundary no pattern runs across. */
const BOUNDARY = '\u0000';
/** 村民小组: the group is the village's compound (a few dozen households). */
const VILLAGE_GROUP = /(\p{Script=Han}{1,5}村)(\d{1,2})组/u;
const MAX_UNKNOWN_COMPOUND = 8;
/** A private-use character: survives normalisation, is never a road or compound character. */
const NAME_MARK = '\ue000';
/** Which of two equally long names to prefer: the finer place. */
const SPECIFIC: Partial<Record<AddressEntry['kind'], number>> = { landmark: 1, compound: 2, hamlet: 2, village_group: 2 };

interface Place {
  entry: AddressEntry;
  /** Normalised keys: name and aliases. */
  keys: string[];
  road: string | null;
  /** Normalised standard address (`涞坊路1111弄`) for compounds and landmarks. */
  address: string;
}

interface BookIndex {
  roads: string[];
  places: Place[];
}

const indexCache = new WeakMap<AddressBook, BookIndex>();

function roadOf(normalizedAddress: string): string | null {
  return ROAD_IN_ADDRESS.exec(normalizedAddress)?.[0] ?? null;
}

function indexOf(book: AddressBook): BookIndex {
  let index = indexCache.get(book);
  if (!index) {
    const roads = new Set<string>();
    const places: Place[] = [];
    for (const entry of book.addresses) {
      const address = normalizeAddress(entry.address).text;
      const road = roadOf(address);
      if (road) roads.add(road);
      if (entry.kind === 'road_section') continue;
      const keys = [entry.name, ...entry.aliases].map((k) => normalizeAddress(k).text).filter((k) => k.length >= 2);
      places.push({ entry, keys, road, address });
    }
    // Longest first: 沪亭北路 before a hypothetical 北路.
    index = { roads: [...roads].sort((a, b) => b.length - a.length), places };
    indexCache.set(book, index);
  }
  return index;
}

/** The first road of the list named in the text (leftmost; the longest at one position). */
function knownRoad(text: string, roads: readonly string[]): { road: string; at: number } | null {
  let best: { road: string; at: number } | null = null;
  for (const road of roads) {
    const at = text.indexOf(road);
    if (at >= 0 && (!best || at < best.at)) best = { road, at };
  }
  return best;
}

/** A place of the list: by name or alias (the longest named), else by road and lane number. */
function knownPlace(text: string, road: { road: string; at: number } | null, index: BookIndex): Place | null {
  let best: { place: Place; length: number; rank: number } | null = null;
  for (const place of index.places) {
    const rank = SPECIFIC[place.entry.kind] ?? 0;
    for (const key of place.keys) {
      if (!text.includes(key)) continue;
      // The longest name wins; at equal length the finer place (大寅村张家宅: the hamlet, not the village office).
      if (!best || key.length > best.length || (key.length === best.length && rank > best.rank)) best = { place, length: key.length, rank };
    }
  }
  if (best) return best.place;
  if (!road) return null;
  const lane = /^(\d+)(弄|号)?/.exec(text.slice(road.at + road.road.length));
  if (!lane) return null;
  // 号 and 弄 share one sequence along a Shanghai road: 涞坊路1111号 is the compound at 1111弄.
  const candidates = index.places.filter((p) => p.road === road.road && (p.address === `${road.road}${lane[1]}弄` || p.address === `${road.road}${lane[1]}号`));
  return candidates.find((p) => p.entry.kind === 'compound') ?? candidates[0] ?? null;
}

/** Little words that run into a place in speech (住在长江路, 近阳光小区). */
const LEADING_WORDS = /^[的在住于到往近是和与及靠沿]+/u;

/**
 * A road and a compound that are not on the list, by their suffixes. Per stretch of text between
 * numbers: a compound first (the text up to its last compound suffix, unless that suffix is part
 * of a road's name: 新城路), then a road ending the stretch (the number after it is its house
 * number). A road named inside the compound's stretch (长江路近阳光小区) is split off.
 */
function unknownPlace(text: string): { road: string | null; compound: string | null } {
  let road: string | null = null;
  let compound: string | null = null;
  const group = VILLAGE_GROUP.exec(text);
  if (group) compound = `${group[1]}${group[2]}组`;
  for (const segment of text.split(NUMBER_AND_UNIT).flatMap((s) => s.split(BOUNDARY))) {
    let rest = segment;
    const found = compound ? null : COMPOUND.exec(segment)?.[1];
    if (found) {
      rest = segment.slice(found.length);
      let name = found;
      const roads = [...found.matchAll(ROAD_SUFFIXES)];
      const last = roads[roads.length - 1];
      if (last?.index !== undefined) {
        const end = last.index + last[0].length;
        road ??= ROAD_AT_END.exec(found.slice(0, end))?.[1]?.replace(LEADING_WORDS, '') ?? null;
        name = found.slice(end);
      }
      name = [...name.replace(LEADING_WORDS, '')].slice(-MAX_UNKNOWN_COMPOUND).join('');
      if (name.length >= 2) compound = name;
    }
    if (!road) {
      const candidate = ROAD_AT_END.exec(rest)?.[1]?.replace(LEADING_WORDS, '');
      if (candidate && candidate.length >= 2) road = candidate;
    }
  }
  return { road, compound };
}

/** The road and compound of `address` that may be published, or null when none is recognised. */
export function publicAddress(address: string, book: AddressBook, opts: PublicAddressOptions = {}): string | null {
  // A masked name becomes a mark normalisation keeps, so no road or compound is cut out of a name (张伟花园).
  const text = normalizeAddress(maskNames(address, { names: opts.names ?? [], maskChar: NAME_MARK })).text;
  if (text === '') return null;
  const index = indexOf(book);
  const found = knownRoad(text, index.roads);
  const place = knownPlace(text, found, index);
  let road: string | null;
  let compound: string | null;
  if (place) {
    // A hamlet or village group's standard address is its name with its village (大寅村张家宅, 中心村3组): no numbers to cut.
    compound = place.entry.kind === 'hamlet' || place.entry.kind === 'village_group' ? place.entry.address : place.entry.name;
    // The compound's own road, not another road named in passing.
    road = place.road ?? found?.road ?? null;
  } else {
    const unknown = unknownPlace(found ? text.replace(found.road, BOUNDARY) : text);
    road = found?.road ?? unknown.road;
    compound = unknown.compound;
  }
  if (road?.includes(NAME_MARK)) road = null;
  if (compound?.includes(NAME_MARK)) compound = null;
  if (compound && road && compound.startsWith(road)) road = null;
  const parts = [road, compound].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' ') : null;
}
