/**
 * Placing a table row that has an address (or 区县 / 街道·镇·乡 / 社区·村 columns) but no
 * coordinates, offline, by matching place names against the gazetteer (geodata/gazetteer/), most
 * specific first: 村/社区 → 乡镇街道 → 区县. Pure: no I/O; the gazetteer is handed in.
 *
 * Matching rules:
 * - Text is NFKC-normalised (full-width → half-width), spaces dropped, and 重庆市 / 重庆 / 中国 at
 *   the start removed.
 * - 区县: the layer's name (渝北区, 彭水县), the full name (彭水苗族土家族自治县), the short name
 *   (渝北, 彭水, never a single character) and old names (梁平县, 开县), anywhere in the text.
 * - 乡镇街道: the full name (龙溪街道, 龙沙镇, 五通乡) anywhere; the bare stem (龙溪) only when it is
 *   followed by something that is not a Chinese character (the end of the text, a column separator,
 *   a digit), so 龙山路 does not match 龙山镇.
 * - 村/社区: the stem with a suffix (海螺村, 龙溪社区, 龙溪居委会) or the full official name
 *   (海螺村委会, 龙溪社区居委会).
 * - Several places of one name (龙溪街道 in 渝北区, 龙溪镇 elsewhere) are told apart by the 区县 in the
 *   same text; a 村/社区 is looked for in the matched 乡镇街道 (or 区县) first. What stays ambiguous is
 *   not guessed: the row is reported with the candidates.
 *
 * The point used and its `uncertainty_m` come from the gazetteer (see scripts/build-gazetteer.ts:
 * the radius of a disc with the unit's area); a 村/社区 without a point is placed at its township's
 * seat, a township without a seat at its 区县's point, each with that level's radius. `level` is the
 * level of the point used; `matched` the most specific name that matched.
 */
import type { Gazetteer } from './gazetteer';

/**
 * The attributes the import adds to a row it placed from its address (see csv.ts). The popup says
 * them in words (describeAddressPlacement) and the column pickers leave them out: one list for both.
 */
export const ADDRESS_PLACEMENT_KEYS = [
  'certainty',
  'uncertainty_m',
  'placement_level',
  'placement_names',
] as const;

const ADDRESS_PLACEMENT_KEY_SET: ReadonlySet<string> = new Set(ADDRESS_PLACEMENT_KEYS);

/** Whether `key` is one of the {@link ADDRESS_PLACEMENT_KEYS}. */
export function isAddressPlacementKey(key: string): boolean {
  return ADDRESS_PLACEMENT_KEY_SET.has(key);
}

export type PlacementLevel = 'community' | 'township' | 'district';

export interface PlacedAddress {
  readonly status: 'placed';
  /** The level of the point used (a 村 without a point is placed at its township: `township`). */
  readonly level: PlacementLevel;
  /** The most specific level whose name matched. */
  readonly matched: PlacementLevel;
  readonly lon: number;
  readonly lat: number;
  readonly uncertainty_m: number;
  readonly district_adcode: number;
  /** The matched names, largest first, e.g. `渝北区 龙溪街道 龙溪社区居委会`. */
  readonly names: string;
}

export type UnplacedReason = 'empty' | 'not-found' | 'ambiguous';

export interface UnplacedAddress {
  readonly status: 'unmatched';
  readonly reason: UnplacedReason;
  /** For `ambiguous`: the places the text could mean, e.g. `龙溪街道（渝北区）`. */
  readonly candidates: readonly string[];
}

export type AddressPlacement = PlacedAddress | UnplacedAddress;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
const TOWNSHIP_SUFFIX = /(街道办事处|街道|镇|乡)$/u;
const COMMUNITY_SUFFIXES = [
  '社区居民委员会',
  '社区居委会',
  '居民委员会',
  '村民委员会',
  '社区居委',
  '居委会',
  '村委会',
  '委员会',
  '社区',
  '村',
] as const;

/** NFKC, no spaces, no leading 中国 / 重庆市 / 重庆. Column separators (`|`) are kept. */
export function normalizeAddress(text: string): string {
  let s = text.normalize('NFKC').replace(/\s+/gu, '');
  for (;;) {
    const next = s.replace(/^(中国|重庆市|重庆)/u, '');
    if (next === s) break;
    s = next;
  }
  return s;
}

interface Hit {
  readonly unit: number;
  readonly start: number;
  readonly end: number;
  /** Matched with its suffix or its full name (not a bare stem). */
  readonly full: boolean;
}

/** Names → unit indices, searched by every substring of the text up to the longest name. */
class NameIndex {
  readonly #map = new Map<string, { unit: number; full: boolean; boundary: boolean }[]>();
  #longest = 0;

  add(key: string, unit: number, full: boolean, boundary = false): void {
    const length = key.length;
    if (length < 2) return;
    const list = this.#map.get(key) ?? [];
    if (!list.some((e) => e.unit === unit && e.full === full)) list.push({ unit, full, boundary });
    this.#map.set(key, list);
    this.#longest = Math.max(this.#longest, length);
  }

