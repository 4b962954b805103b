/**
 * Outlet types and the rule of each (issue 17 part 3): the basic-service types (基本保障类业态) of
 * MOFCOM's 《城市一刻钟便民生活圈建设指南》, the reviewable table of words bureaus write in a type
 * column and the type each means, and the presets that give every type its {@link CoverageRule}.
 *
 * Distances stay what the atlas measures everywhere: great-circle (straight-line) distance from
 * src/core/geo/haversine.ts, not distance along streets. The 15-minute preset takes 15 minutes at
 * a planning walking speed of about 67 m/min (4 km/h) as 1,000 m in a straight line; a real walk
 * of 1,000 m along streets covers less straight-line distance (detours), so this rule is generous.
 */
import { PLAN_RULE, type CoverageRule, type Metres } from './coverage-rule';

/** One basic-service type: a stable id, its name in the 指南's words and in English. */
export interface OutletType {
  readonly id: OutletTypeId;
  readonly zh: string;
  readonly en: string;
  /** Sells fresh food (the plan's 专栏6 rule applies to it by default). */
  readonly freshFood: boolean;
}

export const OUTLET_TYPE_IDS = [
  'wet-market',
  'fresh-grocery',
  'supermarket',
  'convenience-store',
  'breakfast',
  'pharmacy',
  'post-express',
  'housekeeping',
  'repair',
  'laundry',
  'hair-beauty',
  'photo-print',
] as const;
export type OutletTypeId = (typeof OUTLET_TYPE_IDS)[number];

/** The 指南's basic-service types (基本保障类业态), fresh-food types first. */
export const OUTLET_TYPES: readonly OutletType[] = [
  { id: 'wet-market', zh: '菜市场', en: 'Wet market', freshFood: true },
  { id: 'fresh-grocery', zh: '生鲜超市（菜店）', en: 'Fresh-food shop', freshFood: true },
  { id: 'supermarket', zh: '综合超市', en: 'Supermarket', freshFood: false },
  { id: 'convenience-store', zh: '便利店', en: 'Convenience store', freshFood: false },
  { id: 'breakfast', zh: '早餐店', en: 'Breakfast shop', freshFood: false },
  { id: 'pharmacy', zh: '药店', en: 'Pharmacy', freshFood: false },
  {
    id: 'post-express',
    zh: '邮政快递综合服务点',
    en: 'Post and parcel point',
    freshFood: false,
  },
  { id: 'housekeeping', zh: '家政服务点', en: 'Housekeeping services', freshFood: false },
  { id: 'repair', zh: '维修点', en: 'Repair shop', freshFood: false },
  { id: 'laundry', zh: '洗染店', en: 'Laundry and dyeing', freshFood: false },
  { id: 'hair-beauty', zh: '美容美发店', en: 'Hair and beauty', freshFood: false },
  { id: 'photo-print', zh: '照相文印店', en: 'Photo and printing', freshFood: false },
];

const BY_ID = new Map(OUTLET_TYPES.map((type) => [type.id, type]));

export function outletType(id: OutletTypeId): OutletType {
  const type = BY_ID.get(id);
  if (type === undefined) throw new RangeError(`Unknown outlet type ${id}.`);
  return type;
}

export function isOutletTypeId(value: unknown): value is OutletTypeId {
  return typeof value === 'string' && BY_ID.has(value as OutletTypeId);
}

/**
 * Words bureaus write in a type column and the type each means. Reviewable: add a word here (and a
 * test) when a list uses another one. Each type's own Chinese and English names and its id are
 * understood without being listed. Matching ignores spaces, full-/half-width and letter case.
 */
