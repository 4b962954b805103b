/** A generated outlet workbook with addresses only (tests and the end-to-end test). */
import type { Gazetteer } from '../../../src/core/import/gazetteer';
import { workbook, type WorkbookCell } from './workbook';

/** A seeded generator (LCG), so the workbook is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Truth = 'community' | 'township' | 'district' | 'none';

/**
 * Outlets with addresses only, written as bureaus write them: 40 % down to the 村/社区, 30 % to the
 * 街道/镇 with a road and number, 10 % with the 区县's short name and the bare 街道 stem in
 * columns, 15 % with the 区县 and a road, 5 % without any place name.
 */
export function addressWorkbook(
  rows: number,
  g: Gazetteer,
  seed = 2021,
): {
  bytes: Uint8Array;
  truth: { level: Truth; adcode: number }[];
} {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const out: WorkbookCell[][] = [
    ['重庆市生鲜网点名单（生成）'],
    [],
    ['网点名称', '区县', '街道', '详细地址'],
  ];
  const truth: { level: Truth; adcode: number }[] = [];
  for (let i = 0; i < rows; i += 1) {
    const u = next();
    const number = `${String(1 + Math.floor(next() * 300))}号`;
    const name = `网点${String(i + 1)}`;
    if (u < 0.4) {
      const [community, t] = pick(g.communities);
      const township = g.townships[t];
      const district = township === undefined ? undefined : g.districts[township[2]];
      out.push([name, district?.name ?? '', township?.[1] ?? '', `${community}${number}`]);
      truth.push({ level: 'community', adcode: district?.adcode ?? 0 });
    } else if (u < 0.7) {
      const township = pick(g.townships);
      const district = g.districts[township[2]];
      out.push([name, null, null, `重庆市${district?.name ?? ''}${township[1]}幸福路${number}`]);
      truth.push({ level: 'township', adcode: district?.adcode ?? 0 });
    } else if (u < 0.8) {
      const township = pick(g.townships);
      const district = g.districts[township[2]];
      const short = district?.aliases.find((a) => a.length >= 2) ?? district?.name ?? '';
      out.push([name, short, township[1].replace(/(街道|镇|乡)$/u, ''), number]);
      truth.push({ level: 'township', adcode: district?.adcode ?? 0 });
    } else if (u < 0.95) {
      const district = pick(g.districts);
      out.push([name, null, null, `${district.name}人民路${number}`]);
      truth.push({ level: 'district', adcode: district.adcode });
    } else {
      out.push([name, null, null, `解放路${number}`]);
      truth.push({ level: 'none', adcode: 0 });
    }
  }
  return { bytes: workbook([{ name: '网点', rows: out, merges: ['A1:D1'] }]), truth };
}
