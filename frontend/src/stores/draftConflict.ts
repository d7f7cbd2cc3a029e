// Two people on one funnel's draft (a team workspace): a save refused
// because someone saved since (the editor's autosave reports it), and the
// saves others make of the funnel shown, heard at once from the server
// (watchTeam: the engine listens to the workspace's changes), or, while
// that link is down, by asking the engine every few seconds. With no unsaved change the window simply shows their
// version; with some, the notice names who saved and when and offers to
// load theirs or to keep one's own (a save on their version).
import { create } from 'zustand';
import { backend, errorMessage } from '../api/backend';
import type { DraftStamp } from '../api/types.gen';
import { workspaceApi, type TeamChange, type TeamWatch } from '../api/workspace';
import { useEditor } from '../features/funnel/stores/editor';
import { isDirty, onDraftConflict } from '../features/funnel/stores/editor.autosave';
import { useFlows } from '../features/funnel/stores/flows';
import { msg } from '../i18n/message';
import { toast } from './toasts';

/** DRAFT_POLL_MS is how often a team workspace's window asks for the draft's stamp (one row read) while it cannot hear others' saves at once. */
export const DRAFT_POLL_MS = 3000;

/** WATCH_DOWN_NOTICE_MS is how long the link that brings others' saves at once may stay down before the window says so. */
export const WATCH_DOWN_NOTICE_MS = 30_000;

interface DraftConflictState {
  /** conflict is the save made since, of the funnel flowId, while the person decides. */
  conflict: { flowId: string; stamp: DraftStamp } | null;
  busy: boolean;
  show(flowId: string, stamp: DraftStamp): void;
  /** dismiss closes the notice undecided: the next save is refused again and brings it back. */
  dismiss(): void;
  /** loadTheirs replaces the canvas with the stored draft (the changes made here are dropped). */
  loadTheirs(): Promise<void>;
  /** keepMine saves the canvas over their save. */
  keepMine(): Promise<void>;
  /** check asks for the stamp of the funnel shown and acts on a save made elsewhere. */
  check(): Promise<void>;
}

export const useDraftConflict = create<DraftConflictState>()((set, get) => ({
  conflict: null,
  busy: false,
  show(flowId, stamp) {
    set({ conflict: { flowId, stamp } });
  },
  dismiss() {
    set({ conflict: null });
  },
  async loadTheirs() {
    const c = get().conflict;
    if (!c) return;
    set({ busy: true });
    try {
      const doc = await backend().getFlow(c.flowId);
      if (useEditor.getState().flowId === c.flowId) useEditor.getState().load(doc);
      set({ conflict: null });
      void useFlows.getState().load(); // their name in the list too
    } catch (err) {
      toast('error', errorMessage(err), 'draft');
    } finally {
      set({ busy: false });
    }
  },
  async keepMine() {
    const c = get().conflict;
    if (!c) return;
    set({ busy: true });
    try {
      // A save on their version; refused again only if yet another save came meanwhile (then the notice shows that one).
      set({ conflict: null });
      if (useEditor.getState().flowId === c.flowId) await useEditor.getState().save(c.stamp.version);
    } finally {
      set({ busy: false });
    }
  },
  async check() {
    const api = backend();
    const ed = useEditor.getState();
    const id = ed.flowId;
    if (!api.draftStamp || !id || !ed.meta || ed.saving) return;
    let st: DraftStamp;
    try {
      st = await api.draftStamp(id);
    } catch {
      return; // deleted meanwhile, or the server is away: the next save says so
    }
    const now = useEditor.getState();
    if (now.flowId !== id || now.saving || st.version <= (now.info?.draft_version ?? 0)) return;
    if (get().conflict?.stamp.version === st.version) return;
    if (isDirty(now)) {
      get().show(id, st);
      return;
    }
    const doc = await api.getFlow(id).catch(() => null);
    if (!doc || useEditor.getState().flowId !== id || isDirty(useEditor.getState())) return;
    useEditor.getState().load(doc);
    void useFlows.getState().load(); // their name in the list too
    toast('info', msg('draft.reloaded', { name: st.by || msg('draft.someone') }), 'draft');
  },
}));

