import type { ImportProblem } from '../../../src/core/import/import-types';

/** Freezes an object graph so any attempt to mutate the input throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function codes(problems: readonly ImportProblem[]): string[] {
  return problems.map((p) => p.code);
}

export function only(
  problems: readonly ImportProblem[],
  code: ImportProblem['code'],
): ImportProblem {
  const found = problems.filter((p) => p.code === code);
  if (found.length !== 1) {
    throw new Error(
      `Expected exactly one ${code}, found ${found.length}: ${JSON.stringify(problems)}`,
    );
  }
  return found[0] as ImportProblem;
}

/** Every problem has both languages as full sentences and a place. */
export function expectWellFormed(problems: readonly ImportProblem[]): void {
  for (const p of problems) {
    if (!/^Expected /.test(p.message) && !/Expected /.test(p.message)) {
      throw new Error(`Message does not say what was expected: ${p.message}`);
    }
    if (p.message_zh.length < 5 || !/[\u4e00-\u9fff]/.test(p.message_zh)) {
      throw new Error(`Chinese message missing: ${JSON.stringify(p)}`);
    }
    if (p.where === '') throw new Error(`No where: ${JSON.stringify(p)}`);
  }
}
