// Funnel: what the builder shows about the open funnel beyond its draft —
// live numbers, published versions (restore, publish with its impact) and
// a contact's path. It draws on the canvas through the editor's overlay and
// path.
import { create } from 'zustand';
import { errorMessage } from '../../../api/backend';
import { funnelsApi, type LiveImpact, type PathStep, type Version } from '../../../api/funnels';
import type { Lang } from '../../../api/types';
import { countsToOverlay, pathHighlight } from '../canvas/overlay';
import { translate } from '../../../i18n/dict';
import { useEditor } from './editor';
import { useFlows } from './flows';
import { useSettings } from '../../../stores/settings';
import { toast } from '../../../stores/toasts';
import { msg } from '../../../i18n/message';

/** LIVE_POLL_MS is how often the live numbers are read while the canvas is visible. */
export const LIVE_POLL_MS = 3000;

/** Panel is what the right-hand side shows. */
export type Panel = 'settings' | 'history' | 'path';

/** PublishQuestion asks before publishing over contacts inside the funnel. */
export interface PublishQuestion extends LiveImpact {
  flowId: string;
}

/** PathResult is a contact's journal in the open funnel. */
export interface PathResult {
  contactId: number;
  flowId: string;
  steps: PathStep[];
}

export interface FunnelState {
  panel: Panel;
  /** liveAt is when the live numbers were last read (ms since epoch), 0 never. */
  liveAt: number;
  liveError: string | null;
  versions: Version[];
  versionsFor: string | null;
  versionsLoading: boolean;
  restoring: number | null;
  publishQuestion: PublishQuestion | null;
  pathLoading: boolean;
  pathError: string | null;
  pathResult: PathResult | null;

  setPanel(p: Panel): void;
  /** refreshLive reads the open funnel's live numbers into the canvas overlay (published funnels only). */
  refreshLive(): Promise<void>;
  loadVersions(): Promise<void>;
  /** restore makes a published version the draft again and opens it. */
  restore(version: number): Promise<boolean>;
  /**
   * requestPublish publishes the open funnel, first asking (publishQuestion)
   * when contacts are inside it: they stay on their version.
   */
  requestPublish(): Promise<void>;
  confirmPublish(): Promise<boolean>;
  cancelPublish(): void;
  /** findPath explains a contact's way through the open funnel; `who` is a contact number or an email. */
  findPath(who: string): Promise<void>;
  clearPath(): void;
  /** reset forgets everything about the previous funnel (another one was opened). */
  reset(): void;
}

function lang(): Lang {
  return useSettings.getState().lang;
}

const blank = {
  liveAt: 0,
  liveError: null,
  versions: [] as Version[],
  versionsFor: null,
  versionsLoading: false,
  restoring: null,
  publishQuestion: null,
  pathLoading: false,
  pathError: null,
  pathResult: null,
};

export const useFunnel = create<FunnelState>()((set, get) => ({
  panel: 'settings',
  ...blank,

  setPanel(panel) {
    set({ panel });
    if (panel === 'history') void get().loadVersions();
  },

  async refreshLive() {
    const ed = useEditor.getState();
    const id = ed.flowId;
    if (!id || !ed.meta || !(ed.info?.published_version ?? 0)) return;
    // A simulation's numbers stay until the simulation removes them.
    if (ed.overlay && ed.overlay.source !== 'live') return;
    try {
      const counts = await funnelsApi().flowCounts(id);
      if (useEditor.getState().flowId !== id) return;
      const cur = useEditor.getState().overlay;
      if (cur && cur.source !== 'live') return;
      const overlay = countsToOverlay(counts);
      // Steps nobody reached yet read 0, like the links.
      for (const n of useEditor.getState().nodes) if (n.type === 'step') overlay.nodes[n.id] ??= { entered: 0, waiting: 0, errors: 0 };
      useEditor.getState().setOverlay(overlay);
      set({ liveAt: Date.now(), liveError: null });
    } catch (err) {
      // Shown once in the toolbar's tooltip, not as a toast every 3 s.
      set({ liveError: errorMessage(err) });
    }
  },

  async loadVersions() {
    const id = useEditor.getState().flowId;
    if (!id) return;
    set({ versionsLoading: true });
    try {
      const versions = await funnelsApi().versions(id);
      if (useEditor.getState().flowId !== id) return;
      set({ versions, versionsFor: id, versionsLoading: false });
    } catch (err) {
      set({ versionsLoading: false });
      toast('error', errorMessage(err));
    }
  },

  async restore(version) {
    const id = useEditor.getState().flowId;
    if (!id) return false;
    set({ restoring: version });
    try {
      const doc = await funnelsApi().restoreVersion(id, version);
      if (useEditor.getState().flowId === id) {
        get().clearPath();
        useEditor.getState().load(doc);
        void get().refreshLive();
      }
      toast('success', msg('history.restored', { version }), 'restore');
      void useFlows.getState().load();
      return true;
    } catch (err) {
      toast('error', errorMessage(err), 'restore');
      return false;
    } finally {
      set({ restoring: null });
    }
  },

  async requestPublish() {
    const ed = useEditor.getState();
    const id = ed.flowId;
    if (!id || !ed.meta) return;
    // With problems left, publishing is refused anyway: say why at once.
    if (!ed.issues.some((i) => i.severity === 'error')) {
      try {
        const impact = await funnelsApi().publishImpact(id);
        if (impact.active > 0 && impact.published_version > 0) {
          set({ publishQuestion: { ...impact, flowId: id } });
          return;
        }
      } catch {
        // Not knowing the impact does not stop a publish: the engine keeps
        // contacts on their version either way.
      }
    }
    await publishNow();
  },

  async confirmPublish() {
    const q = get().publishQuestion;
    set({ publishQuestion: null });
    if (!q || useEditor.getState().flowId !== q.flowId) return false;
    return publishNow();
  },

  cancelPublish() {
    set({ publishQuestion: null });
  },

  async findPath(who) {
    const flowId = useEditor.getState().flowId;
    const q = who.trim();
    if (!flowId) return;
    if (!q) {
      set({ pathError: translate(lang(), 'path.needWho'), pathResult: null });
      return;
    }
    set({ pathLoading: true, pathError: null });
    try {
      let contactId: number;
      if (/^\d+$/.test(q)) contactId = Number(q);
      else if (q.includes('@')) contactId = await funnelsApi().contactByEmail(q);
      else throw new Error(translate(lang(), 'path.badWho'));
      const steps = await funnelsApi().contactPath(contactId, flowId);
      if (useEditor.getState().flowId !== flowId) return;
      set({ pathLoading: false, pathResult: { contactId, flowId, steps } });
      useEditor.getState().setPath(steps.length > 0 ? pathHighlight(steps) : null);
    } catch (err) {
      set({ pathLoading: false, pathError: errorMessage(err), pathResult: null });
      useEditor.getState().setPath(null);
    }
  },

  clearPath() {
    set({ pathResult: null, pathError: null });
    useEditor.getState().setPath(null);
  },

  reset() {
    set({ ...blank });
  },
}));

async function publishNow(): Promise<boolean> {
  const ok = await useEditor.getState().publish();
  if (ok) {
    const f = useFunnel.getState();
    if (f.versionsFor) void f.loadVersions();
    void f.refreshLive();
  }
  return ok;
}

// A funnel opened (or closed): what was shown about the previous one goes.
useEditor.subscribe((s, prev) => {
  if (s.flowId !== prev.flowId) useFunnel.getState().reset();
});
