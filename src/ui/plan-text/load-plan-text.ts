import { fetchDataFile } from '../../core/data-load-error';
import { parsePlanText, type PlanTextDocument } from '../../core/plan-text/plan-text';
// Read as text so the source list stays out of the start-up chunk, which imports only the
// attribution lines of the same file.
import sourcesText from '../../../geodata/sources.json?raw';
import planTextUrl from '../../../geodata/raw/seed/chongqing-commerce-14th-fyp-2021-2025.txt?url';

/** Where the shipped plan text sits in geodata/, as sources.json lists it. */
export const PLAN_TEXT_PATH = 'raw/seed/chongqing-commerce-14th-fyp-2021-2025.txt';

/** The source entry of the plan text in `geodata/sources.json`: attribution, licence, date. */
export interface PlanTextSource {
  readonly attribution: string;
  readonly licence: string;
  readonly date: string;
}

/** The sources.json entry whose raw files include the plan text; null if it is not listed. */
export function planTextSource(sources: unknown = JSON.parse(sourcesText)): PlanTextSource | null {
  const list: unknown = (sources as { sources?: unknown }).sources;
  if (!Array.isArray(list)) return null;
  for (const entry of list as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    const raw = record['raw_files'];
    if (!Array.isArray(raw) || !raw.includes(PLAN_TEXT_PATH)) continue;
    const text = (key: string) => (typeof record[key] === 'string' ? record[key] : '');
    return { attribution: text('attribution'), licence: text('licence'), date: text('date') };
  }
  return null;
}

let loading: Promise<PlanTextDocument> | null = null;

/** Fetches and parses the plan text once, when the panel first opens (about 90 KB). */
export function loadPlanText(): Promise<PlanTextDocument> {
  loading ??= (async () => {
    try {
      const response = await fetchDataFile(`geodata/${PLAN_TEXT_PATH}`, planTextUrl);
      return parsePlanText(await response.text());
    } catch (error) {
      loading = null;
      throw error;
    }
  })();
  return loading;
}
