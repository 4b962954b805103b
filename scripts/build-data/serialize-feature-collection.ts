/**
 * Byte-for-byte reproducible GeoJSON text.
 *
 * `npm run data:check` compares the committed files with a fresh build as strings, so the writer
 * must not depend on object-creation accidents: features are sorted by id (when they have one), and
 * each feature is one line, which also keeps git diffs of the data readable feature by feature.
 */
import type { Feature } from 'geojson';

function compareIds(a: Feature, b: Feature): number {
  const ia = String(a.id ?? '');
  const ib = String(b.id ?? '');
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/**
 * `{"type":"FeatureCollection","features":[` + one feature per line + `]}` and a final newline.
 * Features with ids are sorted by id (code-unit order, not locale); otherwise the given order is kept.
 * Throws on duplicate ids.
 */
export function serializeFeatureCollection(features: readonly Feature[]): string {
  const withIds = features.every((f) => f.id !== undefined);
  const ordered = withIds ? [...features].sort(compareIds) : [...features];
  if (withIds) {
    for (let i = 1; i < ordered.length; i += 1) {
      if (ordered[i]?.id === ordered[i - 1]?.id)
        throw new Error(`duplicate feature id ${String(ordered[i]?.id)}`);
    }
  }
  const lines = ordered.map((f) => JSON.stringify(f));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}