export const OUTLET_TYPE_SYNONYMS: Readonly<Record<string, OutletTypeId>> = {
  农贸市场: 'wet-market',
  菜场: 'wet-market',
  菜市: 'wet-market',
  集贸市场: 'wet-market',
  农产品市场: 'wet-market',
  标准化菜市场: 'wet-market',
  社区菜市场: 'wet-market',
  'wet market': 'wet-market',
  生鲜超市: 'fresh-grocery',
  生鲜店: 'fresh-grocery',
  菜店: 'fresh-grocery',
  社区菜店: 'fresh-grocery',
  生鲜便利店: 'fresh-grocery',
  蔬菜店: 'fresh-grocery',
  果蔬店: 'fresh-grocery',
  平价菜店: 'fresh-grocery',
  生鲜门店: 'fresh-grocery',
  超市: 'supermarket',
  大型超市: 'supermarket',
  社区超市: 'supermarket',
  连锁超市: 'supermarket',
  便利超市: 'convenience-store',
  便民店: 'convenience-store',
  小卖部: 'convenience-store',
  早餐: 'breakfast',
  早点铺: 'breakfast',
  早餐点: 'breakfast',
  早餐车: 'breakfast',
  药房: 'pharmacy',
  大药房: 'pharmacy',
  零售药店: 'pharmacy',
  社区药店: 'pharmacy',
  快递点: 'post-express',
  快递驿站: 'post-express',
  菜鸟驿站: 'post-express',
  邮政网点: 'post-express',
  邮局: 'post-express',
  快递综合服务点: 'post-express',
  邮政快递: 'post-express',
  家政: 'housekeeping',
  家政服务: 'housekeeping',
  维修: 'repair',
  维修店: 'repair',
  家电维修: 'repair',
  便民维修点: 'repair',
  修鞋配钥匙: 'repair',
  洗染: 'laundry',
  洗衣店: 'laundry',
  干洗店: 'laundry',
  美容美发: 'hair-beauty',
  理发店: 'hair-beauty',
  美发店: 'hair-beauty',
  理发: 'hair-beauty',
  照相文印: 'photo-print',
  文印店: 'photo-print',
  打印店: 'photo-print',
  照相馆: 'photo-print',
};

/** Spaces dropped, full-width folded (NFKC), lower case: how type words are compared. */
export function typeKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

const LOOKUP: ReadonlyMap<string, OutletTypeId> = (() => {
  const map = new Map<string, OutletTypeId>();
  for (const type of OUTLET_TYPES) {
    map.set(typeKey(type.id), type.id);
    map.set(typeKey(type.zh), type.id);
    map.set(typeKey(type.en), type.id);
  }
  for (const [word, id] of Object.entries(OUTLET_TYPE_SYNONYMS)) map.set(typeKey(word), id);
  return map;
})();

/** The type a word of a type column means, or null when the table does not know it. */
export function outletTypeOf(text: string): OutletTypeId | null {
  const key = typeKey(text);
  return key === '' ? null : (LOOKUP.get(key) ?? null);
}

/** Column names a type column goes by, when the planner does not name it. */
export const TYPE_COLUMN_KEYS = [
  '业态',
  '业态类型',
  '网点类型',
  '网点业态',
  '类型',
  'type',
  'outlet_type',
  'Type',
  'TYPE',
] as const;

/**
 * The text of a feature's type column (the named column, else the first of
 * {@link TYPE_COLUMN_KEYS} present), trimmed and at most 50 characters; undefined when empty.
 */
export function typeTextOf(
  properties: Readonly<Record<string, unknown>>,
  typeColumn?: string | null,
): string | undefined {
  const keys = typeColumn === undefined || typeColumn === null ? TYPE_COLUMN_KEYS : [typeColumn];
  for (const key of keys) {
    const value = properties[key];
    const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (text !== '') return text.slice(0, 50);
  }
  return undefined;
}

/**
 * What an imported outlet's attributes say beyond its point: its stated position uncertainty
 * (`uncertainty_m`, e.g. of a row placed by address) and the words of its type column. Keys are
 * present only when the feature has them.
 */
export function outletNodeFacts(
  properties: Readonly<Record<string, unknown>>,
  typeColumn?: string | null,
): { uncertaintyM?: number; outletType?: string } {
  const facts: { uncertaintyM?: number; outletType?: string } = {};
  const stated = properties['uncertainty_m'];
  const metres = typeof stated === 'string' ? Number(stated) : stated;
  if (typeof metres === 'number' && Number.isFinite(metres) && metres > 0) {
    facts.uncertaintyM = Math.min(metres, 1_000_000);
  }
  const type = typeTextOf(properties, typeColumn);
  if (type !== undefined) facts.outletType = type;
  return facts;
}

/** How a list's type words were read: nodes per type, and the words the table does not know. */
export interface TypeMapping {
  readonly counts: Readonly<Partial<Record<OutletTypeId, number>>>;
  /** Words no type matched, with how many nodes carry each, most frequent first. */
  readonly unknown: readonly { readonly value: string; readonly count: number }[];
  /** Nodes without any type word. */
  readonly untyped: number;
}

