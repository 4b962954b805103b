import type { AppStore } from '../../state/app-store';

/** The commands the coverage keys run. */
export interface KeyCommands {
  undo(): Promise<void>;
  redo(): Promise<void>;
  removeNode(id: string): Promise<void>;
}

/**
 * The coverage analysis's keys: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z and Ctrl/⌘+Y redo, Delete or
 * Backspace removes the selected node. Ignored while typing in a field. Returns the listener.
 */
export function coverageKeyHandler(
  store: AppStore,
  commands: KeyCommands,
  report: (error: unknown) => void,
): (event: KeyboardEvent) => void {
  return (event) => {
    const target = event.target;
    if (
      target instanceof HTMLElement &&
      (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
    )
      return;
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && key === 'z') {
      event.preventDefault();
      void (event.shiftKey ? commands.redo() : commands.undo()).catch(report);
    } else if ((event.ctrlKey || event.metaKey) && key === 'y') {
      event.preventDefault();
      void commands.redo().catch(report);
    } else if (key === 'delete' || key === 'backspace') {
      const id = store.getState().selectedNodeId;
      if (id !== null) void commands.removeNode(id).catch(report);
    }
  };
}
