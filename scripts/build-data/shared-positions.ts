/**
 * The build's side of shared positions: the rule and the grouping are in
 * `src/core/plan/shared-positions.ts`, one module for the build, `data:check` and the browser.
 */
export {
  declareSharedPositions,
  positionKey,
  sharedPositionIds,
} from '../../src/core/plan/shared-positions.ts';
