import { useEffect, useRef, useState } from 'react';
import { MAX_SHARE_URL_LENGTH } from '../../core/share/share-limits';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { useTranslate } from '../use-translate';
import { useCoverageCommands, useRecompute, useRunCommand } from './coverage-commands';
import { RecomputingNote } from './recomputing-note';
import { SelectedNode } from './selected-node';

/**
 * Scenario files and share links: export, import (always as a new scenario), and a share link
 * copied to the clipboard, shown in a read-only field when the browser refuses, or replaced by
 * a downloaded share file when it would be too long.
 */
function SavedWorkButtons() {
  const { t } = useTranslate();
  const store = useAppStoreApi();
  const commands = useCoverageCommands();
  const run = useRunCommand('storageMessage');
  const fileInput = useRef<HTMLInputElement>(null);
  const linkField = useRef<HTMLInputElement>(null);
  const [manualLink, setManualLink] = useState<string | null>(null);
  const say = (message: string) => {
    store.getState().setStorageMessage(message);
  };
  useEffect(() => {
    linkField.current?.select();
  }, [manualLink]);

  const share = async (): Promise<void> => {
    const outcome = await commands.createShareLink();
    if (outcome.kind === 'file') {
      setManualLink(null);
      say(
        t('share.tooLong', {
          length: outcome.urlLength,
          limit: MAX_SHARE_URL_LENGTH,
          file: outcome.fileName,
        }),
      );
      return;
    }
    try {
      // Older browsers and insecure origins have no clipboard API.
      const clipboard = navigator.clipboard as Clipboard | undefined;
      if (clipboard === undefined) throw new Error('no clipboard');
      await clipboard.writeText(outcome.url);
      setManualLink(null);
      say(t('share.copied'));
    } catch {
      setManualLink(outcome.url);
    }
  };

  return (
    <>
      <div className="button-row">
        <button
          type="button"
          data-testid="scenario-export"
          onClick={() => {
            run(commands.exportScenarioFile());
          }}
        >
          {t('scenarioFile.export')}
        </button>
        <button
          type="button"
          data-testid="scenario-import"
          onClick={() => {
            fileInput.current?.click();
          }}
        >
          {t('scenarioFile.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="scenario-import-file"
          aria-label={t('scenarioFile.import')}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            input.value = '';
            if (file !== undefined) run(commands.importScenarioFile(file));
          }}
        />
        <button
          type="button"
          data-testid="share-link"
          onClick={() => {
            run(share());
          }}
        >
          {t('share.copyLink')}
        </button>
      </div>
      {manualLink !== null ? (
        <label className="share-link-field">
          {t('share.copyManually')}
          <input
            ref={linkField}
            type="text"
            readOnly
            value={manualLink}
            data-testid="share-link-text"
            aria-label={t('share.linkLabel')}
            onFocus={(event) => {
              event.currentTarget.select();
            }}
          />
        </label>
      ) : null}
    </>
  );
}

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
  const restorable = useAppStore((state) => state.restorableScenarios);
  const current = scenarios.find((scenario) => scenario.id === currentId);
  const run = useRunCommand('storageMessage');
  // Switching, a new plan-only scenario, deleting, undo and redo recompute the figures.
  const { busy, runBusy } = useRecompute('storageMessage');
  const ask = (question: string, fallback: string): string | null => {
    const answer = window.prompt(question, fallback);
    return answer === null || answer.trim() === '' ? null : answer.trim().slice(0, 80);
  };
  return (
    <div className="scenario-bar" role="group" aria-label={t('scenario.heading')} aria-busy={busy}>
      <label>
        {t('scenario.heading')}
        <select
          value={currentId ?? ''}
          onChange={(event) => {
            runBusy(commands.switchScenario(event.currentTarget.value));
          }}
        >
          {scenarios.map((scenario) => (
            <option key={scenario.id} value={scenario.id}>
              {scenario.name}
            </option>
          ))}
        </select>
      </label>
      {busy ? <RecomputingNote testId="scenario-busy" /> : null}
      <div className="button-row">
        <button
          type="button"
          onClick={() => {
            const name = ask(t('scenario.askName'), t('scenario.defaultName'));
            if (name !== null) runBusy(commands.newScenario(name));
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
              runBusy(commands.deleteScenario());
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
            runBusy(commands.undo());
          }}
        >
          {t('scenario.undo')}
        </button>
        <button
          type="button"
          aria-keyshortcuts="Control+Shift+Z Control+Y"
          disabled={history.redo.length === 0}
          onClick={() => {
            runBusy(commands.redo());
          }}
        >
          {t('scenario.redo')}
        </button>
        <button
          type="button"
          aria-pressed={addNodeMode}
          onClick={() => {
            store.getState().setAddNodeMode(!addNodeMode);
          }}
        >
          {addNodeMode ? t('scenario.addNodeOn') : t('scenario.addNode')}
        </button>
      </div>
      <SavedWorkButtons />
      <SelectedNode />
      <p className="muted small">{t('scenario.editHelp')}</p>
      {storageMessage !== null ? (
        <p role="alert" className="coverage-message">
          {storageMessage}
        </p>
      ) : null}
      {restorable > 0 ? (
        <button
          type="button"
          data-testid="restore-quarantined"
          onClick={() => {
            run(commands.restoreQuarantined());
          }}
        >
          {t('scenario.restoreQuarantined', { count: restorable })}
        </button>
      ) : null}
    </div>
  );
}
