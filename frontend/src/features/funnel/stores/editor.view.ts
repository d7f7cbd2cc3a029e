// What the canvas shows over the flow without changing it: numbers (live
// counts or a simulation's), a contact's path, run-time failures, and the
// requests to fit the view or focus a field.
import type { Issue } from '../../../api/types';
import { decorate } from '../canvas/overlay';
import type { NodeDecor, NodeFailure, Overlay, PathHighlight } from '../canvas/types';
import { PREF_SHOW_NUMBERS, readPref, writePref } from '../../../stores/prefs';
import type { EditorSlice } from './editor.types';

/** FocusRequest asks the inspector to show a node (or the flow) and focus a field. */
export interface FocusRequest {
  nodeId: string | null;
  field: string | null;
  seq: number;
}

export interface ViewSlice {
  focus: FocusRequest | null;
  /** fitSeq grows when the canvas should fit the view to the steps (after a layout). */
  fitSeq: number;
  /** overlay holds numbers drawn over the canvas (live counts, or a simulation's); see canvas/types.ts. */
  overlay: Overlay | null;
  /** showNumbers is the "Show numbers" switch. */
  showNumbers: boolean;
  /** path is a contact's way through the funnel, highlighted. */
  path: PathHighlight | null;
  /** failures are what is in trouble at each step of the published funnel (run-time failures, not problems of the draft). */
  failures: Record<string, NodeFailure>;
  /** decor is each step's decoration (numbers, place on the path, failures), derived from the four above. */
  decor: Record<string, NodeDecor>;
  /** focusIssue selects the step of a problem and asks the inspector for its field. */
  focusIssue(issue: Issue): void;
  /**
   * setOverlay draws numbers over the canvas, or removes them (null). This is
   * the hook for simulations: same shape as the live numbers, with
   * source 'simulation'.
   */
  setOverlay(overlay: Overlay | null): void;
  setShowNumbers(on: boolean): void;
  /** setPath highlights a contact's way through the funnel, or stops (null). */
  setPath(path: PathHighlight | null): void;
  /** setFailures draws each step's run-time failures (a red badge with the count and the reason). */
  setFailures(failures: Record<string, NodeFailure>): void;
}

/** freshView is what a flow just opened (or none) shows over the canvas: nothing. */
export function freshView(): Pick<ViewSlice, 'focus' | 'overlay' | 'path' | 'failures' | 'decor'> {
  return { focus: null, overlay: null, path: null, failures: {}, decor: {} };
}

export const createViewSlice: EditorSlice<ViewSlice> = (set, get) => ({
  focus: null,
  fitSeq: 0,
  overlay: null,
  showNumbers: readPref(PREF_SHOW_NUMBERS) !== 'off',
  path: null,
  failures: {},
  decor: {},

  focusIssue(issue) {
    const nodeId = issue.node_id && get().nodes.some((n) => n.id === issue.node_id) ? issue.node_id : null;
    get().select(nodeId ? [nodeId] : []);
    set((s) => ({ focus: { nodeId, field: issue.field ?? null, seq: (s.focus?.seq ?? 0) + 1 } }));
  },

  setOverlay(overlay) {
    set((s) => ({ overlay, decor: decorate(overlay, s.showNumbers, s.path, s.decor, s.failures) }));
  },

  setShowNumbers(on) {
    writePref(PREF_SHOW_NUMBERS, on ? 'on' : 'off');
    set((s) => ({ showNumbers: on, decor: decorate(s.overlay, on, s.path, s.decor, s.failures) }));
  },

  setPath(path) {
    set((s) => ({ path, decor: decorate(s.overlay, s.showNumbers, path, s.decor, s.failures) }));
  },

  setFailures(failures) {
    set((s) => ({ failures, decor: decorate(s.overlay, s.showNumbers, s.path, s.decor, failures) }));
  },
});
