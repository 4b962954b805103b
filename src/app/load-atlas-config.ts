import {
  mergeConfigs,
  parseAtlasConfig,
  publicBaseMaps,
  publicBuildProblems,
  type AtlasConfig,
} from '../core/base-map/base-map-config';
import type { Problem } from '../core/result';

async function fetchOptionalJson(name: string): Promise<unknown> {
  try {
    const response = await fetch(new URL(name, document.baseURI), { cache: 'no-cache' });
    if (!response.ok) return undefined;
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads `atlas-config.json` and the never-committed `atlas-config.local.json` served next to the
 * app. A missing file means “offline base map only”. In public mode, base maps that need an
 * approval number (审图号) and have none are left out and reported (the build refuses them too).
 */
export async function loadAtlasConfig(
  mode: 'planner' | 'public',
): Promise<{ config: AtlasConfig; problems: Problem[] }> {
  const [committed, local] = await Promise.all([
    fetchOptionalJson('atlas-config.json'),
    fetchOptionalJson('atlas-config.local.json'),
  ]);
  const { config, problems } = parseAtlasConfig(mergeConfigs(committed, local));
  if (mode !== 'public') return { config, problems };
  // Planner-only base maps are left out without a word; one enabled for the public without its
  // 审图号 is left out and reported, so the deployer sees why.
  return {
    config: { ...config, baseMaps: publicBaseMaps(config) },
    problems: [...problems, ...publicBuildProblems(config)],
  };
}
