// Failures at run time: the open funnel's steps in trouble (drawn as red
// badges on the canvas and listed in the problems panel, with retry and
// "move to the latest version"), and a workspace-wide watch that tells the
// user once when a funnel starts failing (a toast, and a count on the
// funnels entry of the navigation) — once per burst, not once per failure.
import { create } from 'zustand';
import { errorMessage } from '../api/backend';
import { failureCount, failuresApi, type FailureReport } from '../api/failures';
import type { NodeFailure } from '../features/funnel/canvas/types';
import { useEditor } from '../features/funnel/stores/editor';
import { useFlows } from '../features/funnel/stores/flows';
import { toast, useToasts } from './toasts';
import { msg, say, type Message } from '../i18n/message';
import { tn } from '../features/funnel/screen/plural';
import type { Lang } from '../api/types';

/** WATCH_MS is how often the workspace's failures are counted. */
export const WATCH_MS = 3000;

interface FailuresState {
  /** report is the open funnel's failures (null until read, or for a draft never published). */
  report: FailureReport | null;
  reportFor: string | null;
  /** busy names what is being done: a step's id (retry), '*' (retry all), 'move'. */
  busy: string | null;
  /** total is the workspace's count of things in trouble, for the navigation badge; byFlow is per funnel. */
  total: number;
  byFlow: Record<string, number>;
  refresh(): Promise<void>;
  retry(node: string): Promise<void>;
  moveToLatest(): Promise<void>;
  /** watch counts the workspace's failures and notifies when a burst starts. */
  watch(): Promise<void>;
}

function flowName(id: string): string {
  return useFlows.getState().items.find((f) => f.id === id)?.name || id;
}

/** byNode turns a report into the canvas's badges. */
export function byNode(report: FailureReport | null): Record<string, NodeFailure> {
  const out: Record<string, NodeFailure> = {};
  for (const s of report?.steps ?? []) {
    const count = failureCount(s);
    if (count > 0) out[s.node] = { count, reason: s.reason, text: s.text ?? null };
  }
  return out;
}

export const useFailures = create<FailuresState>()((set, get) => ({
  report: null,
  reportFor: null,
  busy: null,
  total: 0,
  byFlow: {},

  async refresh() {
    const ed = useEditor.getState();
    const id = ed.flowId;
    if (!id || !(ed.info?.published_version ?? 0)) {
      if (get().report) set({ report: null, reportFor: null });
      if (Object.keys(ed.failures).length) ed.setFailures({});
      return;
    }
    try {
      const report = await failuresApi().flowFailures(id);
      if (useEditor.getState().flowId !== id) return;
      set({ report, reportFor: id });
      useEditor.getState().setFailures(byNode(report));
    } catch {
      // Read again at the next tick; the live numbers' status says when the engine does not answer.
    }
  },

  async retry(node) {
    const id = useEditor.getState().flowId;
    if (!id || get().busy) return;
    set({ busy: node || '*' });
    try {
      const r = await failuresApi().retry(id, node);
      toast('info', retriedMessage(r.messages, r.journeys), 'failures-retry');
    } catch (err) {
      toast('error', errorMessage(err));
    } finally {
      set({ busy: null });
      await get().refresh();
    }
  },

  async moveToLatest() {
    const id = useEditor.getState().flowId;
    if (!id || get().busy) return;
    set({ busy: 'move' });
    try {
      const n = await failuresApi().moveToLatest(id);
      toast('success', msg('failures.moved', { count: n, version: get().report?.published_version ?? 0 }));
    } catch (err) {
      toast('error', errorMessage(err));
    } finally {
      set({ busy: null });
      await get().refresh();
    }
  },

  async watch() {
    let total;
    try {
      total = await failuresApi().totals();
    } catch {
      return;
    }
    const before = get().total;
    const was = get().byFlow;
    set({ total: total.count, byFlow: total.by_flow });
    // A burst starts when a funnel that had no failures has some: one
    // notification with the count, however many follow, until it is
    // cleared (retried, or fixed) and starts failing again.
    const started = total.flows.filter((f) => (total.by_flow[f] ?? 0) > 0 && !(was[f] ?? 0));
    if (started.length > 0) {
      const count = started.reduce((n, f) => n + (total.by_flow[f] ?? 0), 0);
      // Right after start the funnel list may not be read yet: read it, so
      // the notification names funnels, never their ids.
      const flows = useFlows.getState();
      if (started.some((f) => !flows.items.some((i) => i.id === f))) await flows.load();
      toast('warning', msg('failures.toast', { flows: started.map(flowName).join('”, “'), count }), 'failures');
    }
    // Everything fixed: the notification has said its piece.
    if (total.count === 0 && before > 0) useToasts.getState().dismissKey('failures');
    if (total.count !== before && useEditor.getState().flowId) void get().refresh();
  },
}));

/**
 * retriedMessage says what a retry set going, in words and with each
 * count's plural: "Trying again: 1 email goes out again." (it once read
 * "1 messages queued again, 0 contacts run again from their step").
 */
export function retriedMessage(messages: number, journeys: number): Message {
  if (messages <= 0 && journeys <= 0) return msg('failures.retried.none');
  const what = (lang: Lang) =>
    [messages > 0 && tn(lang, 'failures.retried.emails', messages), journeys > 0 && tn(lang, 'failures.retried.contacts', journeys)]
      .filter((x): x is string => !!x)
      .join(say(lang, msg('failures.retried.and')));
  return msg('failures.retried', { what });
}
