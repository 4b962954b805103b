// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../src/core/report/coverage-report.ts';
import { cliOnTypedOutlets as cli, TYPED_FIFTEEN_MINUTE_ARGS } from './typed-outlets-cli.ts';

describe('cq-atlas coverage by outlet type', () => {
  it('prints per-type and basket tables under the 一刻钟 preset, lists unknown types, and writes them in --json and --csv', async () => {
    const run = await cli(
      'coverage',
      ...TYPED_FIFTEEN_MINUTE_ARGS,
      '--json',
      'r.json',
      '--csv',
      'r.csv',
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain('业态覆盖（一刻钟便民生活圈（城镇 1 公里））');
    expect(run.out).toContain('按直线距离，非路网距离');
    expect(run.out).toMatch(/\n菜市场\s+\d+（其中 \d+ 个位置不确定）\s+1,000 \/ 5,000 m/u);
    expect(run.out).toMatch(/\n完整篮子（菜市场、生鲜超市（菜店））\s+32,054,159\s/u);
    expect(run.out).toContain('缺什么、补什么');
    expect(run.out).toContain('乡镇街道范围为近似');
    expect(run.err).toContain('业态“五金店”未能识别');

    const report = JSON.parse(run.written.get('r.json') ?? '{}') as CoverageReport;
    const types = report.outletTypes;
    expect(types?.preset).toBe('fifteen-minute');
    expect(types?.basket.types).toEqual(['wet-market', 'fresh-grocery']);
    expect(types?.types.every((t) => t.urbanRadius === 1000 && t.ruralRadius === 5000)).toBe(true);
    const market = types?.types.find((t) => t.type === 'wet-market');
    const shop = types?.types.find((t) => t.type === 'fresh-grocery');
    // Address-placed outlets count with their uncertainty: expected below the drawn-position figure's reach.
    expect(market?.uncertainNodes).toBeGreaterThan(0);
    expect(market?.city.possible.covered).toBeGreaterThan(market?.city.sure.covered ?? Infinity);
    // The basket can never exceed either of its types.
    const basket = types?.basket.city.expected.covered ?? Infinity;
    expect(basket).toBeLessThanOrEqual(market?.city.expected.covered ?? 0);
    expect(basket).toBeLessThanOrEqual(shop?.city.expected.covered ?? 0);
    expect(basket).toBeGreaterThan(0);
    expect(types?.missing[0]?.missing.map((m) => m.type).sort()).toEqual([
      'fresh-grocery',
      'wet-market',
    ]);
    expect(types?.unknownTypes).toEqual([{ value: '五金店', count: 1 }]);

    const csv = run.written.get('r.csv') ?? '';
    expect(csv).toContain('\r\n\r\noutlet_type,outlet_type_zh,level,area_id');
    expect(csv).toMatch(/\r\nbasket,菜市场\+生鲜超市（菜店）,city,500000,重庆市,32054159,/u);
    expect(csv).toMatch(/\r\nwet-market,菜市场,township,\d{9},/u);
  });

  it('takes the plan’s 专栏6 by default (fresh food 2 km, others 1 km) and every type of the file as the basket', async () => {
    const run = await cli(
      'coverage',
      '--nodes',
      'outlets.xlsx',
      '--json',
      'r.json',
      '--type-column',
      '业态',
    );
    expect(run.code).toBe(0);
    const types = (JSON.parse(run.written.get('r.json') ?? '{}') as CoverageReport).outletTypes;
    expect(types?.preset).toBe('plan-fresh-food');
    expect(types?.types.find((t) => t.type === 'wet-market')?.urbanRadius).toBe(2000);
    expect(types?.types.find((t) => t.type === 'supermarket')?.urbanRadius).toBe(1000);
    expect(types?.basket.types).toEqual(types?.types.map((t) => t.type));
  });

  it('leaves the report without outlet types when none is asked for', async () => {
    const run = await cli('coverage', '--nodes', 'outlets.xlsx', '--json', 'r.json');
    expect(run.code).toBe(0);
    expect(run.written.get('r.json')).not.toContain('outletTypes');
    expect(run.out).not.toContain('完整篮子');
  });

  it.each([
    [['--nodes', 'outlets.xlsx', '--types', '菜市场,五金店'], /unknown: 五金店/u],
    [['--nodes', 'outlets.xlsx', '--preset', '半小时'], /--preset must be 专栏6/u],
    [['--preset', '一刻钟'], /need the outlet list: --nodes FILE/u],
  ])('refuses %j with status 2', async (argv, message) => {
    const run = await cli('coverage', ...argv);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });

  it.each([
    [['coverage', '--nodes', 'outlets.xlsx', '--for', '菜市场'], /belong to `cq-atlas suggest`/u],
    [
      ['suggest', '--k', '2', '--nodes', 'outlets.xlsx', '--for', '五金店'],
      /--for takes one outlet type/u,
    ],
    [['suggest', '--k', '2', '--for', 'basket'], /need the outlet list: --nodes FILE/u],
  ])('refuses --for in %j with status 2', async (argv, message) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });
});
