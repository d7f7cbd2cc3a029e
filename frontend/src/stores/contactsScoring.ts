// Lead scoring in one place: rules (event type + property filters →
// points), on/off, the decay, the warm and hot thresholds, a simulated
// preview of who would cross them, and the "when a lead gets hot" recipe.
// Saving recomputes every contact's score; the result says how many changed.
import { create } from 'zustand';
import { errorMessage } from '../api/backend';
import {
  contactsApi,
  type Decay,
  type HotLeadFunnel,
  type PropFilter,
  type RescoreResult,
  type ScoringConfig,
  type ScoringPreview,
  type ScoringRule,
  type Thresholds,
} from '../api/contacts';
import { useContactsTable } from './contactsTable';

/** EditRule is a scoring rule with a local key for React (new rules have id 0). */
export interface EditRule extends ScoringRule {
  key: string;
  filters: PropFilter[];
}

export type DecayMode = 'none' | 'step' | 'half_life';

/** decayMode tells which kind of decay a config uses (half-life wins when both are set, as in the engine). */
export function decayMode(d: Decay): DecayMode {
  if (d.half_life_days > 0) return 'half_life';
  if (d.percent > 0) return 'step';
  return 'none';
}

/** withDecayMode switches the decay kind, with sensible numbers for the new one. */
export function withDecayMode(d: Decay, mode: DecayMode): Decay {
  switch (mode) {
    case 'none':
      return { percent: 0, every_days: 0, half_life_days: 0 };
    case 'step':
      return { percent: d.percent || 10, every_days: d.every_days || 30, half_life_days: 0 };
    case 'half_life':
      return { percent: 0, every_days: 0, half_life_days: d.half_life_days || 90 };
  }
}

let seq = 0;
const key = () => `s${++seq}`;

/** newScoringRule makes an enabled rule worth 5 points. */
export function newScoringRule(): EditRule {
  return { key: key(), id: 0, name: '', event: 'email_opened', filters: [], points: 5, enabled: true };
}

/** toConfig is the engine's ScoringConfig for the edited rules. */
export function toConfig(rules: EditRule[], decay: Decay): ScoringConfig {
  return {
    rules: rules.map((r) => ({
      id: r.id,
      name: r.name.trim(),
      event: r.event.trim(),
      filters: r.filters.filter((f) => f.key.trim()).map((f) => ({ key: f.key.trim(), op: f.op || 'equals', value: f.op === 'exists' ? '' : (f.value ?? '') })),
      points: Number(r.points) || 0,
      enabled: r.enabled,
    })),
    decay: { percent: Number(decay.percent) || 0, every_days: Number(decay.every_days) || 0, half_life_days: Number(decay.half_life_days) || 0 },
  };
}

/** PREVIEW_DAYS is the period of the preview. */
export const PREVIEW_DAYS = 30;

/** PreviewAudience is "real" (the workspace's contacts) or a synthetic preset's name. */
export type PreviewAudience = string;

/** RecipeForm is what the "when a lead gets hot" recipe will set up. */
export interface RecipeForm {
  alert: 'owner' | 'teammate';
  teammate: string;
  tag: string;
  stage: string;
}

/** thresholdError says what is wrong with thresholds (a message key), or null. */
export function thresholdError(t: Thresholds): 'contacts.scoring.thresholds.positive' | 'contacts.scoring.thresholds.order' | null {
  if (!(t.warm > 0)) return 'contacts.scoring.thresholds.positive';
  if (!(t.warm < t.hot)) return 'contacts.scoring.thresholds.order';
  return null;
}

interface ScoringState {
  rules: EditRule[];
  decay: Decay;
  thresholds: Thresholds;
  preview: ScoringPreview | null;
  previewing: boolean;
  previewError: string | null;
  audience: PreviewAudience;
  hotFunnels: HotLeadFunnel[];
  recipe: RecipeForm;
  recipeBusy: boolean;
  recipeError: string | null;
  /** recipeCreated is the id of the funnel the recipe just made. */
  recipeCreated: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  dirty: boolean;
  saving: boolean;
  error: string | null;
  /** errorRule is the key of the rule the engine's refusal names ("scoring rule 2 …"). */
  errorRule: string | null;
  result: RescoreResult | null;
  load(): Promise<void>;
  addRule(): void;
  updateRule(key: string, patch: Partial<Omit<EditRule, 'key'>>): void;
  removeRule(key: string): void;
  setDecay(d: Decay): void;
  setThresholds(t: Partial<Thresholds>): void;
  setAudience(a: PreviewAudience): void;
  runPreview(): Promise<void>;
  setRecipe(patch: Partial<RecipeForm>): void;
  createRecipe(name: string): Promise<string | null>;
  save(): Promise<boolean>;
}

