// Flows: the workspace's list of funnels (create, rename, delete).
import { create } from 'zustand';
import { backend, errorMessage } from '../api/backend';
import type { FlowInfo } from '../api/types';
import { onFlowSaved, useEditor } from './editor';
import { toast } from './toasts';

interface FlowsState {
  items: FlowInfo[];
  loading: boolean;
  loaded: boolean;
  load(): Promise<void>;
  /** create makes a flow, opens it and returns its id (null on failure). */
  create(name: string): Promise<string | null>;
  /** rename changes a flow's name by saving it. */
  rename(id: string, name: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

export const useFlows = create<FlowsState>()((set, get) => ({
  items: [],
  loading: false,
  loaded: false,
  async load() {
    set({ loading: true });
    try {
      const items = await backend().listFlows();
      set({ items: items ?? [], loading: false, loaded: true });
    } catch (err) {
      set({ loading: false, loaded: true });
      toast('error', errorMessage(err));
    }
  },
  async create(name) {
    try {
      await useEditor.getState().flush();
      const doc = await backend().createFlow(name);
      useEditor.getState().load(doc);
      await get().load();
      return doc.flow?.id ?? doc.info.id;
    } catch (err) {
      toast('error', errorMessage(err));
      return null;
    }
  },
  async rename(id, name) {
    const clean = name.trim();
    if (!clean) return false;
    try {
      const editor = useEditor.getState();
      if (editor.flowId === id && editor.meta) {
        await editor.rename(clean);
      } else {
        const doc = await backend().getFlow(id);
        if (!doc.flow) throw new Error(doc.info?.error ?? id);
        await backend().saveFlow({ ...doc.flow, name: clean });
      }
      await get().load();
      return true;
    } catch (err) {
      toast('error', errorMessage(err));
      return false;
    }
  },
  async remove(id) {
    try {
      await backend().deleteFlow(id);
      if (useEditor.getState().flowId === id) useEditor.getState().close();
      await get().load();
      return true;
    } catch (err) {
      toast('error', errorMessage(err));
      return false;
    }
  },
}));

onFlowSaved(() => useFlows.getState().load());
