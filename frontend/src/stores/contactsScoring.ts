// Lead scoring: rules (event type + property filters → points), on/off,
// and the decay. Saving recomputes every contact's score; the result says
// how many changed.
import { create } from 'zustand';
import { errorMessage } from '../api/backend';
import { contactsApi, type Decay, type PropFilter, type RescoreResult, type ScoringConfig, type ScoringRule } from '../api/contacts';
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

interface ScoringState {
  rules: EditRule[];
  decay: Decay;
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

  async load() {
    set({ status: get().status === 'ready' ? 'ready' : 'loading' });
    try {
      const cfg = await contactsApi().scoring();
      set({
        rules: (cfg.rules ?? []).map((r) => ({ ...r, key: key(), filters: r.filters ?? [] })),
        decay: cfg.decay ?? { percent: 0, every_days: 0, half_life_days: 0 },
        status: 'ready',
        dirty: false,
        error: null,
      });
    } catch (err) {
      set({ status: 'error', error: errorMessage(err) });
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
      const result = await contactsApi().saveScoring(toConfig(get().rules, get().decay));
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
