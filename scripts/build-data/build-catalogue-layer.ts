/**
 * One builder for every layer whose features are described by {@link FeatureSpec}s.
 *
 * A layer is a set of catalogue categories plus a spec per catalogue row it maps. Rows of those
 * categories without a spec are not drawn; the coverage check then requires them to be listed in
 * `not-mappable.json`, so leaving one out is always a visible decision. The builder resolves
 * points first (spreading apart points of the layer that would sit on top of each other), then the
 * lines and polygons, some of which are drawn from the points (circles) or lines (bands) before.
 */
import {
  booleanPointInPolygon,
  buffer,
  destination,
  featureCollection,
  intersect,
  lineSplit,
  lineString,
  along,
  length,
  point,
  rewind,
  union,
} from '@turf/turf';
import type { Feature, Geometry, Position } from 'geojson';
import type { DistrictAdcode, PlanFeature } from '../../src/core/plan/plan-feature.ts';
import { quoteFor, type BuildContext } from './build-context.ts';
import { locatePoint } from './locate-point.ts';
import { fitRadius } from './position-anchors.ts';
import { yiheZone, yihuanCurve } from './market-zone-shapes.ts';
import { makePlanFeature, type ExtraProperties } from './make-plan-feature.ts';
import {
  featureDistrict,
  metresBetween,
  resolvePoint,
  specDistricts,
  type FeatureSpec,
  type PointPlacement,
  type PointSpec,
  type SpecOptions,
} from './place-spec.ts';
import type { AreaGeometry, CatalogueRow } from './raw-inputs.ts';
import { riverbankLine } from './riverbank-line.ts';
import { meanPosition } from './township-position.ts';

/** A layer built from specs. */
export interface LayerPlan {
  readonly layer: string;
  /** Catalogue categories the layer draws; rows without a spec must be in not-mappable.json. */
  readonly categories: readonly string[];
  /** Single rows of other categories that belong to the layer's theme. */
  readonly rows?: readonly string[];
  /** Catalogue id → how the row is drawn. */
  readonly specs: Readonly<Record<string, FeatureSpec>>;
}

/** Points of one layer closer than this are spread apart so that no marker hides another. */
const COINCIDENT_M = 250;
/** Radius of the circle coincident points are spread on. */
const SPREAD_M = 400;
/** Smallest radius of a circle drawn around a member point. */
const MIN_CIRCLE_M = 1000;

const POINT_KINDS: ReadonlySet<string> = new Set([
  'township',
  'approx',
  'geonames',
  'memory',
  'urban-core',
]);

function isPointSpec(spec: FeatureSpec): spec is PointSpec {
  return POINT_KINDS.has(spec.kind);
}

interface PendingPoint {
  readonly row: CatalogueRow;
  readonly spec: PointSpec;
  readonly placement: PointPlacement;
}

function quoteOf(ctx: BuildContext, row: CatalogueRow, spec: SpecOptions): string {
  if (spec.quote === undefined) return quoteFor(ctx, row);
  if (typeof spec.quote === 'string') return quoteFor(ctx, row, spec.quote);
  return ctx.plan.quote(spec.quote);
}

function names(spec: SpecOptions): { nameZh?: string; nameEn?: string } {
  return {
    ...(spec.nameZh === undefined ? {} : { nameZh: spec.nameZh }),
    ...(spec.nameEn === undefined ? {} : { nameEn: spec.nameEn }),
  };
}

