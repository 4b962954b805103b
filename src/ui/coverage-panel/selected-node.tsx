import type { ScenarioNode } from '../../core/scenario/scenario';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';
import { useCoverageCommands, useRunCommand } from './coverage-commands';

const TIERS: readonly ScenarioNode['tier'][] = [1, 2, 3, 0];

/** The node selected on the map: its name, tier (changeable) and a delete button. */
export function SelectedNode() {
  const { t } = useTranslate();
  const commands = useCoverageCommands();
  const run = useRunCommand();
  const node = useAppStore((state) =>
    state.nodes.find((candidate) => candidate.id === state.selectedNodeId),
  );
  if (node === undefined) return null;
  return (
    <div className="selected-node" data-testid="selected-node">
      <strong>{node.name}</strong>{' '}
      <span className="muted">
        {node.origin === 'added' ? t('scenario.nodeAdded') : t('scenario.nodeFromPlan')}
      </span>
      <div className="button-row">
        <label>
          {t('scenario.tier')}
          <select
            value={node.tier}
            onChange={(event) => {
              run(
                commands.setTier(
                  node.id,
                  Number(event.currentTarget.value) as ScenarioNode['tier'],
                ),
              );
            }}
          >
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {tier === 0 ? t('scenario.tierNone') : t('feature.tierValue', { tier })}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => {
            run(commands.removeNode(node.id));
          }}
        >
          {t('scenario.deleteNode')}
        </button>
      </div>
    </div>
  );
}
