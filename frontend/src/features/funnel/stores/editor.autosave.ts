// The editor's checks and saving: each change is validated by the engine
// (debounced ValidateFlow) and the draft saved (debounced SaveFlow);
// publishing saves first and says which step stands in the way.
import { backend, errorMessage } from '../../../api/backend';
import type { Issue, Lang } from '../../../api/types';
import type { DraftStamp } from '../../../api/types.gen';
import { canvasToFlow } from '../canvas/convert';
import { issueText } from '../canvas/issues';
import { tx } from '../../../i18n/dict';
import { specOf } from '../../../stores/catalogue';
import { toast, useToasts } from '../../../stores/toasts';
import type { EditorSlice, EditorState } from './editor.types';
import { msg } from '../../../i18n/message';

/** Timing of the debounced calls; tests shorten or drive them. */
export const editorTiming = { validateMs: 350, autosaveMs: 1500, coalesceMs: 1000 };

export interface AutosaveSlice {
  issues: Issue[];
  /** issuesByNode groups issues by node id ("" for the flow itself); arrays are kept when unchanged. */
  issuesByNode: Record<string, Issue[]>;
  /** changeSeq counts changes; savedSeq is the change the last save wrote. */
  changeSeq: number;
  savedSeq: number;
  /** checkedSeq is the change the issues shown were computed for. */
  checkedSeq: number;
  saving: boolean;
  saveError: string | null;
  publishing: boolean;
  validate(): Promise<void>;
  /** save saves the draft on the version loaded (onVersion: on another one, to replace a save made since). */
  save(onVersion?: number): Promise<boolean>;
  /** flush saves now when there are unsaved changes. */
  flush(): Promise<void>;
  publish(): Promise<boolean>;
  /** markChanged marks the draft as edited and schedules validation and autosave (for the other slices, after each change). */
  markChanged(): void;
  /** stopTimers cancels the pending validation and autosave. */
  stopTimers(): void;
}

/** freshChecks is the checking state of a flow just opened (or of none). */
export function freshChecks(issues: Issue[]): Pick<AutosaveSlice, 'issues' | 'issuesByNode' | 'changeSeq' | 'savedSeq' | 'checkedSeq'> {
  return { issues, issuesByNode: groupIssues(issues, {}), changeSeq: 0, savedSeq: 0, checkedSeq: 0 };
}

/** groupIssues groups issues by node id, keeping `prev`'s array for a node whose issues did not change. */
export function groupIssues(issues: Issue[], prev: Record<string, Issue[]>): Record<string, Issue[]> {
  const grouped: Record<string, Issue[]> = {};
  for (const i of issues) (grouped[i.node_id ?? ''] ??= []).push(i);
  // Keep the previous array when a node's issues did not change, so only the
  // nodes whose problems changed re-render.
  for (const [id, list] of Object.entries(grouped)) {
    const old = prev[id];
    if (old && JSON.stringify(old) === JSON.stringify(list)) grouped[id] = old;
  }
  return grouped;
}