  find(text: string): Hit[] {
    const hits: Hit[] = [];
    for (let start = 0; start < text.length; start += 1) {
      const max = Math.min(this.#longest, text.length - start);
      for (let length = 2; length <= max; length += 1) {
        const list = this.#map.get(text.slice(start, start + length));
        if (list === undefined) continue;
        const end = start + length;
        const next = text.charAt(end);
        for (const entry of list) {
          // A bare stem counts only before a non-Chinese character (end, separator, digit).
          if (entry.boundary && next !== '' && CJK.test(next)) continue;
          hits.push({ unit: entry.unit, start, end, full: entry.full });
        }
      }
    }
    return hits;
  }
}

function communityStem(name: string): string {
  for (const suffix of COMMUNITY_SUFFIXES) {
    if (name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length);
  }
  return name;
}

function distinct(units: Iterable<number>): number[] {
  return [...new Set(units)];
}

/** The hits of the latest-starting unit among `hits`; prefers full-name hits. */
function best(hits: readonly Hit[]): Hit[] {
  const full = hits.filter((h) => h.full);
  return full.length > 0 ? full : [...hits];
}

/** Matches addresses against a gazetteer; build once per import, call {@link place} per row. */
export class AddressMatcher {
  readonly #g: Gazetteer;
  readonly #districts = new NameIndex();
  readonly #townships = new NameIndex();
  readonly #communities = new NameIndex();
  readonly #communityTownship: readonly number[];

  constructor(gazetteer: Gazetteer) {
    this.#g = gazetteer;
    gazetteer.districts.forEach((d, i) => {
      this.#districts.add(d.name, i, true);
      for (const alias of d.aliases) this.#districts.add(alias, i, alias.length > 2);
    });
    gazetteer.townships.forEach(([, name], i) => {
      this.#townships.add(name, i, true);
      const stem = name.replace(TOWNSHIP_SUFFIX, '');
      if (stem !== name) {
        if (name.endsWith('街道办事处')) this.#townships.add(`${stem}街道`, i, true);
        else if (name.endsWith('街道')) this.#townships.add(`${stem}街道办事处`, i, true);
        this.#townships.add(stem, i, false, true);
      }
    });
    this.#communityTownship = gazetteer.communities.map((c) => c[1]);
    gazetteer.communities.forEach(([name], i) => {
      this.#communities.add(name, i, true);
      const stem = communityStem(name);
      if (stem === name || stem.length < 2) return;
      const isVillage =
        name.endsWith('村委会') || name.endsWith('村民委员会') || name.endsWith('村');
      const suffixes = isVillage ? ['村', '村委会'] : ['社区', '居委会', '社区居委会', '居委'];
      for (const suffix of suffixes) this.#communities.add(`${stem}${suffix}`, i, true);
      // A stem that already ends like a place (新村, 石桥村…) may be written alone.
      if (/[村区]$/u.test(stem)) this.#communities.add(stem, i, true, true);
    });
  }

  /** A place label with its 区县, for candidate lists: `龙溪街道（渝北区）`. */
  #townshipLabel(t: number): string {
    const row = this.#g.townships[t];
    return row === undefined ? '' : `${row[1]}（${this.#g.districts[row[2]]?.name ?? ''}）`;
  }

