import sourcesJson from '../../../geodata/sources.json';

/** Attribution lines of the embedded data, as `geodata/sources.json` lists them. */
export function dataAttribution(): string[] {
  const lines: unknown = (sourcesJson as { attribution?: unknown }).attribution;
  return Array.isArray(lines)
    ? lines.filter((line): line is string => typeof line === 'string')
    : [];
}
