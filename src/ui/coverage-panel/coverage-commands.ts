import { createContext, useContext, useState } from 'react';
import { useAppStoreApi } from '../../state/store-context';
import type { CoverageCommands } from '../../state/coverage-commands';

export type { CoverageCommands };

export const CoverageCommandsContext = createContext<CoverageCommands | null>(null);

/** The coverage commands of the nearest provider. */
export function useCoverageCommands(): CoverageCommands {
  const commands = useContext(CoverageCommandsContext);
  if (commands === null)
    throw new Error('useCoverageCommands needs a CoverageCommandsContext provider.');
  return commands;
}

/**
 * Runs a coverage command from an event handler and shows its failure as a sentence in the panel
 * (`analysisMessage`, or `storageMessage` for saved-work commands) instead of losing it.
 */
export function useRunCommand(
  field: 'analysisMessage' | 'storageMessage' = 'analysisMessage',
): (promise: Promise<unknown>) => void {
  const store = useAppStoreApi();
  return (promise) => {
    promise.catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (field === 'storageMessage') store.getState().setStorageMessage(message);
      else store.getState().setAnalysisMessage(message);
    });
  };
}

/**
 * Runs a command that recomputes the figures, from any control: `busy` is true until it settles
 * (for the control's `aria-busy` and its {@link RecomputingNote}), the store counts it
 * (`recomputing`, so the figures say they are about to change) and a failure is shown as
 * {@link useRunCommand} shows it. `done` runs when it settles.
 */
export function useRecompute(field: 'analysisMessage' | 'storageMessage' = 'analysisMessage'): {
  busy: boolean;
  runBusy: (promise: Promise<unknown>, done?: () => void) => void;
} {
  const store = useAppStoreApi();
  const run = useRunCommand(field);
  const [pending, setPending] = useState(0);
  return {
    busy: pending > 0,
    runBusy: (promise, done) => {
      setPending((count) => count + 1);
      store.getState().countRecompute(1);
      run(promise);
      void promise
        .finally(() => {
          setPending((count) => count - 1);
          store.getState().countRecompute(-1);
          done?.();
        })
        .catch(() => undefined);
    },
  };
}
