// Simulation: the settings of a run, the run itself (progress from
// "sim:progress", cancel), its result and the funnel it is drawn on, the
// contact path picked for the "why" view, a comparison with a variant, and
// the CSV export. The run happens in the engine; nothing here blocks the UI.
import { create } from 'zustand';
import { backend, errorMessage } from '../api/backend';
import { simulationApi, type Comparison, type SimRequest, type SimResult } from '../api/simulation';
import type { Flow, FlowInfo, Lang } from '../api/types';
import { translate } from '../i18n/dict';
import { isDirty, useEditor } from '../features/funnel/stores/editor';
import { useSettings } from './settings';
import {
  buildRequest,
  DEFAULT_FORM,
  isCancelled,
  newSeed,
  progressFraction,
  validateForm,
  type FormErrors,
  type SimForm,
} from './simulationModel';
import { toast } from './toasts';
import { msg } from '../i18n/message';

export type RunStatus = 'idle' | 'running' | 'done' | 'error';

/** CompareState is the comparison with a variant. */
export interface CompareState {
  otherFlowId: string;
  /** version, when set, compares that published version of the funnel (A) with its current draft (B) instead of another funnel. */
  version: number | null;
  status: RunStatus;
  result: Comparison | null;
  /** request and flows are those of the comparison shown. */
  request: SimRequest | null;
  flowA: Flow | null;
  flowB: Flow | null;
  elapsedMs: number | null;
  /** ranAt is when the comparison shown finished (the exports' run date). */
  ranAt: Date | null;
  error: string | null;
}

export interface SimulationState {
  form: SimForm;
  /** errors are shown once a run was tried with them. */
  errors: FormErrors;
  showErrors: boolean;
  status: RunStatus;
  /** running tells which run the progress bar follows. */
  running: 'simulate' | 'compare' | null;
  /** progress of the current run, 0–1. */
  progress: number;
  cancelling: boolean;
  /** cancelled is set when the last run was stopped by the user. */
  cancelled: boolean;
  error: string | null;
  result: SimResult | null;
  /** request and flow are those of the result shown (the settings may have changed since). */
  request: SimRequest | null;
  flow: Flow | null;
  elapsedMs: number | null;
  /** ranAt is when the result shown finished (the exports' run date). */
  ranAt: Date | null;
  /** preview is the chosen funnel, drawn before any run. */
  preview: Flow | null;
  previewError: string | null;
  /** journey is the index of the kept path shown in the "why" view. */
  journey: number | null;
  compare: CompareState;
  /** realCount is how many contacts the workspace has (loaded when "my real contacts" is chosen). */
  realCount: number | null;

  /** pickDefaultFlow chooses the funnel open in the editor, else the first one, unless one is chosen. */
  pickDefaultFlow(items: FlowInfo[]): void;
  setForm(patch: Partial<SimForm>): void;
  loadRealCount(): Promise<void>;
  newSeed(): void;
  loadPreview(flowId: string): Promise<void>;
  run(): Promise<void>;
  cancel(): Promise<void>;
  selectJourney(index: number | null): void;
  setCompareFlow(id: string): void;
  runCompare(): Promise<void>;
  /** compareVersion compares published version `version` of funnel flowId with its current draft (the versions list's "Compare with current"). */
  compareVersion(flowId: string, version: number): Promise<void>;
  /** csv returns the result as CSV text (null on failure, with a toast). */
  csv(): Promise<string | null>;
}

const INITIAL_COMPARE: CompareState = {
  otherFlowId: '',
  version: null,
  status: 'idle',
  result: null,
  request: null,
  flowA: null,
  flowB: null,
  elapsedMs: null,
  ranAt: null,
  error: null,
};

function lang(): Lang {
  return useSettings.getState().lang;
}

/** now is the clock used to time runs (tests replace it). */
export const simClock = { now: () => performance.now() };

// Each run gets a number; an answer for an older run is ignored.
let runSeq = 0;
let previewSeq = 0;
let unlisten: (() => void) | null = null;

async function fetchFlow(id: string): Promise<Flow> {
  const doc = await backend().getFlow(id);
  if (!doc.flow) throw new Error(doc.info?.error || id);
  return doc.flow;
}

