import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ShareLinkOutcome } from '../../src/core/share/share-link';
import {
  CoverageCommandsContext,
  type CoverageCommands,
} from '../../src/ui/coverage-panel/coverage-commands';
import { ScenarioBar } from '../../src/ui/coverage-panel/scenario-bar';
import { loadedStore, renderWithStore } from '../ui/render';

function baseCommands(): CoverageCommands {
  const later = () => Promise.resolve();
  return {
    start: later,
    setRule: later,
    setQualifyingLayers: later,
    setNodeScope: later,
    compareScopes: later,
    addNode: () => Promise.resolve('n'),
    moveNode: later,
    removeNode: later,
    setTier: later,
    undo: later,
    redo: later,
    suggest: later,
    reachRate: later,
    addCandidates: later,
    newScenario: later,
    duplicateScenario: later,
    renameScenario: later,
    deleteScenario: later,
    switchScenario: later,
    restoreQuarantined: later,
    exportReport: () => undefined,
    exportGeoJson: () => undefined,
    exportScenarioFile: later,
    importScenarioFile: () => Promise.resolve('x'),
    createShareLink: () => Promise.resolve({ kind: 'link', url: 'http://localhost/' }),
    openShareLink: later,
    answerShareOffer: () => undefined,
    setOutletTypes: later,
    downloadOutletTemplate: later,
  };
}

function fakeCommands(share: ShareLinkOutcome) {
  const mocks = {
    exportScenarioFile: vi.fn(() => Promise.resolve()),
    importScenarioFile: vi.fn((_file: File) => Promise.resolve('x (imported)')),
    createShareLink: vi.fn(() => Promise.resolve(share)),
    restoreQuarantined: vi.fn(() => Promise.resolve()),
  };
  const commands: CoverageCommands = { ...baseCommands(), ...mocks };
  return { commands, mocks };
}

function renderBar(share: ShareLinkOutcome = { kind: 'link', url: 'http://atlas.test/#s=abc' }) {
  const store = loadedStore();
  store.getState().setLang('en');
  store.getState().listScenario({ id: 's1', name: 'Plan A' });
  store.setState({ currentScenarioId: 's1' });
  const { commands, mocks } = fakeCommands(share);
  const result = renderWithStore(
    <CoverageCommandsContext.Provider value={commands}>
      <ScenarioBar />
    </CoverageCommandsContext.Provider>,
    store,
  );
  return { ...result, commands: mocks };
}

function setClipboard(writeText: ((text: string) => Promise<void>) | undefined) {
  Object.defineProperty(navigator, 'clipboard', {
    value: writeText === undefined ? undefined : { writeText },
    configurable: true,
  });
}

afterEach(() => {
  setClipboard(undefined);
});

describe('ScenarioBar saved-work buttons', () => {
  it('exports the scenario and imports a chosen file', async () => {
    const { commands } = renderBar();
    await userEvent.click(screen.getByRole('button', { name: 'Export scenario' }));
    expect(commands.exportScenarioFile).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Import scenario…' })).toBeEnabled();
    const input = screen.getByTestId('scenario-import-file');
    expect(input).toHaveAttribute('accept', '.json,application/json');
    const file = new File(['{}'], 'plan.cq-scenario.json', { type: 'application/json' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(commands.importScenarioFile).toHaveBeenCalledWith(file);
  });

  it('offers to restore quarantined scenarios only while there are some', async () => {
    const { commands, store } = renderBar();
    expect(screen.queryByTestId('restore-quarantined')).toBeNull();
    act(() => {
      store.getState().setRestorableScenarios(2);
    });
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Restore the valid nodes of quarantined scenarios (2)',
      }),
    );
    expect(commands.restoreQuarantined).toHaveBeenCalledTimes(1);
  });

  it('shows an import failure as text in the panel, never as HTML', async () => {
    const { commands, store } = renderBar();
    commands.importScenarioFile.mockRejectedValueOnce(
      new Error('The scenario file could not be opened: <img src=x onerror=alert(1)>'),
    );
    fireEvent.change(screen.getByTestId('scenario-import-file'), {
      target: { files: [new File(['x'], 'bad.json')] },
    });
    await waitFor(() => {
      expect(store.getState().storageMessage).toContain('could not be opened');
    });
    expect(screen.getByRole('alert').textContent).toContain('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });

  it('copies the share link to the clipboard', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    setClipboard(writeText);
    const { store } = renderBar();
    await userEvent.click(screen.getByRole('button', { name: 'Copy share link' }));
    await waitFor(() => {
      expect(writeText).toHaveBeenCalledWith('http://atlas.test/#s=abc');
    });
    expect(store.getState().storageMessage).toContain('Share link copied');
    expect(screen.queryByTestId('share-link-text')).toBeNull();
  });

  it('shows the link in a read-only field when the clipboard is refused', async () => {
    setClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    renderBar();
    await userEvent.click(screen.getByRole('button', { name: 'Copy share link' }));
    const field = await screen.findByRole('textbox', { name: 'Share link' });
    expect(field).toHaveValue('http://atlas.test/#s=abc');
    expect(field).toHaveAttribute('readonly');
  });

  it('says why a share file was downloaded instead of a too-long link', async () => {
    const { store } = renderBar({
      kind: 'file',
      fileName: 'share.cq-scenario.json',
      urlLength: 12345,
    });
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Copy share link' }));
    });
    await waitFor(() => {
      expect(store.getState().storageMessage).toContain('12345 characters');
    });
    expect(store.getState().storageMessage).toContain('8000');
    expect(store.getState().storageMessage).toContain('share.cq-scenario.json');
  });
});