onDraftConflict((flowId, stamp) => useDraftConflict.getState().show(flowId, stamp));

/**
 * refreshLive shows, for the funnel shown, the version someone published
 * meanwhile (the top bar's "Live: version n"). The draft's version the
 * window loaded stays: a save made since is still theirs to show or to
 * name (check), never overwritten unseen.
 */
async function refreshLive(id: string | null): Promise<void> {
  if (!id) return;
  const doc = await backend()
    .getFlow(id)
    .catch(() => null);
  const ed = useEditor.getState();
  if (!doc || ed.flowId !== id || !ed.info) return;
  useEditor.setState({ info: { ...ed.info, published_version: doc.info.published_version, enabled: doc.info.enabled } });
}

/**
 * deletedElsewhere closes the funnel shown when someone deleted it, and
 * says so; with changes not saved yet it stays (their save brings it
 * back), and the notice says that too. Asking for it first also lets this
 * window's own deletion close it as usual: the answer comes after that
 * deletion's.
 */
async function deletedElsewhere(id: string): Promise<void> {
  const gone = await backend()
    .getFlow(id)
    .then(
      () => false,
      () => true,
    );
  const ed = useEditor.getState();
  if (!gone || ed.flowId !== id) return;
  if (isDirty(ed)) {
    toast('warning', msg('draft.deletedKept'), 'draft');
    return;
  }
  ed.close();
  toast('info', msg('draft.deleted'), 'draft');
}

/**
 * watchTeam follows others' saves while a team workspace is open: each
 * change the engine hears from the server is acted on at once (a save of
 * the funnel shown is checked, the funnel list refreshed); while the
 * listening connection is down (or not up yet) the draft's stamp is asked
 * for every DRAFT_POLL_MS instead, and a link down for
 * WATCH_DOWN_NOTICE_MS is said once. It returns the way to stop.
 */
export function watchTeam(): () => void {
  const api = workspaceApi();
  let poll: ReturnType<typeof setInterval> | null = null;
  let notice: ReturnType<typeof setTimeout> | null = null;
  let said = false;
  let stopped = false;
  const apply = (w: TeamWatch) => {
    if (stopped) return;
    const live = w.listening && w.up;
    if (live && poll) {
      clearInterval(poll);
      poll = null;
    } else if (!live && !poll) {
      poll = setInterval(() => void useDraftConflict.getState().check(), DRAFT_POLL_MS);
    }
    if (notice) clearTimeout(notice);
    notice = null;
    if (live) {
      said = false;
    } else if (w.listening && !said) {
      const left = WATCH_DOWN_NOTICE_MS - (w.down_since ? Date.now() - w.down_since : 0);
      notice = setTimeout(() => {
        said = true;
        toast('warning', msg('draft.watchDown'), 'team-watch');
      }, Math.max(0, left));
    }
  };
  const heard = (c: TeamChange) => {
    if (stopped) return;
    const shown = useEditor.getState().flowId;
    if (c.kind === 'resync' || (c.kind === 'draft' && c.flow === shown)) recheck();
    if ((c.kind === 'published' && c.flow === shown) || c.kind === 'resync') void refreshLive(shown);
    if (c.kind === 'deleted' && c.flow === shown) void deletedElsewhere(shown);
    if (c.kind !== 'draft' || c.flow !== shown) void useFlows.getState().load();
  };
  // A save heard while this window saves is looked at once that save is
  // done (check skips while saving).
  const recheck = () => {
    if (stopped) return;
    if (useEditor.getState().saving) setTimeout(recheck, 250);
    else void useDraftConflict.getState().check();
  };
  // Until the engine says its link is up, the stamp is asked for.
  apply({ listening: true, up: false, down_since: 0 });
  const offChange = api.onTeamChange?.(heard);
  const offWatch = api.onTeamWatch?.(apply);
  void api
    .teamWatch?.()
    .then(apply)
    .catch(() => undefined);
  return () => {
    stopped = true;
    if (poll) clearInterval(poll);
    if (notice) clearTimeout(notice);
    offChange?.();
    offWatch?.();
  };
}
