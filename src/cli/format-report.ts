import type { SiteSuggestion } from '../core/coverage/site-suggestion.ts';
import type { CoverageReport, ReportTotals } from '../core/report/coverage-report.ts';
import type { OutletTypeAnalysis, TypeFigures } from '../core/coverage/outlet-type-coverage.ts';
import type { Lang } from './parse-arguments.ts';

/** Terminal columns of a string: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6)
        ? 2
        : 1;
  }
  return width;
}

const padEnd = (text: string, width: number): string =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)));
const padStart = (text: string, width: number): string =>
  ' '.repeat(Math.max(0, width - displayWidth(text))) + text;

const count = (value: number): string => Math.round(value).toLocaleString('en');
const percent = (rate: number | null): string =>
  rate === null ? '—' : `${(100 * rate).toFixed(2)}%`;

const TEXT = {
  zh: {
    title: (name: string, u: number, r: number) =>
      `${name}（专栏6 规则：城镇${String(u)}米、乡村${String(r)}米以内；球面大圆距离，R = 6,371,008.8 米）`,
    area: '范围',
    population: '人口',
    expected: '期望覆盖率',
    interval: '90%区间',
    sure: '确定覆盖',
    possible: '可能覆盖',
    point: '按图上位置',
    model: (draws: number, seed: number) =>
      `节点位置不确定（uncertainty_m）：设真实位置均匀分布在该半径的圆内。确定覆盖＝无论节点在圆内何处都覆盖；期望覆盖率按精确概率计算；90%区间为 ${count(draws)} 次随机抽样（种子 ${String(seed)}）的第5—95百分位；“按图上位置”为节点恰在图上位置时的点估计。`,
    city: '全市',
    urban: '城镇人口',
    rural: '乡村人口',
    regions: '一区两群',
    worst: (n: number) => `期望覆盖率最低的 ${String(n)} 个区县`,
    outside: '区县范围以外',
    suggestTitle: (method: string) =>
      method === 'set-cover'
        ? '选址建议：达到目标覆盖率的最少新增点（贪心集合覆盖，现有节点保留）'
        : '选址建议：最大覆盖（惰性贪心，现有节点保留）',
    before: '建议前',
    after: '建议后',
    rank: '序号',
    district: '区县',
    cls: '类型',
    gain: '新增覆盖人口',
    totalAfter: '累计覆盖率',
    urbanWord: '城镇',
    ruralWord: '乡村',
    target: (reached: boolean) =>
      reached ? '已达到目标覆盖率。' : '候选点不足，未能达到目标覆盖率。',
    candidates: (n: number, pairs: number) =>
      `候选点 ${count(n)} 个（覆盖关系 ${count(pairs)} 对）。`,
  },
  en: {
    title: (name: string, u: number, r: number) =>
      `${name} (专栏6 rule: within ${String(u)} m urban, ${String(r)} m rural; great-circle distance on a sphere, R = 6,371,008.8 m)`,
    area: 'Area',
    population: 'Population',
    expected: 'Expected',
    interval: '90% interval',
    sure: 'Sure',
    possible: 'Possible',
    point: 'At drawn positions',
    model: (draws: number, seed: number) =>
      `Node positions are uncertain (uncertainty_m): each true position is taken as uniform over that disc. Sure = covered wherever the nodes are; Expected = exact probability; 90% interval = 5th–95th percentile of ${count(draws)} random draws (seed ${String(seed)}); "At drawn positions" = the point estimate with every node exactly where it is drawn.`,
    city: 'Whole city',
    urban: 'Urban residents',
    rural: 'Rural residents',
    regions: 'One Area, Two Clusters (一区两群)',
    worst: (n: number) => `The ${String(n)} districts (区县) with the lowest expected coverage`,
    outside: 'Outside every district',
    suggestTitle: (method: string) =>
      method === 'set-cover'
        ? 'Site suggestion: fewest new sites to reach the target rates (greedy set cover; existing nodes kept)'
        : 'Site suggestion: maximal covering (lazy greedy; existing nodes kept)',
    before: 'Before',
    after: 'After',
    rank: '#',
    district: 'District',
    cls: 'Class',
    gain: 'Newly covered',
    totalAfter: 'City rate after',
    urbanWord: 'urban',
    ruralWord: 'rural',
    target: (reached: boolean) =>
      reached ? 'Target rates reached.' : 'The candidates cannot reach the target rates.',
    candidates: (n: number, pairs: number) =>
      `${count(n)} candidate sites (${count(pairs)} candidate–unit pairs).`,
  },
} as const;

/** Right-aligned number columns after a left-aligned name column. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, c) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 0 ? padEnd(cell, widths[c] ?? 0) : padStart(cell, widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(header.map((_, c) => '-'.repeat(widths[c] ?? 0))), ...rows.map(line)];
}

/** One area's figures: population, expected rate, interval, sure, possible, point estimate. */
function row(name: string, totals: ReportTotals): string[] {
  const u = totals.uncertainty;
  return [
    name,
    count(totals.population),
    percent(u.expected.rate),
    `${percent(u.interval.p05.rate)}–${percent(u.interval.p95.rate)}`,
    percent(u.sure.rate),
    percent(u.possible.rate),
    percent(totals.rate),
  ];
}

