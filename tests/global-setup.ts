import { buildCli } from '../scripts/build-cli.mjs';

/**
 * Once before the unit tests: builds the prebuilt CLI (dist-cli/cq-atlas.mjs) so the tests that
 * run bin/cq-atlas.mjs test the bundle that ships, also on a fresh clone and after a source edit.
 */
export default function setup(): void {
  buildCli();
}
