// Editor: the open flow on the canvas. It owns React Flow's nodes and edges,
// undo/redo, the clipboard, validation (debounced ValidateFlow) and the
// draft's autosave (debounced SaveFlow). It is made of slices, one file
// each: document (the flow and its edits), history (undo/redo), clipboard,
// autosave (validation, saving, publishing), view (numbers, path,
// failures, focus) and frames (frames and the layout direction); they reach each other only through get().
import { create } from 'zustand';
import { createAutosaveSlice } from './editor.autosave';
import { createClipboardSlice } from './editor.clipboard';
import { createDocumentSlice } from './editor.document';
import { createFramesSlice } from './editor.frames';
import { createHistorySlice } from './editor.history';
import type { EditorState } from './editor.types';
import { createViewSlice } from './editor.view';

export type { EditorState } from './editor.types';
export type { FocusRequest } from './editor.view';
export { editorTiming, isDirty, onFlowSaved } from './editor.autosave';
export { HISTORY_LIMIT } from './editor.history';
export { PASTE_OFFSET } from './editor.clipboard';

export const useEditor = create<EditorState>()((...a) => ({
  ...createDocumentSlice(...a),
  ...createHistorySlice(...a),
  ...createClipboardSlice(...a),
  ...createAutosaveSlice(...a),
  ...createViewSlice(...a),
  ...createFramesSlice(...a),
}));

/** cancelTimers stops pending validation and autosave (tests, teardown). */
export function cancelTimers(): void {
  useEditor.getState().stopTimers();
}
