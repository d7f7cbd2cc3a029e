// Catalogue: the node types the engine offers, and the names the pickers list.
import { create } from 'zustand';
import { backend, errorMessage } from '../api/backend';
import type { FieldType } from '../api/fieldTypes';
import { EMPTY_LOOKUPS, type Lookups, type NodeSpec } from '../api/types';
import { toast } from './toasts';

interface CatalogueState {
  specs: NodeSpec[];
  byType: Record<string, NodeSpec>;
  fieldTypes: FieldType[];
  lookups: Lookups;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  load(): Promise<void>;
  loadLookups(): Promise<void>;
  /** setSpecs installs a catalogue directly (tests, fixtures). */
  setSpecs(specs: NodeSpec[]): void;
}

function index(specs: NodeSpec[]): Record<string, NodeSpec> {
  const out: Record<string, NodeSpec> = {};
  for (const s of specs) out[s.type] = s;
  return out;
}

export const useCatalogue = create<CatalogueState>()((set, get) => ({
  specs: [],
  byType: {},
  fieldTypes: [],
  lookups: EMPTY_LOOKUPS,
  status: 'idle',
  error: null,
  async load() {
    set({ status: 'loading', error: null });
    try {
      const [specs, fieldTypes] = await Promise.all([backend().catalogue(), backend().fieldTypes()]);
      set({ specs, byType: index(specs), fieldTypes, status: 'ready' });
    } catch (err) {
      const msg = errorMessage(err);
      set({ status: 'error', error: msg });
      toast('error', msg);
    }
    await get().loadLookups();
  },
  async loadLookups() {
    try {
      const l = await backend().getLookups();
      set({ lookups: { ...EMPTY_LOOKUPS, ...stripNulls(l) } });
    } catch (err) {
      toast('error', errorMessage(err));
    }
  },
  setSpecs(specs) {
    set({ specs, byType: index(specs), status: 'ready', error: null });
  },
}));

function stripNulls(l: Lookups): Partial<Lookups> {
  const out: Partial<Lookups> = {};
  for (const [k, v] of Object.entries(l)) {
    if (Array.isArray(v)) out[k as keyof Lookups] = v;
  }
  return out;
}

/** specOf returns the spec of a node type from the loaded catalogue. */
export function specOf(type: string): NodeSpec | undefined {
  return useCatalogue.getState().byType[type];
}
