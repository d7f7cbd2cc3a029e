// The workspace settings (engine/settings through the bound
// SettingsService): every setting with its value, default and text in both
// languages, and changing some, checked by the engine. Stores call
// `settingsApi()`; tests swap it with `setSettingsApi(fake)`.
import * as Service from '../../wailsjs/go/app/SettingsService';
import type { Text } from './types';

/** SettingKind says how a setting is edited. */
export type SettingKind = 'bool' | 'int' | 'number' | 'time' | 'choice' | 'email' | 'address' | 'hosts' | 'json' | 'secret';

/** SettingGroup gathers settings on the screen, in this order. */
export type SettingGroup = 'you' | 'sending' | 'rules' | 'contacts' | 'engine';

/** SettingEntry is one workspace setting as stored (settings.Entry). */
export interface SettingEntry {
  key: string;
  group: SettingGroup;
  kind: SettingKind;
  default: string;
  min?: number;
  max?: number;
  choices?: string[];
  label: Text;
  help: Text;
  /** where says where the window edits it ("Settings → Contacts"). */
  where: Text;
  /** secret values come masked. */
  secret: boolean;
  /** read_only, when its text is not empty, says why it cannot be changed. */
  read_only: Text;
  value: string;
  is_default: boolean;
  /** error says why the value could not be read (a locked keyring). */
  error?: string;
}

export interface SettingsApi {
  list(): Promise<SettingEntry[]>;
  /** set stores values by key, all or none; it rejects with a plain sentence naming the setting. */
  set(values: Record<string, string>): Promise<SettingEntry[]>;
}

const wails: SettingsApi = {
  list: async () => ((await Service.List()) ?? []) as unknown as SettingEntry[],
  set: async (values) => ((await Service.Set(values)) ?? []) as unknown as SettingEntry[],
};

let current: SettingsApi = wails;

/** settingsApi returns the API in use: the Go engine, or a test's fake. */
export function settingsApi(): SettingsApi {
  return current;
}

/** setSettingsApi replaces the API (tests); it returns the previous one. */
export function setSettingsApi(api: SettingsApi): SettingsApi {
  const prev = current;
  current = api;
  return prev;
}
