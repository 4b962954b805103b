import { createContext, useContext } from 'react';
import type { CorrectionCommands } from '../../state/correction-commands';

export type { CorrectionCommands };

export const CorrectionCommandsContext = createContext<CorrectionCommands | null>(null);

/** The correction commands of the nearest provider, or null where corrections are not offered. */
export function useCorrectionCommands(): CorrectionCommands | null {
  return useContext(CorrectionCommandsContext);
}
