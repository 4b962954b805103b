// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseArguments } from '../../src/cli/parse-arguments.ts';
import { cliInProcess } from './in-process.ts';
import type { CoverageReport } from '../../src/core/report/coverage-report.ts';
import { workbook } from '../core/import/workbook';

/** Two usable sheets: the first has one outlet, 区县 名单 (header on row 2) has two. */
const BOOK = workbook([
  {
    name: '一个',
    rows: [
      ['名称', '经度', '纬度'],
      ['示例一', '106.5775', '29.5594'],
    ],
  },
  {
    name: '区县名单',
    rows: [
      ['区县名单（示例）'],
      ['名称', '经度', '纬度'],
      ['示例二', '106.5775', '29.5594'],
      ['示例三', '108.4089', '30.8078'],
    ],
  },
]);

async function nodesIn(...extra: string[]) {
  const { code, err, written } = await cliInProcess(
    ['coverage', '--nodes', 'book.xlsx', '--json', 'r.json', '--draws', '1', ...extra],
    { 'book.xlsx': BOOK },
    { disk: false },
  );
  const report = JSON.parse(written.get('r.json') ?? '{"nodes":[]}') as CoverageReport;
  return { code, err, names: report.nodes.map((node) => node.name) };
}

describe('cq-atlas --sheet and --header-row', () => {
  it('reads the first usable sheet by default, and the sheet and header row named', async () => {
    expect((await nodesIn()).names).toEqual(['示例一']);
    expect((await nodesIn('--sheet', '区县名单', '--header-row', '2')).names).toEqual([
      '示例二',
      '示例三',
    ]);
  });

  it('refuses a sheet the workbook does not have, naming it, and bad flag values', async () => {
    const missing = await nodesIn('--sheet', '没有这个表');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('没有这个表');
    expect(() => parseArguments(['coverage', '--nodes', 'a.xlsx', '--header-row', '0'])).toThrow(
      /--header-row needs a whole number from 1/,
    );
    expect(() => parseArguments(['coverage', '--sheet', 'x'])).toThrow(/give --nodes or --demand/);
  });
});