export const createAutosaveSlice: EditorSlice<AutosaveSlice> = (set, get) => {
  let validateTimer: ReturnType<typeof setTimeout> | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  function currentFlow() {
    const { meta, nodes, edges } = get();
    return meta ? canvasToFlow({ meta, nodes, edges }) : null;
  }

  // The saves in flight, and the last one asked for (the next waits for it).
  let inFlight = 0;
  let lastSave: Promise<boolean> = Promise.resolve(true);
  // saveNow is one save of the draft, on the version loaded or onVersion.
  async function saveNow(onVersion?: number): Promise<boolean> {
    const flow = currentFlow();
    if (!flow) return false;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    const seq = get().changeSeq;
    const id = flow.id;
    set({ saving: true });
    try {
      const api = backend();
      let doc;
      if (api.saveDraft) {
        // On the version loaded: someone's save since refuses it (a team workspace).
        const res = await api.saveDraft(flow, onVersion ?? get().info?.draft_version ?? 0);
        if (res.conflict) {
          if (get().flowId === id) set({ saving: false });
          draftConflict(id, res.conflict);
          return false;
        }
        doc = res.doc;
      } else doc = await api.saveFlow(flow);
      if (get().flowId !== id) return true;
      set((s) => ({
        saving: false,
        saveError: null,
        savedSeq: Math.max(s.savedSeq, seq),
        info: doc.info ?? s.info,
        ...(s.changeSeq === seq ? { issues: doc.issues ?? [], issuesByNode: groupIssues(doc.issues ?? [], s.issuesByNode), checkedSeq: seq } : {}),
      }));
      useToasts.getState().dismissKey('save');
      void refreshFlowList();
      return true;
    } catch (err) {
      const msg = errorMessage(err);
      if (get().flowId === id) set({ saving: false, saveError: msg });
      toast('error', { key: 'toast.saveFailed', params: { message: msg } }, 'save');
      return false;
    }
  }

  return {
    issues: [],
    issuesByNode: {},
    changeSeq: 0,
    savedSeq: 0,
    checkedSeq: 0,
    saving: false,
    saveError: null,
    publishing: false,

    markChanged() {
      set((s) => ({ changeSeq: s.changeSeq + 1 }));
      if (validateTimer) clearTimeout(validateTimer);
      validateTimer = setTimeout(() => void get().validate(), editorTiming.validateMs);
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void get().save(), editorTiming.autosaveMs);
    },

    stopTimers() {
      if (validateTimer) clearTimeout(validateTimer);
      if (saveTimer) clearTimeout(saveTimer);
      validateTimer = saveTimer = undefined;
    },

    async validate() {
      const flow = currentFlow();
      if (!flow) return;
      const seq = get().changeSeq;
      const id = flow.id;
      try {
        const issues = (await backend().validateFlow(flow)) ?? [];
        if (get().changeSeq !== seq || get().flowId !== id) return; // stale
        set((s) => ({ issues, issuesByNode: groupIssues(issues, s.issuesByNode), checkedSeq: seq }));
      } catch (err) {
        toast('error', errorMessage(err));
      }
    },

    async save(onVersion) {
      // One save at a time: a second sent before the first returned went on
      // the same draft version and was refused as someone else's save. With
      // none in flight it starts at once (it saves the draft as it is now).
      const run = inFlight === 0 ? saveNow(onVersion) : lastSave.then(() => saveNow(onVersion));
      inFlight++;
      lastSave = run.catch(() => false);
      try {
        return await run;
      } finally {
        inFlight--;
      }
    },

    async flush() {
      const { meta, changeSeq, savedSeq } = get();
      if (!meta) return;
      if (changeSeq !== savedSeq) await get().save();
    },

    async publish() {
      const id = get().flowId;
      if (!id || !get().meta) return false;
      set({ publishing: true });
      try {
        if (get().changeSeq !== get().savedSeq && !(await get().save())) return false;
        const doc = await backend().publishFlow(id);
        if (get().flowId === id) {
          set((s) => ({ info: doc.info ?? s.info, issues: doc.issues ?? s.issues, issuesByNode: groupIssues(doc.issues ?? s.issues, s.issuesByNode) }));
        }
        toast('success', msg('toast.published', { version: String(doc.info?.published_version ?? '') }), 'publish');
        void refreshFlowList();
        return true;
      } catch (err) {
        // The engine refuses while errors remain; say it in the UI's
        // language, naming the first step at fault, and select that step.
        const errors = get().issues.filter((i) => i.severity === 'error');
        const first = errors.find((i) => i.node_id) ?? errors[0];
        const node = first?.node_id ? get().nodes.find((n) => n.id === first.node_id) : undefined;
        if (first && node && node.type === 'step') {
          const spec = specOf(node.data.nodeType);
          const step = (l: Lang) => node.data.label || (spec ? tx(spec.title, l) : node.id);
          toast('error', msg('ref.publishBlockedAt', { problem: (l) => issueText(first, l, spec, node.data.config), step }), 'publish');
          get().focusIssue(first);
        } else {
          toast('error', errors.length > 0 ? msg('toast.publishBlocked', { count: errors.length }) : errorMessage(err), 'publish');
        }
        return false;
      } finally {
        set({ publishing: false });
      }
    },
  };
};

// A save refused because someone saved the draft since is said by the
// conflict notice (stores/draftConflict), registered here the same way.
let draftConflict: (flowId: string, stamp: DraftStamp) => void = () => {};

/** onDraftConflict registers what to do when a save is refused for a save made since. */
export function onDraftConflict(fn: (flowId: string, stamp: DraftStamp) => void): void {
  draftConflict = fn;
}

// The flow list shows names and versions the editor changes; it is refreshed
// after saves without the two stores importing each other at load time.
let refreshFlowList: () => Promise<void> = async () => {};

/** onFlowSaved registers what to do after the editor saved (the flow list's reload). */
export function onFlowSaved(fn: () => Promise<void>): void {
  refreshFlowList = fn;
}

/** isDirty reports unsaved changes. */
export function isDirty(s: Pick<EditorState, 'changeSeq' | 'savedSeq'>): boolean {
  return s.changeSeq !== s.savedSeq;
}
