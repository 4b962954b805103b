import { typedOutletsWorkbook } from '../fixtures/typed-outlets.ts';
import { cliInProcess, type CliRun } from './in-process.ts';

/** The generated workbook of 40 typed outlets, as `outlets.xlsx` for the CLI runs below. */
export const TYPED_WORKBOOK = typedOutletsWorkbook(40);

/** The outlet list with its type column, under the 一刻钟 preset, with a two-type basket. */
export const TYPED_FIFTEEN_MINUTE_ARGS = [
  '--nodes',
  'outlets.xlsx',
  '--type-column',
  '业态',
  '--preset',
  '一刻钟',
  '--types',
  '菜市场,生鲜超市（菜店）',
] as const;

/** Runs `cq-atlas` in-process with `outlets.xlsx` standing for {@link TYPED_WORKBOOK}. */
export function cliOnTypedOutlets(...argv: string[]): Promise<CliRun> {
  return cliInProcess(argv, { 'outlets.xlsx': TYPED_WORKBOOK });
}
