import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { useTranslate } from '../use-translate';
import { useCoverageCommands, useRunCommand } from './coverage-commands';
import { SelectedNode } from './selected-node';

/** Named scenarios (new, duplicate, rename, delete, switch), undo/redo and the add-node tool. */
export function ScenarioBar() {
  const { t } = useTranslate();
  const store = useAppStoreApi();
  const commands = useCoverageCommands();
  const scenarios = useAppStore((state) => state.scenarios);
  const currentId = useAppStore((state) => state.currentScenarioId);
  const history = useAppStore((state) => state.history);
  const addNodeMode = useAppStore((state) => state.addNodeMode);
  const storageMessage = useAppStore((state) => state.storageMessage);
  const current = scenarios.find((scenario) => scenario.id === currentId);
  const run = useRunCommand('storageMessage');
  const ask = (question: string, fallback: string): string | null => {
    const answer = window.prompt(question, fallback);
    return answer === null || answer.trim() === '' ? null : answer.trim().slice(0, 80);
  };
  return (
    <div className="scenario-bar" role="group" aria-label={t('scenario.heading')}>
      <label>
        {t('scenario.heading')}
        <select
          value={currentId ?? ''}
          onChange={(event) => {
            run(commands.switchScenario(event.currentTarget.value));
          }}
        >
          {scenarios.map((scenario) => (
            <option key={scenario.id} value={scenario.id}>
              {scenario.name}
            </option>
          ))}
        </select>
      </label>
      <div className="button-row">
        <button
          type="button"
          onClick={() => {
            const name = ask(t('scenario.askName'), t('scenario.defaultName'));
            if (name !== null) run(commands.newScenario(name));
          }}
        >
          {t('scenario.new')}
        </button>
        <button
          type="button"
          onClick={() => {
            const name = ask(
              t('scenario.askName'),
              `${current?.name ?? ''} ${t('scenario.copySuffix')}`,
            );
            if (name !== null) run(commands.duplicateScenario(name));
          }}
        >
          {t('scenario.duplicate')}
        </button>
        <button
          type="button"
          disabled={current === undefined}
          onClick={() => {
            const name = ask(t('scenario.askName'), current?.name ?? '');
            if (name !== null) run(commands.renameScenario(name));
          }}
        >
          {t('scenario.rename')}
        </button>
        <button
          type="button"
          disabled={scenarios.length <= 1}
          onClick={() => {
            if (window.confirm(t('scenario.confirmDelete', { name: current?.name ?? '' })))
              run(commands.deleteScenario());
          }}
        >
          {t('scenario.delete')}
        </button>
      </div>
      <div className="button-row">
        <button
          type="button"
          aria-keyshortcuts="Control+Z"
          disabled={history.undo.length === 0}
          onClick={() => {
            run(commands.undo());
          }}
        >
          {t('scenario.undo')}
        </button>
        <button
          type="button"
          aria-keyshortcuts="Control+Shift+Z Control+Y"
          disabled={history.redo.length === 0}
          onClick={() => {
            run(commands.redo());
          }}
        >
          {t('scenario.redo')}
        </button>
        <button
          type="button"
          aria-pressed={addNodeMode}
          onClick={() => {
            store.getState().setCoverage({ addNodeMode: !addNodeMode });
          }}
        >
          {addNodeMode ? t('scenario.addNodeOn') : t('scenario.addNode')}
        </button>
      </div>
      <SelectedNode />
      <p className="muted small">{t('scenario.editHelp')}</p>
      {storageMessage !== null ? (
        <p role="alert" className="coverage-message">
          {storageMessage}
        </p>
      ) : null}
    </div>
  );
}