// Simulations read the stored draft: changes still waiting for the
// autosave are saved first, so the numbers match what is on the canvas.
async function saveOpenDraft(ids: string[]): Promise<void> {
  const ed = useEditor.getState();
  if (ed.flowId && ids.includes(ed.flowId) && isDirty(ed)) await ed.flush();
}

export const useSimulation = create<SimulationState>()((set, get) => {
  // Progress events come for the run in progress only; one listener for the
  // store's lifetime, installed with the first run.
  const listen = () => {
    if (unlisten) return;
    unlisten = simulationApi().onProgress((p) => {
      if (get().status !== 'running' && get().compare.status !== 'running') return;
      const f = progressFraction(p);
      if (f > get().progress) set({ progress: f });
    });
  };

  const begin = (kind: 'simulate' | 'compare') => {
    listen();
    set({ running: kind, progress: 0, cancelling: false, cancelled: false });
    return ++runSeq;
  };

  const fail = (seq: number, err: unknown, onError: (msg: string) => void) => {
    if (seq !== runSeq) return;
    const msg = errorMessage(err);
    if (isCancelled(msg) || get().cancelling) {
      set({ running: null, cancelling: false, cancelled: true });
      return false;
    }
    set({ running: null, cancelling: false });
    onError(msg);
    toast('error', { key: 'sim.failed', params: { message: msg } }, 'simulation');
    return true;
  };

  return {
    form: { ...DEFAULT_FORM },
    errors: {},
    showErrors: false,
    status: 'idle',
    running: null,
    progress: 0,
    cancelling: false,
    cancelled: false,
    error: null,
    result: null,
    request: null,
    flow: null,
    elapsedMs: null,
    ranAt: null,
    preview: null,
    previewError: null,
    journey: null,
    compare: INITIAL_COMPARE,
    realCount: null,

    pickDefaultFlow(items) {
      const usable = items.filter((f) => !f.error);
      const cur = get().form.flowId;
      if (cur && usable.some((f) => f.id === cur)) return;
      const open = useEditor.getState().flowId;
      const pick = usable.find((f) => f.id === open) ?? usable[0];
      get().setForm({ flowId: pick?.id ?? '' });
    },

    setForm(patch) {
      const form = { ...get().form, ...patch };
      set({ form, errors: validateForm(form, get().realCount) });
      if (patch.audience === 'real') void get().loadRealCount();
      if (patch.flowId !== undefined && patch.flowId !== get().preview?.id) void get().loadPreview(patch.flowId);
      if (patch.flowId !== undefined && patch.flowId === get().compare.otherFlowId) set({ compare: { ...get().compare, otherFlowId: '' } });
    },

    async loadRealCount() {
      try {
        const realCount = await simulationApi().contactCount();
        set({ realCount, errors: validateForm(get().form, realCount) });
      } catch (err) {
        toast('error', errorMessage(err), 'simulation');
      }
    },

    newSeed() {
      get().setForm({ seed: newSeed() });
    },

    async loadPreview(flowId) {
      const seq = ++previewSeq;
      if (!flowId) {
        set({ preview: null, previewError: null });
        return;
      }
      try {
        const flow = await fetchFlow(flowId);
        if (seq === previewSeq) set({ preview: flow, previewError: null });
      } catch (err) {
        if (seq === previewSeq) set({ preview: null, previewError: errorMessage(err) });
      }
    },

    async run() {
      const form = get().form;
      const errors = validateForm(form, get().realCount);
      if (Object.keys(errors).length > 0) {
        set({ errors, showErrors: true });
        return;
      }
      if (get().running) return;
      const req = buildRequest(form);
      const seq = begin('simulate');
      set({ status: 'running', error: null, errors, showErrors: false });
      const started = simClock.now();
      try {
        await saveOpenDraft([req.flow_id]);
        const [result, flow] = await Promise.all([simulationApi().simulate(req), fetchFlow(req.flow_id)]);
        if (seq !== runSeq) return;
        if (get().cancelling) {
          // Stopped just before the engine registered the run: drop it as asked.
          set({ status: get().result ? 'done' : 'idle', running: null, cancelling: false, cancelled: true });
          return;
        }
        set({
          status: 'done',
          running: null,
          progress: 1,
          result,
          request: req,
          flow,
          preview: flow,
          elapsedMs: simClock.now() - started,
          ranAt: new Date(),
          journey: null,
        });
      } catch (err) {
        // A stopped run keeps the previous result on screen.
        fail(seq, err, (msg) => set({ status: 'error', error: msg }));
        if (seq === runSeq && get().status === 'running') set({ status: get().result ? 'done' : 'idle' });
      }
    },

    async cancel() {
      if (!get().running) return;
      set({ cancelling: true });
      try {
        await simulationApi().cancel();
      } catch (err) {
        toast('error', errorMessage(err), 'simulation');
      }
    },

    selectJourney(index) {
      set({ journey: index });
    },

    setCompareFlow(id) {
      set({ compare: { ...get().compare, otherFlowId: id, version: null } });
    },

    async compareVersion(flowId, version) {
      if (get().running) return;
      if (get().form.flowId !== flowId) get().setForm({ flowId });
      const form = get().form;
      const errors = validateForm(form, get().realCount);
      if (Object.keys(errors).length > 0) {
        set({ errors, showErrors: true });
        return;
      }
      const req = buildRequest(form);
      const seq = begin('compare');
      set({ compare: { ...get().compare, otherFlowId: '', version, status: 'running', error: null } });
      const started = simClock.now();
      try {
        await saveOpenDraft([flowId]);
        const vc = await simulationApi().compareVersion(req, version);
        if (seq !== runSeq) return;
        const flowA = vc.flow_a ? { ...vc.flow_a, name: translate(lang(), 'sim.compare.versionName', { version }) } : null;
        const flowB = vc.flow_b ? { ...vc.flow_b, name: translate(lang(), 'sim.compare.draftName') } : null;
        set({
          running: null,
          progress: 1,
          compare: { otherFlowId: '', version, status: 'done', result: vc.comparison as Comparison, request: req, flowA, flowB, elapsedMs: simClock.now() - started, ranAt: new Date(), error: null },
        });
      } catch (err) {
        fail(seq, err, (msg) => set({ compare: { ...get().compare, status: 'error', error: msg } }));
        if (seq === runSeq && get().compare.status === 'running') {
          set({ compare: { ...get().compare, status: get().compare.result ? 'done' : 'idle' } });
        }
      }
    },

    async runCompare() {
      const form = get().form;
      const errors = validateForm(form, get().realCount);
      const other = get().compare.otherFlowId;
      if (Object.keys(errors).length > 0) {
        set({ errors, showErrors: true });
        return;
      }
      if (!other || other === form.flowId || get().running) return;
      const req = buildRequest(form);
      const seq = begin('compare');
      set({ compare: { ...get().compare, status: 'running', error: null } });
      const started = simClock.now();
      try {
        await saveOpenDraft([req.flow_id, other]);
        const [result, flowA, flowB] = await Promise.all([simulationApi().compare(req, other), fetchFlow(req.flow_id), fetchFlow(other)]);
        if (seq !== runSeq) return;
        set({
          running: null,
          progress: 1,
          compare: { otherFlowId: other, version: null, status: 'done', result, request: req, flowA, flowB, elapsedMs: simClock.now() - started, ranAt: new Date(), error: null },
        });
      } catch (err) {
        fail(seq, err, (msg) => set({ compare: { ...get().compare, status: 'error', error: msg } }));
        if (seq === runSeq && get().compare.status === 'running') {
          set({ compare: { ...get().compare, status: get().compare.result ? 'done' : 'idle' } });
        }
      }
    },

    async csv() {
      const result = get().result;
      if (!result) return null;
      try {
        return await simulationApi().csv(result);
      } catch (err) {
        toast('error', msg('sim.export.failed', { message: errorMessage(err) }), 'simulation');
        return null;
      }
    },
  };
});

/** resetSimulationListener forgets the progress listener (tests swap the API between runs). */
export function resetSimulationListener(): void {
  unlisten?.();
  unlisten = null;
}
