// Flows: the workspace's list of funnels (create — blank or from the
// gallery —, rename, duplicate, delete, import, export) and which funnel
// opens at start-up.
import { create } from 'zustand';
import { backend, errorMessage } from '../../../api/backend';
import { funnelsApi, type FlowLink, type GalleryTemplate } from '../../../api/funnels';
import type { FlowInfo, Lang } from '../../../api/types';
import { translate } from '../../../i18n/dict';
import { keepViewportsOf } from '../canvas/viewports';
import { onFlowSaved, useEditor } from './editor';
import { PREF_LAST_FLOW, readPref } from '../../../stores/prefs';
import { useRefs } from '../../../stores/refs';
import { useSettings } from '../../../stores/settings';
import { toast } from '../../../stores/toasts';
import { msg, say, type Message } from '../../../i18n/message';

interface FlowsState {
  items: FlowInfo[];
  loading: boolean;
  loaded: boolean;
  /** gallery holds the ready funnels once loaded (null before). */
  gallery: GalleryTemplate[] | null;
  galleryLoading: boolean;
  /** links are the "Go to another funnel" steps of every funnel (the map), null before loaded. */
  links: FlowLink[] | null;
  load(): Promise<void>;
  /**
   * start loads the list and reopens the last funnel opened, or the first
   * one: the app never opens on an empty canvas when funnels exist.
   */
  start(): Promise<void>;
  /** create makes a flow, opens it and returns its id (null on failure). */
  create(name: string): Promise<string | null>;
  loadGallery(): Promise<void>;
  /** createFromTemplate copies a ready funnel (and its emails) into a new draft, opens it and returns its id. */
  createFromTemplate(templateId: string): Promise<string | null>;
  /** rename changes a flow's name by saving it. */
  rename(id: string, name: string): Promise<boolean>;
  /** duplicate copies a funnel's draft under a new name, opens the copy and returns its id. */
  duplicate(id: string): Promise<string | null>;
  remove(id: string): Promise<boolean>;
  /** exportText returns a funnel as its .flow.json text (the draft, with unsaved changes saved first). */
  exportText(id: string): Promise<string | null>;
  /** importText reads a .flow.json text into a new draft and opens it; a syntax error says line and column. */
  importText(fileName: string, text: string): Promise<string | null>;
  loadLinks(): Promise<void>;
}

function lang(): Lang {
  return useSettings.getState().lang;
}

/** SYNTAX_ERROR matches the engine's "file:line:column: message". */
const SYNTAX_ERROR = /^(.*?):(\d+):(\d+): (.*)$/s;

/** importMessage is an import failure in plain words, with line and column when the file is malformed. */
export function importMessage(fileName: string, message: string): Message {
  const m = SYNTAX_ERROR.exec(message);
  if (m) return msg('import.syntax', { file: fileName, line: m[2]!, column: m[3]!, message: m[4]! });
  return msg('import.failed', { file: fileName, message });
}

/** importError writes an import failure in lang. */
export function importError(l: Lang, fileName: string, message: string): string {
  return say(l, importMessage(fileName, message));
}

export const useFlows = create<FlowsState>()((set, get) => ({
  items: [],
  loading: false,
  loaded: false,
  gallery: null,
  galleryLoading: false,
  links: null,
  async load() {
    set({ loading: true });
    try {
      const items = await backend().listFlows();
      set({ items: items ?? [], loading: false, loaded: true });
      keepViewportsOf((items ?? []).map((f) => f.id));
    } catch (err) {
      set({ loading: false, loaded: true });
      toast('error', errorMessage(err));
    }
  },
  async start() {
    await get().load();
    const ed = useEditor.getState();
    if (ed.flowId || ed.loading) return; // the user was quicker
    const usable = get().items.filter((f) => !f.error);
    const last = readPref(PREF_LAST_FLOW);
    const pick = usable.find((f) => f.id === last) ?? usable[0];
    if (pick) await ed.open(pick.id);
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
  async loadGallery() {
    if (get().gallery || get().galleryLoading) return;
    set({ galleryLoading: true });
    try {
      const gallery = await funnelsApi().gallery();
      set({ gallery, galleryLoading: false });
    } catch (err) {
      set({ galleryLoading: false });
      toast('error', errorMessage(err));
    }
  },
  async createFromTemplate(templateId) {
    try {
      await useEditor.getState().flush();
      const doc = await funnelsApi().createFromTemplate(templateId);
      // The template brought its emails (and lists, tags) into the
      // workspace: the cards name them from the references, which are read
      // again first (they once said "Missing email" until a step was
      // clicked).
      await useRefs.getState().refresh();
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
  async duplicate(id) {
    try {
      const editor = useEditor.getState();
      if (editor.flowId === id) await editor.flush();
      const orig = await backend().getFlow(id);
      if (!orig.flow) throw new Error(orig.info?.error ?? id);
      const name = translate(lang(), 'flows.copyName', { name: orig.flow.name });
      const made = await backend().createFlow(name);
      const newId = made.flow?.id ?? made.info.id;
      const doc = await backend().saveFlow({ ...orig.flow, id: newId, name });
      await editor.flush();
      useEditor.getState().load(doc);
      await get().load();
      toast('success', msg('flows.duplicated', { name }));
      return newId;
    } catch (err) {
      toast('error', errorMessage(err));
      return null;
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
  async exportText(id) {
    try {
      if (useEditor.getState().flowId === id) await useEditor.getState().flush();
      return await funnelsApi().exportFlow(id);
    } catch (err) {
      toast('error', errorMessage(err));
      return null;
    }
  },
  async importText(fileName, text) {
    try {
      await useEditor.getState().flush();
      const doc = await funnelsApi().importFlow(fileName, text);
      useEditor.getState().load(doc);
      await get().load();
      toast('success', msg('import.done', { name: doc.flow?.name ?? doc.info.name }));
      return doc.flow?.id ?? doc.info.id;
    } catch (err) {
      toast('error', importMessage(fileName, errorMessage(err)), 'import');
      return null;
    }
  },
  async loadLinks() {
    try {
      const [links] = await Promise.all([funnelsApi().flowLinks(), get().load()]);
      set({ links });
    } catch (err) {
      set({ links: [] });
      toast('error', errorMessage(err));
    }
  },
}));

onFlowSaved(() => useFlows.getState().load());