/** Reads the type words of a node list (undefined: no type given). Does not mutate its input. */
export function mapOutletTypes(values: readonly (string | undefined)[]): TypeMapping {
  const counts: Partial<Record<OutletTypeId, number>> = {};
  const unknown = new Map<string, number>();
  let untyped = 0;
  for (const value of values) {
    if (value === undefined || value.trim() === '') {
      untyped += 1;
      continue;
    }
    const id = outletTypeOf(value);
    if (id === null) unknown.set(value, (unknown.get(value) ?? 0) + 1);
    else counts[id] = (counts[id] ?? 0) + 1;
  }
  return {
    counts,
    unknown: [...unknown]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
    untyped,
  };
}

export const OUTLET_PRESET_IDS = ['plan-fresh-food', 'fifteen-minute'] as const;
export type OutletPresetId = (typeof OUTLET_PRESET_IDS)[number];

/** The 15-minute walk as a straight-line radius: 15 min × ~67 m/min (4 km/h) ≈ 1,000 m. */
export const FIFTEEN_MINUTE_URBAN_M = 1000 as Metres;
/**
 * Rural residents under the 15-minute preset: 5,000 m, the plan's own rural reach for fresh food
 * (专栏6). The 指南 is written for urban communities and sets no rural distance; this is the
 * atlas's stated choice, changeable per type.
 */
export const FIFTEEN_MINUTE_RURAL_M = 5000 as Metres;

export interface OutletPreset {
  readonly id: OutletPresetId;
  readonly zh: string;
  readonly en: string;
  readonly basis: { readonly zh: string; readonly en: string };
}

export const OUTLET_PRESETS: readonly OutletPreset[] = [
  {
    id: 'plan-fresh-food',
    zh: '规划专栏6（生鲜 2/5 公里）',
    en: 'The plan’s 专栏6 (fresh food 2 / 5 km)',
    basis: {
      zh: '菜市场、生鲜超市（菜店）按规划专栏6：城镇 2,000 米、乡村 5,000 米；其他业态按一刻钟便民生活圈：城镇 1,000 米、乡村 5,000 米。均为直线（大圆）距离，非路网距离。',
      en: 'Wet markets and fresh-food shops by the plan’s 专栏6: 2,000 m urban, 5,000 m rural; other types by the 15-minute neighbourhood: 1,000 m urban, 5,000 m rural. All straight-line (great-circle) distances, not along streets.',
    },
  },
  {
    id: 'fifteen-minute',
    zh: '一刻钟便民生活圈（城镇 1 公里）',
    en: '15-minute neighbourhood (urban 1 km)',
    basis: {
      zh: '每个业态：城镇 1,000 米（步行 15 分钟 × 约 67 米/分钟 ≈ 1,000 米，按直线距离，非路网距离，实际步行绕行会更远）；乡村 5,000 米（指南未规定乡村距离，本图沿用专栏6的乡村距离）。',
      en: 'Every type: 1,000 m urban (a 15-minute walk at about 67 m/min ≈ 1,000 m, as straight-line distance, not along streets — a real walk detours further); 5,000 m rural (the 指南 sets no rural distance; the atlas keeps the plan’s rural reach).',
    },
  },
];

/** Accepted spellings of each preset (CLI flag, window.atlas), compared by {@link typeKey}. */
const PRESET_WORDS: Readonly<Record<string, OutletPresetId>> = {
  'plan-fresh-food': 'plan-fresh-food',
  专栏6: 'plan-fresh-food',
  plan: 'plan-fresh-food',
  'fifteen-minute': 'fifteen-minute',
  一刻钟: 'fifteen-minute',
  一刻钟便民生活圈: 'fifteen-minute',
  '15min': 'fifteen-minute',
  '15-minute': 'fifteen-minute',
};

export function presetOf(text: string): OutletPresetId | null {
  return PRESET_WORDS[typeKey(text)] ?? null;
}

/** Every type's rule under a preset. */
export function presetRules(preset: OutletPresetId): Readonly<Record<OutletTypeId, CoverageRule>> {
  const walk: CoverageRule = {
    urbanRadius: FIFTEEN_MINUTE_URBAN_M,
    ruralRadius: FIFTEEN_MINUTE_RURAL_M,
  };
  const rules = {} as Record<OutletTypeId, CoverageRule>;
  for (const type of OUTLET_TYPES) {
    rules[type.id] = preset === 'plan-fresh-food' && type.freshFood ? PLAN_RULE : walk;
  }
  return rules;
}
