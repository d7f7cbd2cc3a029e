// sliceStore builds a store from some of the editor's slices, with
// stand-ins for the rest, so that each slice is tested alone.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { EditorSlice, EditorState } from './editor.types';

/** sliceStore makes a store of the given slices; `rest` stands in for the other slices' fields and actions. */
export function sliceStore(slices: EditorSlice<object>[], rest: Partial<EditorState> = {}): UseBoundStore<StoreApi<EditorState>> {
  return create<EditorState>()((set, get, api) => {
    const built = Object.assign({}, ...slices.map((s) => s(set, get, api))) as Partial<EditorState>;
    return { ...built, ...rest } as EditorState;
  });
}
