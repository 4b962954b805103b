import { createContext, useContext } from 'react';
import type { ImportOptions } from '../../core/import/import-types';
import type { ImportInput, ImportOutcome } from '../../app/import-controller';

/** What the import panel can ask of the app; implemented in src/app. */
export interface ImportCommands {
  importFile(input: ImportInput, options: ImportOptions): Promise<ImportOutcome>;
  cancel(): void;
  remove(layerId: string): Promise<void>;
  /** A new scenario with the layer's points as fresh-food nodes (plus the plan's, unless `only`). */
  useAsNodes(layerId: string, only: boolean): Promise<void>;
  /** The coverage analysis uses this layer's population, or the model again with null. */
  useAsDemand(layerId: string | null): Promise<void>;
}

export const ImportCommandsContext = createContext<ImportCommands | null>(null);

export function useImportCommands(): ImportCommands {
  const commands = useContext(ImportCommandsContext);
  if (commands === null) throw new Error('useImportCommands needs an ImportCommandsContext.');
  return commands;
}
