// Settings: the UI language (persisted by the engine), the workspace path,
// and every workspace setting (engine/settings) for the Settings screen:
// listed with their values, changed one at a time, refused by the engine
// with a sentence that names the setting.
import { create } from 'zustand';
import { backend, errorMessage } from '../api/backend';
import { settingsApi, type SettingEntry } from '../api/settings';
import type { Lang } from '../api/types';
import { msg } from '../i18n/message';
import { toast, useToasts } from './toasts';

interface SettingsState {
  lang: Lang;
  /**
   * menuLang is the language of the window's File menu, built once at
   * start ("" without one, as in a browser): a switch reaches it only at
   * the next start (a Wails v2 limit, app/menu.go).
   */
  menuLang: Lang | '';
  workspace: string;
  loaded: boolean;
  /** entries are the workspace settings, null until loaded. */
  entries: SettingEntry[] | null;
  entriesError: string | null;
  /** saving holds the key being saved; errors the engine's refusal, by key. */
  saving: string | null;
  errors: Record<string, string>;
  /** load reads the settings; the language follows the system locale until the user picks one. */
  load(): Promise<void>;
  /** setLang switches the UI language at once and stores the choice. */
  setLang(lang: Lang): Promise<void>;
  /** loadEntries reads every workspace setting. */
  loadEntries(): Promise<void>;
  /** saveSetting stores one setting ("" puts its default back); false when the engine refused it. */
  saveSetting(key: string, value: string): Promise<boolean>;
}

export function asLang(v: string | undefined | null): Lang {
  return v && v.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** entryOf returns the setting of a key, once loaded. */
export function entryOf(entries: SettingEntry[] | null, key: string): SettingEntry | undefined {
  return entries?.find((e) => e.key === key);
}

export const useSettings = create<SettingsState>()((set, get) => ({
  lang: asLang(typeof navigator !== 'undefined' ? navigator.language : 'en'),
  menuLang: '',
  workspace: '',
  loaded: false,
  entries: null,
  entriesError: null,
  saving: null,
  errors: {},
  async load() {
    try {
      const s = await backend().getSettings();
      set({ lang: asLang(s.language), menuLang: s.menu_language ? asLang(s.menu_language) : '', workspace: s.workspace, loaded: true });
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
      // The File menu keeps its language until the next start: say so.
      const menu = get().menuLang;
      if (menu && menu !== lang) toast('info', msg('settings.menuLang.next'), 'menu-lang');
      else useToasts.getState().dismissKey('menu-lang');
    } catch (err) {
      set({ lang: prev });
      toast('error', errorMessage(err));
    }
  },
  async loadEntries() {
    try {
      set({ entries: await settingsApi().list(), entriesError: null });
    } catch (err) {
      set({ entriesError: errorMessage(err) });
    }
  },
  async saveSetting(key, value) {
    set({ saving: key });
    try {
      const entries = await settingsApi().set({ [key]: value });
      const { [key]: _gone, ...errors } = get().errors;
      set({ entries, errors, saving: null });
      return true;
    } catch (err) {
      set({ errors: { ...get().errors, [key]: errorMessage(err) }, saving: null });
      return false;
    }
  },
}));
