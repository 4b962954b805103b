import { createContext, useContext } from 'react';
import type { ImportCommands } from '../../state/import-commands';

export type { ImportCommands };

export const ImportCommandsContext = createContext<ImportCommands | null>(null);

export function useImportCommands(): ImportCommands {
  const commands = useContext(ImportCommandsContext);
  if (commands === null) throw new Error('useImportCommands needs an ImportCommandsContext.');
  return commands;
}
