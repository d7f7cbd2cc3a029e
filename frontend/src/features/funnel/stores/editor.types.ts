// The editor store's whole state, as the union of its slices. Each slice
// (document, history, clipboard, autosave, view) is written in its own
// file against this type, and reaches the others only through get(): the
// slices can then be built, and tested, alone with stand-ins for the rest.
import type { StateCreator } from 'zustand';
import type { AutosaveSlice } from './editor.autosave';
import type { ClipboardSlice } from './editor.clipboard';
import type { DocumentSlice } from './editor.document';
import type { FramesSlice } from './editor.frames';
import type { HistorySlice } from './editor.history';
import type { ViewSlice } from './editor.view';

/** EditorState is the open flow on the canvas: every slice's fields and actions. */
export type EditorState = DocumentSlice & HistorySlice & ClipboardSlice & AutosaveSlice & ViewSlice & FramesSlice;

/** EditorSlice builds one slice of the editor store. */
export type EditorSlice<T> = StateCreator<EditorState, [], [], T>;