/** The two lines saying what was analysed: the population, then the node set. */
function inputLines(report: CoverageReport, lang: Lang): [string, string] {
  const { population, nodeSet } = report.parameters;
  const units = count(population.units);
  return lang === 'zh'
    ? [
        `需求：${population.title.zh}，${units} 个单元。${population.notice.zh}`,
        `节点：${nodeSet.description.zh}`,
      ]
    : [
        `Demand: ${population.title.en}, ${units} units. ${population.notice.en}`,
        `Nodes: ${nodeSet.description.en}`,
      ];
}

/**
 * The readable coverage report: whole city, urban and rural, the regions, and the `worst` 区县
 * with the lowest rate (ties by adcode). Lines of text; no trailing newline.
 */
export function formatCoverageReport(report: CoverageReport, lang: Lang, worst = 10): string {
  const t = TEXT[lang];
  const name = (item: { name_zh: string; name_en: string }) =>
    lang === 'zh' ? item.name_zh : `${item.name_en} ${item.name_zh}`;
  const header = [t.area, t.population, t.expected, t.interval, t.sure, t.possible, t.point];
  const { urbanRadius, ruralRadius, uncertainty } = report.parameters;
  const { city, urban, rural } = report.totals;
  const lines = [
    t.title(report.analysis.name[lang], urbanRadius, ruralRadius),
    report.analysis.note[lang],
    ...inputLines(report, lang),
    t.model(uncertainty.draws, uncertainty.seed),
    '',
  ];
  lines.push(...table(header, [row(t.city, city), row(t.urban, urban), row(t.rural, rural)]));
  if (report.byRegion.length > 0) {
    lines.push('', t.regions);
    lines.push(
      ...table(
        header,
        report.byRegion.map((r) =>
          row(r.id.startsWith('subregion-') ? `  ${name(r)}` : name(r), r),
        ),
      ),
    );
  }
  const expectedRate = (d: ReportTotals) => d.uncertainty.expected.rate ?? 0;
  const ranked = report.byDistrict
    .filter((d) => d.rate !== null)
    .sort((a, b) => expectedRate(a) - expectedRate(b) || a.adcode - b.adcode)
    .slice(0, worst);
  if (ranked.length > 0) {
    lines.push('', t.worst(ranked.length));
    lines.push(
      ...table(
        header,
        ranked.map((d, i) => row(`${String(i + 1).padStart(2)}. ${name(d)}`, d)),
      ),
    );
  }
  const outside = report.totals.outsideDistricts;
  if (outside.population > 0) {
    lines.push('', ...table(header, [row(t.outside, outside)]));
  }
  return lines.join('\n');
}

