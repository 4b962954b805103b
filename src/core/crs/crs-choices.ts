/**
 * Every coordinate system the atlas reads, with the labels the import dialog shows and the
 * Gauss-Krüger parameters behind each EPSG code.
 */
import type { CrsId } from './crs-types';

export type CrsKind = 'geographic' | 'projected' | 'chinese-offset';

export interface CrsChoice {
  readonly id: CrsId;
  readonly label_zh: string;
  readonly label_en: string;
  /**
   * Whether the file can say it (`.prj`, GeoJSON `crs`, EPSG code). GCJ-02 and BD-09 have no
   * code and look like ordinary degrees, so the user must choose them.
   */
  readonly detectable: boolean;
  readonly kind: CrsKind;
}

/** A CGCS2000 Gauss-Krüger projection: transverse Mercator on GRS80, scale 1, origin latitude 0. */
export interface GaussKrugerZone {
  readonly id: CrsId;
  /** 3° or 6° zones. */
  readonly width: 3 | 6;
  readonly zone: number;
  readonly centralMeridian: number;
  /** Whether x carries the zone number in front (x = zone × 1 000 000 + 500 000 + easting). */
  readonly prefixed: boolean;
  readonly falseEasting: number;
}

function zone(
  id: CrsId,
  width: 3 | 6,
  zoneNumber: number,
  centralMeridian: number,
  prefixed: boolean,
): GaussKrugerZone {
  return {
    id,
    width,
    zone: zoneNumber,
    centralMeridian,
    prefixed,
    falseEasting: prefixed ? zoneNumber * 1_000_000 + 500_000 : 500_000,
  };
}

/** The CGCS2000 Gauss-Krüger zones covering Chongqing (lon 105.3°–110.2°E). */
export const GAUSS_KRUGER_ZONES: readonly GaussKrugerZone[] = [
  zone('EPSG:4523', 3, 35, 105, true),
  zone('EPSG:4524', 3, 36, 108, true),
  zone('EPSG:4525', 3, 37, 111, true),
  zone('EPSG:4544', 3, 35, 105, false),
  zone('EPSG:4545', 3, 36, 108, false),
  zone('EPSG:4546', 3, 37, 111, false),
  zone('EPSG:4496', 6, 18, 105, true),
  zone('EPSG:4497', 6, 19, 111, true),
  zone('EPSG:4507', 6, 18, 105, false),
  zone('EPSG:4508', 6, 19, 111, false),
];

export function gaussKrugerZone(crs: CrsId): GaussKrugerZone | undefined {
  return GAUSS_KRUGER_ZONES.find((candidate) => candidate.id === crs);
}

function gkLabels(gk: GaussKrugerZone): Pick<CrsChoice, 'label_zh' | 'label_en'> {
  const prefixZh = gk.prefixed ? '（带号）' : '（无带号）';
  const prefixEn = gk.prefixed ? 'with zone prefix' : 'no zone prefix';
  const degreeZh = gk.width === 3 ? '3°' : '6°';
  return {
    label_zh: `CGCS2000 ${degreeZh} 高斯-克吕格 ${String(gk.zone)} 带 中央经线 ${String(gk.centralMeridian)}°E${prefixZh} ${gk.id}`,
    label_en: `CGCS2000 ${degreeZh} Gauss-Krüger zone ${String(gk.zone)}, CM ${String(gk.centralMeridian)}°E, ${prefixEn} (${gk.id})`,
  };
}

function gkChoice(gk: GaussKrugerZone): CrsChoice {
  return { id: gk.id, ...gkLabels(gk), detectable: true, kind: 'projected' };
}

/** All 16 coordinate systems, in the order the import dialog lists them. */
export const CRS_CHOICES: readonly CrsChoice[] = [
  {
    id: 'EPSG:4326',
    label_zh: 'WGS 84 经纬度 EPSG:4326',
    label_en: 'WGS 84 longitude/latitude (EPSG:4326)',
    detectable: true,
    kind: 'geographic',
  },
  {
    id: 'EPSG:4490',
    label_zh: 'CGCS2000 经纬度 EPSG:4490',
    label_en: 'CGCS2000 longitude/latitude (EPSG:4490)',
    detectable: true,
    kind: 'geographic',
  },
  {
    id: 'GCJ-02',
    label_zh: 'GCJ-02 火星坐标（高德、腾讯地图）',
    label_en: 'GCJ-02 (AutoNavi/Amap, Tencent maps)',
    detectable: false,
    kind: 'chinese-offset',
  },
  {
    id: 'BD-09',
    label_zh: 'BD-09 百度坐标（百度地图）',
    label_en: 'BD-09 (Baidu maps)',
    detectable: false,
    kind: 'chinese-offset',
  },
  {
    id: 'EPSG:3857',
    label_zh: 'Web 墨卡托（米）EPSG:3857',
    label_en: 'Web Mercator, metres (EPSG:3857)',
    detectable: true,
    kind: 'projected',
  },
  ...GAUSS_KRUGER_ZONES.map(gkChoice),
];

export const ALL_CRS_IDS: readonly CrsId[] = CRS_CHOICES.map((choice) => choice.id);

export function crsChoice(crs: CrsId): CrsChoice {
  const found = CRS_CHOICES.find((choice) => choice.id === crs);
  if (found === undefined) throw new Error(`Unknown coordinate system ${crs}`);
  return found;
}

/** Longitude/latitude in degrees: WGS 84, CGCS2000, GCJ-02 and BD-09. */
export function isDegreesCrs(crs: CrsId): boolean {
  return crsChoice(crs).kind !== 'projected';
}

/**
 * The CRS for an EPSG code, or null when the atlas does not read it. Common aliases of Web
 * Mercator (900913, 3785, 102100, 102113) are accepted.
 */
export function crsFromEpsg(code: number): CrsId | null {
  if (!Number.isInteger(code)) return null;
  switch (code) {
    case 4326:
      return 'EPSG:4326';
    case 4490:
      return 'EPSG:4490';
    case 3857:
    case 900913:
    case 3785:
    case 102100:
    case 102113:
      return 'EPSG:3857';
    default: {
      const id = `EPSG:${String(code)}`;
      return GAUSS_KRUGER_ZONES.find((gk) => gk.id === id)?.id ?? null;
    }
  }
}