/** Single-link clusters of points closer than {@link COINCIDENT_M}, each spread on a circle. */
function spreadCoincident(points: readonly PendingPoint[]): PendingPoint[] {
  const cluster = points.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (cluster[r] !== r) r = cluster[r] ?? r;
    return r;
  };
  points.forEach((p, i) => {
    for (let j = 0; j < i; j += 1) {
      const q = points[j];
      if (q && metresBetween(p.placement.position, q.placement.position) < COINCIDENT_M) {
        cluster[find(i)] = find(j);
      }
    }
  });
  const groups = new Map<number, number[]>();
  points.forEach((_, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  const out = [...points];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const sorted = [...members].sort((a, b) =>
      (points[a]?.row.id ?? '') < (points[b]?.row.id ?? '') ? -1 : 1,
    );
    const centre = meanPosition(sorted.map((i) => points[i]?.placement.position ?? [0, 0]));
    sorted.forEach((i, k) => {
      const p = points[i];
      if (!p) return;
      const bearing = (360 * k) / sorted.length;
      const moved = destination(centre, SPREAD_M / 1000, bearing, { units: 'kilometers' });
      const radius = Math.ceil((p.placement.uncertaintyM + SPREAD_M) / 100) * 100;
      out[i] = {
        ...p,
        placement: {
          ...p.placement,
          position: moved.geometry.coordinates,
          uncertaintyM: radius,
          noteZh: `${p.placement.noteZh}为免与本图层其他要素重叠，已偏移约${SPREAD_M}米，误差相应放宽至约${radius / 1000}公里。`,
          noteEn: `${p.placement.noteEn} Offset about ${SPREAD_M} m so that it does not hide another feature of this layer; the radius is widened to about ${radius / 1000} km.`,
        },
      };
    });
  }
  return out;
}

const STREET_AS_POINT = {
  street_course_zh: '规划所列为街道或带状空间；本项目的开放数据中没有其走向，故以点表示。',
  street_course_en:
    "The plan names a street or belt; its course is not in the project's open data, so it is drawn as a point.",
} as const;

function area(f: Feature<AreaGeometry> | null, what: string): AreaGeometry {
  if (!f) throw new Error(`${what} produced no area`);
  return (rewind(f, { reverse: false }) as Feature<AreaGeometry>).geometry;
}

/** Builds every feature the plan's specs describe, in catalogue order. */
export function buildCatalogueLayer(ctx: BuildContext, plan: LayerPlan): PlanFeature[] {
  const rows = [
    ...plan.categories.flatMap((c) => ctx.catalogue.rowsOfCategory(c)),
    ...(plan.rows ?? []).map((id) => ctx.catalogue.row(id)),
  ];
  const rowIds = new Set(rows.map((r) => r.id));
  for (const id of Object.keys(plan.specs)) {
    if (!rowIds.has(id))
      throw new Error(`${plan.layer}: spec for ${id}, which is not one of its rows`);
  }
  const specOf = (row: CatalogueRow): FeatureSpec | undefined =>
    Object.hasOwn(plan.specs, row.id) ? plan.specs[row.id] : undefined;

  const pending: PendingPoint[] = [];
  for (const row of rows) {
    const spec = specOf(row);
    if (spec && isPointSpec(spec))
      pending.push({ row, spec, placement: resolvePoint(ctx, row, spec) });
  }
  const byId = new Map<string, PlanFeature>();
  for (const { row, spec, placement } of spreadCoincident(pending)) {
    const inside = ctx.districts.containing(placement.position)?.adcode ?? null;
    const districtAdcode = featureDistrict(ctx, row, spec, inside);
    const located = locatePoint(ctx, placement.position, districtAdcode);
    // Moving a point inside its district can take it away from its anchors: refit the radius.
    const fit = fitRadius(located.geometry.coordinates, placement.uncertaintyM, placement.anchors);
    const extra: Record<string, ExtraProperties[string]> = {};
    if (spec.events !== undefined) {
      const events = spec.events.map((id) => ctx.catalogue.row(id));
      extra['event_ids'] = events.map((e) => e.id);
      extra['events_zh'] = events.map((e) => e.name_zh);
      extra['events_en'] = events.map((e) => e.name_en);
    }
    if (row.geometry_hint === 'line') Object.assign(extra, STREET_AS_POINT);
    const eventsNote =
      spec.events === undefined
        ? { zh: '', en: '' }
        : {
            zh: '所列展会在此举办系公开常识，规划本身未写明展会场馆。',
            en: ' The events listed are held here by common knowledge; the plan itself names no venue for them.',
          };
    byId.set(
      row.id,
      makePlanFeature({
        id: row.id,
        layer: plan.layer,
        row,
        ...names(spec),
        geometry: located.geometry,
        districtAdcode,
        certainty: placement.certainty,
        uncertaintyM: fit.uncertaintyM,
        anchors: placement.anchors,
        noteZh: placement.noteZh + located.noteZh + fit.noteZh + eventsNote.zh,
        noteEn: placement.noteEn + located.noteEn + fit.noteEn + eventsNote.en,
        quote: quoteOf(ctx, row, spec),
        extra,
      }),
    );
  }

  const later: [CatalogueRow, Exclude<FeatureSpec, PointSpec>][] = [];
  for (const row of rows) {
    const spec = specOf(row);
    if (!spec || isPointSpec(spec)) continue;
    if (spec.kind === 'circles' || spec.kind === 'lines-of') {
      later.push([row, spec]);
      continue;
    }
    byId.set(row.id, shapeFeature(ctx, plan.layer, row, spec, byId));
  }
  for (const [row, spec] of later) byId.set(row.id, shapeFeature(ctx, plan.layer, row, spec, byId));
  return rows.flatMap((r) => {
    const f = byId.get(r.id);
    return f ? [f] : [];
  });
}