/** The readable suggestion: before, each pick with its marginal gain, after. */
export function formatSuggestion(
  suggestion: SiteSuggestion,
  lang: Lang,
  report: CoverageReport,
): string {
  const t = TEXT[lang];
  const rates = (label: string, s: SiteSuggestion['before']) =>
    `${label}: ${t.city} ${percent(s.total.rate)} · ${t.urban} ${percent(s.urban.rate)} · ${t.rural} ${percent(s.rural.rate)}`;
  const lines = [
    t.suggestTitle(suggestion.method),
    ...inputLines(report, lang),
    t.candidates(suggestion.candidateCount, suggestion.pairCount),
    '',
    rates(t.before, suggestion.before),
    '',
  ];
  lines.push(
    ...table(
      [t.rank, 'lon', 'lat', t.district, t.cls, t.gain, t.totalAfter],
      suggestion.sites.map((site, i) => [
        String(i + 1),
        site.lon.toFixed(5),
        site.lat.toFixed(5),
        (lang === 'zh' ? site.district_zh : site.district_en) ?? '—',
        site.urban === null ? '—' : site.urban ? t.urbanWord : t.ruralWord,
        count(site.gain),
        percent(site.after.total.rate),
      ]),
    ),
  );
  lines.push('', rates(t.after, suggestion.after));
  if (suggestion.targetReached !== null) lines.push(t.target(suggestion.targetReached));
  return lines.join('\n');
}

const TYPE_TEXT = {
  zh: {
    title: (preset: string) => `业态覆盖（${preset}）`,
    type: '业态',
    nodes: '网点',
    rule: '城镇/乡村半径',
    basket: (types: string) => `完整篮子（${types}）`,
    basketTitle: '完整篮子：所选每个业态都在距离内',
    emptyBasket: '（无）',
    districts: (n: number) => `完整篮子期望覆盖率最低的 ${String(n)} 个区县`,
    missing: (n: number, total: number) =>
      `缺什么、补什么：缺少业态人口最多的 ${String(n)} 个乡镇街道（共 ${String(total)} 个乡镇街道有居民缺少某业态）`,
    township: '乡镇街道',
    lackingAny: '缺任一业态（期望）',
    lacks: '缺少（期望人数）',
    people: (n: string) => `${n} 人`,
    uncertain: (n: number) => `（其中 ${String(n)} 个位置不确定）`,
    unknown: (value: string, count: number) =>
      `业态“${value}”未能识别（${String(count)} 个网点），未计入任何业态；可在 src/core/coverage/outlet-types.ts 的同义词表中补充。`,
    untyped: (count: number) => `${String(count)} 个节点没有业态，未计入任何业态。`,
  },
  en: {
    title: (preset: string) => `Coverage by outlet type (${preset})`,
    type: 'Type',
    nodes: 'Outlets',
    rule: 'Urban/rural radius',
    basket: (types: string) => `Complete basket (${types})`,
    basketTitle: 'Complete basket: every selected type within reach',
    emptyBasket: '(none)',
    districts: (n: number) =>
      `The ${String(n)} districts (区县) with the lowest expected basket coverage`,
    missing: (n: number, total: number) =>
      `What is missing (缺什么、补什么): the ${String(n)} townships (乡镇街道) with the most residents lacking a type (${String(total)} townships have residents lacking one)`,
    township: 'Township',
    lackingAny: 'Lacking any (expected)',
    lacks: 'Lacks (expected residents)',
    people: (n: string) => n,
    uncertain: (n: number) => ` (${String(n)} with an uncertain position)`,
    unknown: (value: string, count: number) =>
      `type "${value}" is not recognised (${String(count)} outlets) and counts for no type; add it to the synonym table in src/core/coverage/outlet-types.ts.`,
    untyped: (count: number) => `${String(count)} nodes have no type and count for no type.`,
  },
} as const;

/** One population's type figures: population, expected, interval, sure, possible, point. */
function typeRow(name: string, f: TypeFigures): string[] {
  return [
    name,
    count(f.population),
    percent(f.expected.rate),
    `${percent(f.interval.p05.rate)}–${percent(f.interval.p95.rate)}`,
    percent(f.sure.rate),
    percent(f.possible.rate),
    percent(f.atDrawn.rate),
  ];
}