export const useScoring = create<ScoringState>()((set, get) => ({
  rules: [],
  decay: { percent: 0, every_days: 0, half_life_days: 0 },
  status: 'idle',
  dirty: false,
  saving: false,
  error: null,
  errorRule: null,
  result: null,
  thresholds: { warm: 30, hot: 60 },
  preview: null,
  previewing: false,
  previewError: null,
  audience: 'saas-trial',
  hotFunnels: [],
  recipe: { alert: 'owner', teammate: '', tag: 'MQL', stage: 'mql' },
  recipeBusy: false,
  recipeError: null,
  recipeCreated: null,

  async load() {
    set({ status: get().status === 'ready' ? 'ready' : 'loading' });
    try {
      const api = contactsApi();
      const [cfg, thresholds, hotFunnels, page] = await Promise.all([
        api.scoring(),
        api.thresholds(),
        api.hotLeadFunnels(),
        api.list({ search: '', segment: '', list: '', tag: '', stage: '', temperature: '', offset: 0, limit: 1, sort: '' }),
      ]);
      const first = get().status !== 'ready';
      set({
        rules: (cfg.rules ?? []).map((r) => ({ ...r, key: key(), filters: r.filters ?? [] })),
        decay: cfg.decay ?? { percent: 0, every_days: 0, half_life_days: 0 },
        thresholds,
        hotFunnels,
        status: 'ready',
        dirty: false,
        error: null,
        // The workspace's own contacts when it has some: the preview then
        // answers "who of mine", not "who of a made-up audience".
        ...(first ? { audience: page.total > 0 ? 'real' : 'saas-trial' } : {}),
      });
    } catch (err) {
      set({ status: 'error', error: errorMessage(err) });
      return;
    }
    // The numbers come with the screen: no click needed to see them.
    if (get().rules.some((r) => r.enabled)) void get().runPreview();
  },
  setThresholds(t) {
    set((s) => ({ thresholds: { ...s.thresholds, ...t }, dirty: true, result: null }));
  },
  setAudience(audience) {
    set({ audience, preview: null, previewError: null });
  },
  async runPreview() {
    const s = get();
    const bad = thresholdError(s.thresholds);
    if (bad) return;
    set({ previewing: true, previewError: null });
    try {
      const preview = await contactsApi().previewScoring({
        config: toConfig(s.rules, s.decay),
        thresholds: { warm: Number(s.thresholds.warm), hot: Number(s.thresholds.hot) },
        days: PREVIEW_DAYS,
        preset: s.audience === 'real' ? '' : s.audience,
        real_contacts: s.audience === 'real',
        seed: 1,
      });
      set({ preview, previewing: false });
    } catch (err) {
      set({ previewing: false, previewError: errorMessage(err), preview: null });
    }
  },
  setRecipe(patch) {
    set((s) => ({ recipe: { ...s.recipe, ...patch }, recipeError: null }));
  },
  async createRecipe(name) {
    const r = get().recipe;
    set({ recipeBusy: true, recipeError: null, recipeCreated: null });
    try {
      const id = await contactsApi().createHotLeadFunnel({
        name,
        alert_to: r.alert === 'owner' ? 'owner' : r.teammate.trim(),
        tag: r.tag.trim(),
        stage: r.stage,
      });
      const hotFunnels = await contactsApi().hotLeadFunnels();
      set({ recipeBusy: false, recipeCreated: id, hotFunnels });
      return id;
    } catch (err) {
      set({ recipeBusy: false, recipeError: errorMessage(err) });
      return null;
    }
  },
  addRule() {
    set((s) => ({ rules: [...s.rules, newScoringRule()], dirty: true, result: null }));
  },
  updateRule(k, patch) {
    set((s) => ({ rules: s.rules.map((r) => (r.key === k ? { ...r, ...patch } : r)), dirty: true, result: null }));
  },
  removeRule(k) {
    set((s) => ({ rules: s.rules.filter((r) => r.key !== k), dirty: true, result: null }));
  },
  setDecay(decay) {
    set({ decay, dirty: true, result: null });
  },
  async save() {
    set({ saving: true, error: null, errorRule: null, result: null });
    try {
      const t = get().thresholds;
      const result = await contactsApi().saveLeadScoring({ warm: Number(t.warm), hot: Number(t.hot) }, toConfig(get().rules, get().decay));
      set({ saving: false, result, dirty: false });
    } catch (err) {
      const message = errorMessage(err);
      const n = /^scoring rule (\d+)/.exec(message);
      set({ saving: false, error: message, errorRule: n ? (get().rules[Number(n[1]) - 1]?.key ?? null) : null });
      return false;
    }
    // New rules got ids; scores moved.
    await get().load();
    useContactsTable.getState().reload();
    return true;
  },
}));
