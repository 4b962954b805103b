/**
 * Estimates the urban core (城区中心) of each 区县.
 *
 * The plan places several things per district without naming a site (29 backbone 商圈, cold-chain
 * tiers 2 and 3, the proposed 长寿 bonded zone). The project puts them at the district's urban core.
 * No open data set gives that point, so it is derived from the township seats (SOURCES.md §9).
 *
 * A plain mean of all 街道 seats lands between towns in districts with several centres (綦江 with
 * 万盛, 大足 with 双桥, 涪陵 with 李渡, 合川 with its outer 街道), 5–12 km from any built-up area. So the
 * rule is the mean of the densest cluster of 街道 seats:
 *
 * 1. Candidates: the district's 街道 seat points. A 街道 without a seat point gets the mean of its
 *    community points (file 11), if it has any (e.g. 璧城街道, 李家沱街道).
 * 2. Anchor: the candidate whose 5 km neighbourhood holds the most urban-coded village units of
 *    2016 (codes 111 + 112, file 12); ties go to more candidates, then the lower township code.
 * 3. Core: the mean of the candidates within 5 km of the anchor.
 * 4. Documented exceptions: 大足区 is anchored on 棠香街道 (the old county seat; the 双桥 cluster,
 *    a separate district until 2011, has more 街道); 梁平区 and 武隆区 have no point for their
 *    central 街道 in either township source, so their cores are the GeoNames points of their
 *    county seats (`Liangping`, `Wulong`; GeoNames has two places of each name, and the one inside
 *    the district is taken).
 *    黔江区 likewise: its old centre, 城西街道, has a point in neither source, so the mean of the
 *    other central 街道 (城东, 舟白) lay 3.2 km from the county seat; GeoNames `Qianjiang` is used.
 * 5. If no 街道 candidate exists, the mean of all the district's township points (never needed now).
 *
 * Every core carries as its anchor the GeoNames point of the county seat, where GeoNames has one
 * place of the district's name inside the district (`Wanzhou`, `Fuling`, …): features placed at a
 * core state a radius that covers it (`position-anchors.ts`).
 */
import { distance } from '@turf/turf';
import type { Position } from 'geojson';
import type { PositionAnchorRecord } from '../../src/core/plan/plan-feature.ts';
import { anchor } from './position-anchors.ts';
import type { DistrictIndex, DistrictRecord } from './district-index.ts';
import type { RawInputs } from './raw-inputs.ts';
import { meanPosition, townshipPosition } from './township-position.ts';

/** How a district's urban core was obtained. */
export type UrbanCoreMethod =
  'subdistrict-cluster' | 'anchor-override' | 'geonames-seat' | 'all-townships';

export interface UrbanCore {
  readonly adcode: number;
  /** Unrounded, possibly outside the polygon; callers place it with `placeInsidePolygon`. */
  readonly position: Position;
  readonly method: UrbanCoreMethod;
  /** Names of the 街道 (or townships) averaged; the GeoNames name for a county seat. */
  readonly members: readonly string[];
  /** The GeoNames county seat, when GeoNames has exactly one place of the district's name in it. */
  readonly anchors: readonly PositionAnchorRecord[];
}

const CLUSTER_RADIUS_KM = 5;

/** Districts whose cluster anchor is fixed by name, with the reason in the module comment. */
const ANCHOR_OVERRIDES: Readonly<Record<number, string>> = { 500111: '棠香街道' };

/**
 * Districts with no point for any central 街道 (梁平区: 梁山/双桂街道; 武隆区: 凤山/芙蓉街道): the
 * GeoNames populated place of the county seat stands in.
 */
const GEONAMES_SEATS: Readonly<Record<number, string>> = {
  500114: 'Qianjiang',
  500155: 'Liangping',
  500156: 'Wulong',
};

interface Candidate {
  readonly code: string;
  readonly name: string;
  readonly position: Position;
  readonly urbanUnits: number;
}