/** Warnings about type words the synonym table does not know, and nodes without a type. */
export function unknownTypeLines(analysis: OutletTypeAnalysis, lang: Lang): string[] {
  const t = TYPE_TEXT[lang];
  const lines = analysis.unknownTypes.map((item) => t.unknown(item.value, item.count));
  if (analysis.untypedNodes > 0) lines.push(t.untyped(analysis.untypedNodes));
  return lines;
}

/**
 * The per-type and basket tables: each type (its outlets and rule) and the basket for the city,
 * urban and rural residents; the 区县 with the lowest basket coverage; and the 乡镇街道 with the
 * most residents lacking a type, with what they lack. Lines of text; no trailing newline.
 */
export function formatOutletTypes(
  analysis: OutletTypeAnalysis,
  lang: Lang,
  worst = 10,
  townships = 15,
): string {
  const t = TEXT[lang];
  const tt = TYPE_TEXT[lang];
  const typeName = (entry: { name_zh: string; name_en: string }) =>
    lang === 'zh' ? entry.name_zh : `${entry.name_en} ${entry.name_zh}`;
  const header = [tt.type, t.population, t.expected, t.interval, t.sure, t.possible, t.point];
  const lines = [
    tt.title(analysis.presetName[lang]),
    analysis.basis[lang],
    analysis.method[lang],
    '',
    ...table(
      [tt.type, tt.nodes, tt.rule],
      analysis.types.map((entry) => [
        typeName(entry),
        `${count(entry.nodes)}${entry.uncertainNodes > 0 ? tt.uncertain(entry.uncertainNodes) : ''}`,
        `${count(entry.urbanRadius)} / ${count(entry.ruralRadius)} m`,
      ]),
    ),
    '',
  ];
  const basketNames = analysis.basket.types
    .map((id) => analysis.types.find((entry) => entry.type === id))
    .map((entry) => (entry === undefined ? '' : lang === 'zh' ? entry.name_zh : entry.name_en))
    .join(lang === 'zh' ? '、' : ', ');
  const basketLabel = tt.basket(basketNames === '' ? tt.emptyBasket : basketNames);
  for (const [label, pick] of [
    [t.city, (f: OutletTypeAnalysis['basket']['city']) => f],
    [t.urban, (f: OutletTypeAnalysis['basket']['city']) => f.urban],
    [t.rural, (f: OutletTypeAnalysis['basket']['city']) => f.rural],
  ] as const) {
    lines.push(label);
    lines.push(
      ...table(header, [
        ...analysis.types.map((entry) => typeRow(typeName(entry), pick(entry.city))),
        typeRow(basketLabel, pick(analysis.basket.city)),
      ]),
      '',
    );
  }
  const name = (d: { name_zh: string; name_en: string }) =>
    lang === 'zh' ? d.name_zh : `${d.name_en} ${d.name_zh}`;
  const ranked = analysis.basket.byDistrict
    .filter((d) => d.expected.rate !== null)
    .sort((a, b) => (a.expected.rate ?? 0) - (b.expected.rate ?? 0) || a.adcode - b.adcode)
    .slice(0, worst);
  if (ranked.length > 0) {
    lines.push(tt.districts(ranked.length));
    lines.push(
      ...table(
        [t.district, t.population, t.expected, t.interval, t.sure, t.possible, t.point],
        ranked.map((d, i) => typeRow(`${String(i + 1).padStart(2)}. ${name(d)}`, d)),
      ),
      '',
    );
  }
  if (analysis.byTownship.length > 0) {
    const shown = analysis.missing.slice(0, townships);
    lines.push(tt.missing(shown.length, analysis.missing.length));
    lines.push(
      ...table(
        [tt.township, t.population, tt.lackingAny, tt.lacks],
        shown.map((row) => [
          `${row.district_zh} ${row.name}`,
          count(row.population),
          count(row.lackingAny),
          row.missing
            .map((m) => `${lang === 'zh' ? m.name_zh : m.name_en} ${count(m.lacking)}`)
            .join(lang === 'zh' ? '；' : '; '),
        ]),
      ),
    );
    lines.push(analysis.townshipNote[lang]);
  }
  return lines.join('\n').trimEnd();
}
