import type { ScenarioNode } from './scenario';

/** One reversible what-if edit. */
export type NodeEdit =
  | { readonly kind: 'add'; readonly node: ScenarioNode }
  | { readonly kind: 'remove'; readonly node: ScenarioNode }
  | { readonly kind: 'move'; readonly before: ScenarioNode; readonly after: ScenarioNode }
  | { readonly kind: 'retier'; readonly before: ScenarioNode; readonly after: ScenarioNode };

/** Undo and redo stacks; at least 50 steps are kept (the oldest fall off beyond the limit). */
export interface EditHistory {
  readonly undo: readonly NodeEdit[];
  readonly redo: readonly NodeEdit[];
}

export const EDIT_HISTORY_LIMIT = 200;
export const EMPTY_HISTORY: EditHistory = { undo: [], redo: [] };

/** Records a new edit: it becomes undoable and clears the redo stack. Returns a new history. */
export function recordEdit(history: EditHistory, edit: NodeEdit): EditHistory {
  const undo = [...history.undo, edit];
  return {
    undo: undo.length > EDIT_HISTORY_LIMIT ? undo.slice(-EDIT_HISTORY_LIMIT) : undo,
    redo: [],
  };
}

/** The edit that undoes `edit`. */
export function invertEdit(edit: NodeEdit): NodeEdit {
  switch (edit.kind) {
    case 'add':
      return { kind: 'remove', node: edit.node };
    case 'remove':
      return { kind: 'add', node: edit.node };
    case 'move':
      return { kind: 'move', before: edit.after, after: edit.before };
    case 'retier':
      return { kind: 'retier', before: edit.after, after: edit.before };
  }
}

/** Applies an edit to a node list without mutating it. */
export function applyEdit(nodes: readonly ScenarioNode[], edit: NodeEdit): ScenarioNode[] {
  switch (edit.kind) {
    case 'add':
      return [...nodes, edit.node];
    case 'remove':
      return nodes.filter((node) => node.id !== edit.node.id);
    case 'move':
    case 'retier':
      return nodes.map((node) => (node.id === edit.after.id ? edit.after : node));
  }
}

/** Pops the last edit: returns the edit to apply (the inverse) and the new history, or null. */
export function undoEdit(history: EditHistory): { edit: NodeEdit; history: EditHistory } | null {
  const last = history.undo.at(-1);
  if (last === undefined) return null;
  return {
    edit: invertEdit(last),
    history: { undo: history.undo.slice(0, -1), redo: [...history.redo, last] },
  };
}

/** Re-applies the last undone edit, or null when there is nothing to redo. */
export function redoEdit(history: EditHistory): { edit: NodeEdit; history: EditHistory } | null {
  const last = history.redo.at(-1);
  if (last === undefined) return null;
  return {
    edit: last,
    history: { undo: [...history.undo, last], redo: history.redo.slice(0, -1) },
  };
}
