import { createContext, useContext } from 'react';
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