/**
 * The parts of a line that lie in Chongqing: the line is split where it crosses the outline and the
 * pieces whose middle is inside are kept.
 */
function insideChongqing(ctx: BuildContext, coords: readonly Position[]): Position[][] {
  const outline = ctx.inputs.outline.features[0];
  if (!outline) throw new Error('outline has no feature');
  const line = lineString([...coords]);
  const pieces = lineSplit(line, outline).features;
  const candidates = pieces.length === 0 ? [line] : pieces;
  return candidates
    .filter((piece) => {
      const middle = along(piece, length(piece) / 2);
      return booleanPointInPolygon(middle, outline);
    })
    .map((piece) => piece.geometry.coordinates);
}

function member(byId: ReadonlyMap<string, PlanFeature>, id: string, owner: string): PlanFeature {
  const f = byId.get(id);
  if (!f) throw new Error(`${owner}: member ${id} is not drawn in the same layer`);
  return f;
}

function shapeFeature(
  ctx: BuildContext,
  layer: string,
  row: CatalogueRow,
  spec: Exclude<FeatureSpec, PointSpec>,
  byId: ReadonlyMap<string, PlanFeature>,
): PlanFeature {
  let geometry: Geometry;
  let certainty: 'sourced' | 'schematic';
  let noteZh: string;
  let noteEn: string;
  let districtAdcode: DistrictAdcode | null = featureDistrict(ctx, row, spec);
  const extra: Record<string, string> = {};
  switch (spec.kind) {
    case 'districts': {
      const ds = specDistricts(row, spec).map((n) => ctx.districts.byPlanName(n));
      const only = ds.length === 1 ? ds[0] : undefined;
      geometry = only
        ? only.feature.geometry
        : area(union(featureCollection(ds.map((d) => d.feature))), `${row.id} union`);
      certainty = spec.certainty;
      const wansheng = row.district_zh.includes('万盛经开区')
        ? { zh: '（万盛经开区在綦江区内）', en: ' (Wansheng lies within Qijiang)' }
        : { zh: '', en: '' };
      noteZh = only
        ? `取${only.planName}的 CTAmap 2021 边界${wansheng.zh}；规划未给出更具体的范围。`
        : `由${ds.map((d) => d.planName).join('、')}的 CTAmap 2021 区县边界合并而成${wansheng.zh}。`;
      noteEn = only
        ? `The CTAmap 2021 boundary of ${only.nameEn}${wansheng.en}; the plan gives no narrower extent.`
        : `Union of the CTAmap 2021 boundaries of ${ds.map((d) => d.nameEn).join(', ')}${wansheng.en}.`;
      if (spec.note) {
        noteZh += spec.note.zh;
        noteEn += ` ${spec.note.en}`;
      }
      if (certainty === 'schematic') {
        noteZh = `示意：${noteZh}`;
        noteEn = `Schematic: ${noteEn}`;
      }
      districtAdcode = only && spec.district !== null ? only.adcode : null;
      break;
    }
    case 'region': {
      const region = ctx.inputs.regions.find((r) => r.properties.name === spec.region);
      if (!region) throw new Error(`${row.id}: no region ${spec.region}`);
      geometry = region.geometry;
      certainty = spec.certainty;
      noteZh = `取${spec.region}（${region.properties.adcodes.length}个区县 CTAmap 2021 边界的合并）。`;
      const regionRow = [
        ...ctx.catalogue.rowsOfCategory('region'),
        ...ctx.catalogue.rowsOfCategory('subregion'),
      ].find((r) => r.name_zh === spec.region);
      if (!regionRow)
        throw new Error(`${row.id}: no catalogue row names the region ${spec.region}`);
      noteEn = `The ${regionRow.name_en} (${region.properties.adcodes.length} districts and counties; union of their CTAmap 2021 boundaries).`;
      if (spec.note) {
        noteZh += spec.note.zh;
        noteEn += ` ${spec.note.en}`;
      }
      if (certainty === 'schematic') {
        noteZh = `示意：${noteZh}`;
        noteEn = `Schematic: ${noteEn}`;
      }
      districtAdcode = null;
      break;
    }
    case 'circles': {
      const circles = spec.members.map((id) => {
        const f = member(byId, id, row.id);
        if (f.geometry.type !== 'Point') throw new Error(`${row.id}: member ${id} is not a point`);
        const r = Math.max(f.properties.uncertainty_m ?? 0, MIN_CIRCLE_M);
        const circle = buffer(point(f.geometry.coordinates), r / 1000, {
          units: 'kilometers',
          steps: 16,
        });
        if (!circle) throw new Error(`${row.id}: no circle around ${id}`);
        return circle;
      });
      const first = circles[0];
      geometry =
        circles.length === 1 && first
          ? first.geometry
          : area(union(featureCollection(circles)), `${row.id} circles`);
      certainty = 'schematic';
      const memberNames = spec.members.map((id) => ctx.catalogue.row(id));
      noteZh = `示意：以${memberNames.map((m) => m.name_zh).join('、')}的估计点为圆心、其误差（至少1公里）为半径的圆的合并；规划未给出范围。`;
      noteEn = `Schematic: the union of circles round the estimated points of ${memberNames.map((m) => m.name_en).join(', ')}, each as wide as its uncertainty (at least 1 km); the plan gives no extent.`;
      districtAdcode = null;
      break;
    }
    case 'riverbank': {
      const d = ctx.districts.byPlanName(spec.boundaryOf);
      geometry = riverbankLine(d.feature, spec.from, spec.to, spec.offsetM, spec.via);
      certainty = 'schematic';
      noteZh =
        spec.offsetM === 0
          ? `示意：取${d.planName} CTAmap 2021 边界中沿江（江心线）的一段（${spec.what.zh}）；非实际航线。`
          : `示意：取${d.planName} CTAmap 2021 边界中沿江（江心线）的一段（${spec.what.zh}），向区内平移约${spec.offsetM}米作为江岸；非道路实际线位。`;
      noteEn =
        spec.offsetM === 0
          ? `Schematic: the stretch of the CTAmap 2021 boundary of ${d.nameEn} that runs midstream (${spec.what.en}); not the actual route.`
          : `Schematic: the stretch of the CTAmap 2021 boundary of ${d.nameEn} that runs midstream (${spec.what.en}), moved about ${spec.offsetM} m inland as the bank; not the road's alignment.`;
      extra['street_course_zh'] = '示意线：沿江岸绘制，非实际线位。';
      extra['street_course_en'] = 'Schematic line along the river bank, not the actual alignment.';
      break;
    }
    case 'through': {
      const coreDistricts = spec.cores.map((name) => ctx.districts.byPlanName(name));
      const positions = spec.cores.map((name) => {
        const d = ctx.districts.byPlanName(name);
        const core = ctx.urbanCores.get(d.adcode);
        if (!core) throw new Error(`no urban core for ${name}`);
        return locatePoint(ctx, core.position, d.adcode).geometry.coordinates;
      });
      geometry = { type: 'LineString', coordinates: positions };
      certainty = 'schematic';
      noteZh = `示意：依次连接${spec.cores.join('、')}城区中心的折线（${spec.what.zh}）；非实际线位。`;
      noteEn = `Schematic: a polyline through the urban cores of ${coreDistricts.map((d) => d.nameEn).join(', ')} in turn (${spec.what.en}); not the actual alignment.`;
      districtAdcode = null;
      break;
    }
    case 'lines-of': {
      const lines = spec.members.map((id) => {
        const g = member(byId, id, row.id).geometry;
        if (g.type !== 'LineString') throw new Error(`${row.id}: member ${id} is not a line`);
        return g.coordinates;
      });
      geometry = { type: 'MultiLineString', coordinates: lines };
      certainty = 'schematic';
      const memberNames = spec.members.map((id) => ctx.catalogue.row(id).name_zh);
      noteZh = `示意：${memberNames.join('、')}各示意线的合集；非实际线位。`;
      noteEn = `Schematic: the schematic lines of its parts (${spec.members.map((id) => ctx.catalogue.row(id).name_en).join('; ')}) together; not the actual alignment.`;
      extra['street_course_zh'] = '示意线：沿江岸绘制，非实际线位。';
      extra['street_course_en'] = 'Schematic line along the river bank, not the actual alignment.';
      districtAdcode = null;
      break;
    }
    case 'band': {
      const d = ctx.districts.byPlanName(spec.along.boundaryOf);
      const line = riverbankLine(d.feature, spec.along.from, spec.along.to, 0, spec.along.via);
      const band = buffer(
        { type: 'Feature', properties: {}, geometry: line },
        spec.halfWidthM / 1000,
        { units: 'kilometers', steps: 8 },
      );
      if (!band) throw new Error(`${row.id}: empty band`);
      const outline = ctx.inputs.outline.features[0];
      if (!outline) throw new Error('outline has no feature');
      geometry = area(
        intersect(featureCollection([band as Feature<AreaGeometry>, outline])),
        `${row.id} band within Chongqing`,
      );
      certainty = 'schematic';
      noteZh = `示意：${spec.what.zh}两侧各约${spec.halfWidthM}米的带状范围（江心线取${d.planName} CTAmap 2021 边界）；规划未给出边界。`;
      noteEn = `Schematic: a band about ${spec.halfWidthM} m either side of ${spec.what.en} (the midstream line taken from the CTAmap 2021 boundary of ${d.nameEn}); the plan gives no boundary.`;
      districtAdcode = null;
      break;
    }
    case 'river': {
      const river = ctx.inputs.rivers.features.find((f) => f.properties['name_zh'] === spec.river);
      if (!river) throw new Error(`${row.id}: no river ${spec.river}`);
      const g = river.geometry;
      const parts = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
      const inside = parts.flatMap((coords) => insideChongqing(ctx, coords));
      if (inside.length === 0) throw new Error(`${row.id}: ${spec.river} is not in Chongqing`);
      geometry = { type: 'MultiLineString', coordinates: inside };
      certainty = 'sourced';
      const km = Math.round(inside.reduce((s, c) => s + length(lineString(c)), 0));
      noteZh = `取 Natural Earth 1:10m 河流中心线在重庆境内的部分（约${km}公里；与实际河道偏差约0.5–2公里）。`;
      noteEn = `The Natural Earth 1:10m centreline of the river within Chongqing (about ${km} km; 0.5–2 km off the real channel).`;
      districtAdcode = null;
      break;
    }
    case 'expressway-ring': {
      const ring =
        spec.ring === 'raocheng'
          ? (yiheZone(ctx).geometry.coordinates[0] ?? [])
          : yihuanCurve().geometry.coordinates;
      const inside = insideChongqing(ctx, ring);
      geometry =
        inside.length === 1 && inside[0]
          ? { type: 'LineString', coordinates: inside[0] }
          : { type: 'MultiLineString', coordinates: inside };
      certainty = 'schematic';
      [noteZh, noteEn] =
        spec.ring === 'raocheng'
          ? [
              '示意：即“一核”示意范围的边线（平滑椭圆，包含五个“一核”市场集聚区）；非绕城高速实际线位。',
              "Schematic: the outline of the schematic One Core (a smooth ellipse enclosing the five core market clusters); not the Ring Expressway's alignment.",
            ]
          : [
              '示意：经合川、铜梁、永川、江津、綦江、南川、涪陵、长寿等地的闭合平滑曲线（“一环”示意带的中线）；非三环高速实际线位。',
              "Schematic: a closed smooth curve through Hechuan, Tongliang, Yongchuan, Jiangjin, Qijiang, Nanchuan, Fuling and Changshou (the centre line of the schematic One Ring); not the Third Ring Expressway's alignment.",
            ];
      districtAdcode = null;
      break;
    }
  }
  return makePlanFeature({
    id: row.id,
    layer,
    row,
    ...names(spec),
    geometry,
    districtAdcode,
    certainty,
    uncertaintyM: null,
    noteZh,
    noteEn,
    quote: quoteOf(ctx, row, spec),
    extra,
  });
}
