import { romanize } from './romanize.ts';

/** English label of a township, e.g. 蔡家岗街道 → `Caijiagang subdistrict`. */
export function townshipEn(name: string): string {
  const kinds: readonly [string, string][] = [
    ['街道', 'subdistrict'],
    ['土家族乡', 'township'],
    ['镇', 'town'],
    ['乡', 'township'],
  ];
  const kind = kinds.find(([suffix]) => name.endsWith(suffix));
  return kind ? `${romanize(name.slice(0, -kind[0].length))} ${kind[1]}` : romanize(name);
}
