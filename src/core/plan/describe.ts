/**
 * Plain-language words for a feature's plan status and position certainty, in both languages.
 * The status wording follows `geodata/raw/plan-catalogue/README.md` §1.1 (the plan's verbs).
 */
import type { Lang } from '../catalogue/catalogue.ts';
import type { Certainty, PlanStatus } from './plan-feature.ts';

/** A short label and a one- or two-sentence explanation. */
export interface Description {
  readonly label: string;
  readonly explanation: string;
}

type Words = Readonly<Record<Lang, Description>>;

const STATUS: Readonly<Record<PlanStatus, Words>> = {
  existing: {
    zh: {
      label: '现有',
      explanation: '现有——规划编制时（2021年）已经存在，规划将其列为现有载体。',
    },
    en: {
      label: 'Existing',
      explanation: 'Existing — already in place when the plan was written (2021).',
    },
  },
  upgrade: {
    zh: { label: '提升', explanation: '提升——已经存在，规划要对其改造提升。' },
    en: { label: 'Upgrade', explanation: 'Upgrade — exists; the plan will improve it.' },
  },
  'new-planned': {
    zh: { label: '新建', explanation: '新建——规划提出新建或建设。' },
    en: {
      label: 'New (planned)',
      explanation: 'New — the plan says to build it (new construction or a new area).',
    },
  },
  proposed: {
    zh: {
      label: '争取',
      explanation: '争取——规划提出争取或申报（如申报国家级称号），尚待批准。',
    },
    en: {
      label: 'Proposed',
      explanation: 'Proposed — the plan seeks approval for it (e.g. applying for national status).',
    },
  },
  'to-be-created': {
    zh: { label: '培育', explanation: '培育——规划提出培育或打造，具体位置尚未确定。' },
    en: {
      label: 'To be created',
      explanation: 'To be created — the plan will cultivate it; where it will be is not fixed.',
    },
  },
};

/** What the plan says will happen to the feature. */
export function describeStatus(status: PlanStatus, lang: Lang): Description {
  return STATUS[status][lang];
}

/** `1,234,567` for 1234567.4: rounded, with thousands separators, independent of locale. */
function groupThousands(n: number): string {
  const [whole = '0', fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** `约2.5公里` / `about 2.5 km`, or metres below 1 km (`about 500 m`). */
export function formatDistance(metres: number, lang: Lang): string {
  const m = Math.round(metres);
  const [value, zh, en] = m >= 1000 ? [Math.round(m / 100) / 10, '公里', 'km'] : [m, '米', 'm'];
  return lang === 'zh' ? `约${groupThousands(value)}${zh}` : `about ${groupThousands(value)} ${en}`;
}

/**
 * How sure an imported row's position is when it was placed from its address (see
 * src/core/import/address-placement.ts): not a plan certainty, so not in CERTAINTIES.
 */
export type ImportedCertainty = 'address';

const CERTAINTY: Readonly<Record<Certainty | ImportedCertainty, Words>> = {
  surveyed: {
    zh: { label: '实测', explanation: '实测——位置经实地测量或取自权威测绘。' },
    en: {
      label: 'Surveyed',
      explanation:
        'Surveyed — position measured on the ground or taken from an authoritative survey.',
    },
  },
  sourced: {
    zh: { label: '有出处', explanation: '有出处——位置取自注明来源的公开数据。' },
    en: {
      label: 'Sourced',
      explanation: 'Sourced — position taken from open data with a named source.',
    },
  },
  estimated: {
    zh: { label: '估计', explanation: '估计——位置由本项目估计，未经测量。' },
    en: {
      label: 'Estimated',
      explanation: 'Estimated — position estimated by the project, not surveyed.',
    },
  },
  address: {
    zh: {
      label: '按地址推定',
      explanation:
        '按地址推定——位置由地址中的村/社区、乡镇街道或区县名称推定，只精确到该地名的范围。',
    },
    en: {
      label: 'From the address',
      explanation:
        'From the address — position inferred from the 村/社区, 乡镇街道 or 区县 named in the address, only as precise as that place.',
    },
  },
  schematic: {
    zh: { label: '示意', explanation: '示意——规划设想的示意图，并非真实范围或选址。' },
    en: {
      label: 'Schematic',
      explanation: "Schematic — a diagram of the plan's idea, not a real footprint.",
    },
  },
};

/**
 * How sure the feature's position is. `uncertaintyM` (metres, from `uncertainty_m`) is worked into
 * the explanation when it is a non-negative number: for `estimated` as the radius of the true
 * place, for the others as an added sentence.
 */
export function describeCertainty(
  certainty: Certainty | ImportedCertainty,
  uncertaintyM: number | null,
  lang: Lang,
): Description {
  const words = CERTAINTY[certainty][lang];
  if (uncertaintyM === null || !Number.isFinite(uncertaintyM) || uncertaintyM < 0) return words;
  const distance = formatDistance(uncertaintyM, lang);
  if (certainty === 'estimated') {
    const explanation =
      lang === 'zh'
        ? `估计——位置由本项目估计，真实位置在${distance}范围内。`
        : `Estimated — position estimated by the project, true place within ${distance}.`;
    return { label: words.label, explanation };
  }
  const extra = lang === 'zh' ? `误差${distance}。` : ` Uncertainty: ${distance}.`;
  return { label: words.label, explanation: words.explanation + extra };
}

const PLACEMENT_LEVEL: Readonly<Record<string, { readonly zh: string; readonly en: string }>> = {
  community: { zh: '村/社区级', en: 'village or community level' },
  township: { zh: '乡镇街道级', en: 'township level' },
  district: { zh: '区县级', en: 'district level' },
};

/**
 * An imported row placed from its address, in words: how (the level of the point used), how far
 * off it may be, and the names matched, e.g. “按地址推定（乡镇街道级，误差约1.2公里）：渝北区 龙溪街道”.
 * Null for a row that is not `certainty: "address"`.
 */
export function describeAddressPlacement(
  properties: Readonly<Record<string, unknown>>,
  lang: Lang,
): string | null {
  if (properties['certainty'] !== 'address') return null;
  const label = CERTAINTY.address[lang].label;
  const level = properties['placement_level'];
  const levelWords =
    typeof level === 'string' && Object.hasOwn(PLACEMENT_LEVEL, level)
      ? PLACEMENT_LEVEL[level]?.[lang]
      : undefined;
  const u = properties['uncertainty_m'];
  const distance =
    typeof u === 'number' && Number.isFinite(u) && u >= 0 ? formatDistance(u, lang) : null;
  const names = properties['placement_names'];
  const parts =
    lang === 'zh'
      ? [levelWords, distance === null ? undefined : `误差${distance}`]
      : [levelWords, distance === null ? undefined : `uncertainty ${distance}`];
  const detail = parts.filter((part) => part !== undefined).join(lang === 'zh' ? '，' : ', ');
  const head =
    detail === '' ? label : lang === 'zh' ? `${label}（${detail}）` : `${label} (${detail})`;
  return typeof names === 'string' && names.trim() !== ''
    ? `${head}${lang === 'zh' ? '：' : ': '}${names.trim()}`
    : head;
}
