/**
 * How a district's urban core was derived, in words for the position notes.
 *
 * Several layers put features at urban cores; they must all describe the derivation the same way
 * and say when the core is a county-seat point rather than derived from township points.
 */
import type { UrbanCore } from './urban-cores.ts';

/** Short Chinese / English phrases, e.g. 城区街道驻地点位均值 / mean of its central subdistrict seats. */
export function describeUrbanCore(core: UrbanCore): { readonly zh: string; readonly en: string } {
  switch (core.method) {
    case 'subdistrict-cluster':
    case 'anchor-override':
      return { zh: '由城区街道驻地点位均值推算', en: 'the mean of its central subdistrict seats' };
    case 'geonames-seat':
      return {
        zh: '城区街道无点位，取 GeoNames 县城点位',
        en: 'the GeoNames point of its county seat, as its central subdistricts have no point',
      };
    case 'all-townships':
      return { zh: '由全部乡镇驻地点位均值推算', en: 'the mean of all its township seats' };
  }
}