function km(a: Position, b: Position): number {
  return distance(a, b, { units: 'kilometers' });
}

/** Urban core of every district, keyed by adcode, by the rule in the module comment. */
export function computeUrbanCores(
  inputs: RawInputs,
  districts: DistrictIndex,
): ReadonlyMap<number, UrbanCore> {
  const cores = new Map<number, UrbanCore>();
  const seatAnchors = (d: DistrictRecord): PositionAnchorRecord[] => {
    const name = (d.nameEn.split(' ')[0] ?? '').replace(/’/gu, '');
    const seats = inputs.geonames.filter(
      (g) => g.name === name && districts.containing([g.lon, g.lat])?.adcode === d.adcode,
    );
    const seat = seats[0];
    return seats.length === 1 && seat
      ? [
          anchor(
            [seat.lon, seat.lat],
            `${d.planName}县城／城区的 GeoNames 地名点“${name}”`,
            `the GeoNames point “${name}” of the ${d.nameEn} seat`,
          ),
        ]
      : [];
  };
  for (const d of districts.records) {
    const seatName = GEONAMES_SEATS[d.adcode];
    if (seatName !== undefined) {
      const seats = inputs.geonames.filter(
        (g) => g.name === seatName && districts.containing([g.lon, g.lat])?.adcode === d.adcode,
      );
      const seat = seats[0];
      if (seats.length !== 1 || !seat)
        throw new Error(`GeoNames has ${seats.length} places ${seatName} in ${d.planName}`);
      cores.set(d.adcode, {
        adcode: d.adcode,
        position: [seat.lon, seat.lat],
        method: 'geonames-seat',
        members: [seatName],
        anchors: seatAnchors(d),
      });
      continue;
    }
    const townships = inputs.townshipPoints.filter((t) => t.countyAdcode === d.adcode);
    const candidates: Candidate[] = [];
    for (const t of townships.filter((x) => x.kind === '街道')) {
      const placed = townshipPosition(t, inputs);
      if (!placed) continue;
      const units = inputs.townshipUrbanUnits.get(t.code);
      candidates.push({
        code: t.code,
        name: t.name,
        position: placed.position,
        urbanUnits: (units?.n111 ?? 0) + (units?.n112 ?? 0),
      });
    }
    candidates.sort((a, b) => a.code.localeCompare(b.code));
    if (candidates.length === 0) {
      const all = townships.filter((t) => t.lon !== null && t.lat !== null);
      cores.set(d.adcode, {
        adcode: d.adcode,
        position: meanPosition(all.map((t): Position => [t.lon ?? 0, t.lat ?? 0])),
        method: 'all-townships',
        members: all.map((t) => t.name),
        anchors: seatAnchors(d),
      });
      continue;
    }
    const neighbourhood = (c: Candidate): Candidate[] =>
      candidates.filter((o) => km(c.position, o.position) <= CLUSTER_RADIUS_KM);
    const overrideName = ANCHOR_OVERRIDES[d.adcode];
    let anchor: Candidate | undefined;
    if (overrideName) {
      anchor = candidates.find((c) => c.name === overrideName);
      if (!anchor)
        throw new Error(`urban core override: ${overrideName} has no point in ${d.planName}`);
    } else {
      let best = -1;
      let bestCount = -1;
      for (const c of candidates) {
        const near = neighbourhood(c);
        const score = near.reduce((s, o) => s + o.urbanUnits, 0);
        if (score > best || (score === best && near.length > bestCount)) {
          best = score;
          bestCount = near.length;
          anchor = c;
        }
      }
    }
    if (!anchor) throw new Error(`no urban-core anchor for ${d.planName}`);
    const members = neighbourhood(anchor);
    cores.set(d.adcode, {
      adcode: d.adcode,
      position: meanPosition(members.map((m) => m.position)),
      method: overrideName ? 'anchor-override' : 'subdistrict-cluster',
      members: members.map((m) => m.name),
      anchors: seatAnchors(d),
    });
  }
  return cores;
}