  #communityLabel(c: number): string {
    const row = this.#g.communities[c];
    if (row === undefined) return '';
    const township = this.#g.townships[row[1]];
    const district = township === undefined ? undefined : this.#g.districts[township[2]];
    return `${row[0]}（${district?.name ?? ''}${township?.[1] ?? ''}）`;
  }

  #districtOfTownship(t: number): number {
    return this.#g.townships[t]?.[2] ?? -1;
  }

  /** Places one address (or the 区县/街道/社区 cells joined with `|`). */
  place(text: string): AddressPlacement {
    const s = normalizeAddress(text).replace(/\|+/gu, '|');
    if (s.replace(/\|/gu, '') === '')
      return { status: 'unmatched', reason: 'empty', candidates: [] };

    const rawDistrictHits = this.#districts.find(s);
    // A bare stem that is also a 区县's short name (沙坪坝, 万州) means the 区县, unless another
    // 区县 named in the text is the township's own (涪陵|江北: 涪陵区江北街道).
    const townshipHits = this.#townships.find(s).filter((h) => {
      if (h.full) return true;
      const same = rawDistrictHits.filter((d) => d.start === h.start && d.end === h.end);
      if (same.length === 0) return true;
      const own = this.#districtOfTownship(h.unit);
      return rawDistrictHits.some((d) => d.unit === own && !same.includes(d));
    });
    const communityHits = this.#communities.find(s);
    // A 区县 name inside a matched township or community name is part of that name.
    const inside = (h: Hit): boolean =>
      [...townshipHits, ...communityHits].some(
        (o) => o.full && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start,
      );
    const districtHits = rawDistrictHits.filter(
      (h) =>
        !inside(h) && !townshipHits.some((t) => !t.full && t.start === h.start && t.end === h.end),
    );
    let districts = distinct(districtHits.map((h) => h.unit));

    let townships = distinct(best(townshipHits).map((h) => h.unit));
    if (districts.length > 0) {
      const inDistrict = townships.filter((t) => districts.includes(this.#districtOfTownship(t)));
      // Keep only townships of a named 区县; with none left, the 区县 wins over a stray name.
      townships = inDistrict;
    }
    if (townships.length > 1) {
      // Several different townships named: the one written last is the most specific.
      const latest = Math.max(
        ...townshipHits.filter((h) => townships.includes(h.unit)).map((h) => h.start),
      );
      const atLatest = distinct(
        townshipHits
          .filter((h) => townships.includes(h.unit) && h.start === latest)
          .map((h) => h.unit),
      );
      if (atLatest.length === 1 || districts.length > 0) townships = atLatest;
    }

    // Communities: inside the matched township, else the named 区县, else anywhere.
    let communities = distinct(communityHits.map((h) => h.unit));
    if (townships.length > 0) {
      communities = communities.filter((c) => townships.includes(this.#communityTownship[c] ?? -1));
    } else if (districts.length > 0) {
      communities = communities.filter((c) =>
        districts.includes(this.#districtOfTownship(this.#communityTownship[c] ?? -1)),
      );
    }
    if (communities.length > 1) {
      // The longest name wins (龙溪社区 over 溪社区); a tie between places stays ambiguous.
      const lengthOf = (c: number): number =>
        Math.max(...communityHits.filter((h) => h.unit === c).map((h) => h.end - h.start));
      const longest = Math.max(...communities.map(lengthOf));
      communities = communities.filter((c) => lengthOf(c) === longest);
    }
    if (communities.length === 1) {
      const c = communities[0] ?? -1;
      return this.#placeCommunity(c);
    }
    if (communities.length > 1) {
      // The same name in several townships: the township decides if they share one.
      const owners = distinct(communities.map((c) => this.#communityTownship[c] ?? -1));
      if (townships.length === 0 && owners.length === 1) townships = owners;
      if (townships.length === 0 && owners.length > 1) {
        const ownerDistricts = distinct(owners.map((t) => this.#districtOfTownship(t)));
        if (districts.length === 0 && ownerDistricts.length === 1) districts = ownerDistricts;
        if (districts.length === 0) {
          return {
            status: 'unmatched',
            reason: 'ambiguous',
            candidates: communities.slice(0, 10).map((c) => this.#communityLabel(c)),
          };
        }
      }
    }
    if (townships.length === 1) return this.#placeTownship(townships[0] ?? -1, 'township');
    if (townships.length > 1) {
      return {
        status: 'unmatched',
        reason: 'ambiguous',
        candidates: townships.slice(0, 10).map((t) => this.#townshipLabel(t)),
      };
    }
    if (districts.length > 1) {
      const latest = Math.max(...districtHits.map((h) => h.start));
      districts = distinct(districtHits.filter((h) => h.start === latest).map((h) => h.unit));
    }
    if (districts.length === 1) return this.#placeDistrict(districts[0] ?? -1, 'district');
    if (districts.length > 1) {
      return {
        status: 'unmatched',
        reason: 'ambiguous',
        candidates: districts.map((d) => this.#g.districts[d]?.name ?? ''),
      };
    }
    return { status: 'unmatched', reason: 'not-found', candidates: [] };
  }

  #placeDistrict(d: number, matched: PlacementLevel, names: string[] = []): PlacedAddress {
    const district = this.#g.districts[d];
    if (district === undefined) throw new RangeError(`No 区县 ${String(d)} in the gazetteer.`);
    return {
      status: 'placed',
      level: 'district',
      matched,
      lon: district.lon,
      lat: district.lat,
      uncertainty_m: district.uncertainty_m,
      district_adcode: district.adcode,
      names: [district.name, ...names].join(' '),
    };
  }

  #placeTownship(t: number, matched: PlacementLevel, names: string[] = []): PlacedAddress {
    const row = this.#g.townships[t];
    if (row === undefined) throw new RangeError(`No township ${String(t)} in the gazetteer.`);
    const [, name, d, lon, lat, uncertainty] = row;
    if (lon === null || lat === null) return this.#placeDistrict(d, matched, [name, ...names]);
    const district = this.#g.districts[d];
    return {
      status: 'placed',
      level: 'township',
      matched,
      lon,
      lat,
      uncertainty_m: uncertainty,
      district_adcode: district?.adcode ?? 0,
      names: [district?.name ?? '', name, ...names].join(' '),
    };
  }

  #placeCommunity(c: number): PlacedAddress {
    const row = this.#g.communities[c];
    if (row === undefined) throw new RangeError(`No community ${String(c)} in the gazetteer.`);
    const [name, t, lon, lat, uncertainty] = row;
    if (lon === null || lat === null || uncertainty === null) {
      return this.#placeTownship(t, 'community', [name]);
    }
    const township = this.#g.townships[t];
    const district = township === undefined ? undefined : this.#g.districts[township[2]];
    return {
      status: 'placed',
      level: 'community',
      matched: 'community',
      lon,
      lat,
      uncertainty_m: uncertainty,
      district_adcode: district?.adcode ?? 0,
      names: [district?.name ?? '', township?.[1] ?? '', name].join(' '),
    };
  }
}
