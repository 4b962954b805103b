// A named import: the start-up chunk carries only these lines, not the whole source list.
import { attribution } from '../../../geodata/sources.json';

/** Attribution lines of the embedded data, as `geodata/sources.json` lists them. */
export function dataAttribution(): string[] {
  const lines: unknown = attribution;
  return Array.isArray(lines)
    ? lines.filter((line): line is string => typeof line === 'string')
    : [];
}
