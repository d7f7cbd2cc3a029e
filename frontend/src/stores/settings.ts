// Settings: the UI language (persisted by the engine) and the workspace path.
import { create } from 'zustand';
import { backend, errorMessage } from '../api/backend';
import type { Lang } from '../api/types';
import { toast } from './toasts';

interface SettingsState {
  lang: Lang;
  workspace: string;
  loaded: boolean;
  /** load reads the settings; the language follows the system locale until the user picks one. */
  load(): Promise<void>;
  /** setLang switches the UI language at once and stores the choice. */
  setLang(lang: Lang): Promise<void>;
}

export function asLang(v: string | undefined | null): Lang {
  return v && v.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export const useSettings = create<SettingsState>()((set, get) => ({
  lang: asLang(typeof navigator !== 'undefined' ? navigator.language : 'en'),
  workspace: '',
  loaded: false,
  async load() {
    try {
      const s = await backend().getSettings();
      set({ lang: asLang(s.language), workspace: s.workspace, loaded: true });
    } catch (err) {
      set({ loaded: true });
      toast('error', errorMessage(err));
    }
  },
  async setLang(lang) {
    const prev = get().lang;
    set({ lang });
    try {
      await backend().setLanguage(lang);
    } catch (err) {
      set({ lang: prev });
      toast('error', errorMessage(err));
    }
  },
}));
