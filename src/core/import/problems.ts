/**
 * Building import problems: one constructor that keeps the two languages together, and a collector
 * that lists the first few hundred problems of each kind one by one and then sums up the rest, so a
 * 200 000-row file with the same mistake on every row does not produce 200 000 entries (nothing is
 * dropped silently: the summary says how many more there were).
 */
import type { ImportProblem, ImportProblemCode } from './import-types';

export function problem(
  code: ImportProblemCode,
  severity: ImportProblem['severity'],
  where: string,
  message: string,
  message_zh: string,
): ImportProblem {
  return { code, severity, where, message, message_zh };
}

/** How many problems of one code and severity are listed individually before they are summed up. */
export const MAX_LISTED_PER_CODE = 500;

export class ProblemList {
  readonly #items: ImportProblem[] = [];
  readonly #counts = new Map<string, number>();
  readonly #maxPerCode: number;

  constructor(maxPerCode: number = MAX_LISTED_PER_CODE) {
    this.#maxPerCode = maxPerCode;
  }

  add(item: ImportProblem): void {
    const key = `${item.code}\u0000${item.severity}`;
    const count = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, count);
    if (count <= this.#maxPerCode) this.#items.push(item);
  }

  addAll(items: readonly ImportProblem[]): void {
    for (const item of items) this.add(item);
  }

  /** True when an error with this code was reported. */
  hasError(code?: ImportProblemCode): boolean {
    for (const key of this.#counts.keys()) {
      const [c, severity] = key.split('\u0000');
      if (severity === 'error' && (code === undefined || c === code)) return true;
    }
    return false;
  }

  /** The listed problems followed by one summary per code that went over the limit. */
  toArray(fileName: string): ImportProblem[] {
    const out = [...this.#items];
    for (const [key, count] of this.#counts) {
      if (count <= this.#maxPerCode) continue;
      const [code, severity] = key.split('\u0000') as [
        ImportProblemCode,
        ImportProblem['severity'],
      ];
      const more = count - this.#maxPerCode;
      out.push(
        problem(
          code,
          severity,
          fileName,
          `Expected at most ${this.#maxPerCode} problems of kind "${code}" to be listed one by one, found ${count}: ${more} more rows or features have the same problem and are not listed individually.`,
          `同类问题（${code}）只逐条列出前 ${this.#maxPerCode} 条，共发现 ${count} 条：另有 ${more} 行或要素存在相同问题，未逐条列出。`,
        ),
      );
    }
    return out;
  }
}

/** A number with thousands separators for messages, e.g. 12,345. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
