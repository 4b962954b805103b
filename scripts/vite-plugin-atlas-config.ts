import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import {
  mergeConfigs,
  parseAtlasConfig,
  publicBuildProblems,
} from '../src/core/base-map/base-map-config.ts';
import type { Problem } from '../src/core/result.ts';

function readJson(path: string): unknown {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/**
 * Why a build may not ship the base maps configured in `publicDir` (atlas-config.json and the
 * untracked atlas-config.local.json): in a public build, any enabled base map that needs a map
 * approval number (审图号) and has none. Empty for planner builds.
 */
export function atlasConfigBuildProblems(
  publicDir: string,
  atlasMode: string | undefined,
): Problem[] {
  if (atlasMode !== 'public') return [];
  const merged = mergeConfigs(
    readJson(join(publicDir, 'atlas-config.json')),
    readJson(join(publicDir, 'atlas-config.local.json')),
  );
  return publicBuildProblems(parseAtlasConfig(merged).config);
}

/**
 * Warns in `vite build` with VITE_ATLAS_MODE=public about each configured base map that may not
 * be published without its approval number (审图号): the public map leaves it out
 * (`loadAtlasConfig`), so the build goes on and says which ones and why. (It used to fail; with
 * OpenStreetMap enabled by default that made every default public build fail.)
 */
export function atlasConfigCheck(): Plugin {
  let publicDir = 'public';
  let atlasMode: string | undefined;
  return {
    name: 'atlas-config-check',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
      const mode: unknown = config.env['VITE_ATLAS_MODE'];
      atlasMode = typeof mode === 'string' ? mode : undefined;
    },
    buildStart() {
      const problems = atlasConfigBuildProblems(publicDir, atlasMode);
      if (problems.length > 0) {
        this.warn(
          `The public map leaves out these base maps:\n${problems
            .map((problem) => `- ${problem.message}`)
            .join('\n')}`,
        );
      }
    },
  };
}
