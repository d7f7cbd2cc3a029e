// Sending settings: offline mailbox or SMTP relay, frequency caps, quiet
// hours, temperature thresholds; the relay test; the engine's status. The
// form holds what the user typed (strings), checked before it is saved.
import { create } from 'zustand';
import { errorMessage } from '../api/backend';
import { emailsApi, type AuthMethod, type EngineStatus, type RelayProfile, type Security, type SendingSettings } from '../api/emails';
import type { MessageKey } from '../i18n/dict';

export type SendingMode = 'offline' | 'relay';

/** SendingForm is the settings form as typed. */
export interface SendingForm {
  mode: SendingMode;
  relay_name: string;
  host: string;
  port: string;
  security: Security;
  username: string;
  password: string;
  auth_method: AuthMethod;
  per_second: string;
  per_hour: string;
  from: string;
  cap_per_day: string;
  cap_per_week: string;
  quiet_from: string;
  quiet_to: string;
  warm: string;
  hot: string;
}

export type SendingField = keyof SendingForm;

/** FormErrors maps a field to the sentence that says what is wrong. */
export type FormErrors = Partial<Record<SendingField, MessageKey>>;

/** RelayStage is where an SMTP test failed. */
export type RelayStage = 'dns' | 'connect' | 'tls' | 'auth' | 'sender' | 'recipient' | 'data' | 'settings' | 'unknown';

export type RelayTest = { ok: true } | { ok: false; stage: RelayStage; message: string };

const num = (v: number | undefined) => (v ? String(v) : '');

/** formFromSettings turns stored settings into the form. */
export function formFromSettings(s: SendingSettings): SendingForm {
  const r = s.relay;
  return {
    mode: r ? 'relay' : 'offline',
    relay_name: r?.name ?? '',
    host: r?.host ?? '',
    port: num(r?.port),
    security: r?.security || 'starttls',
    username: r?.username ?? '',
    password: r?.password ?? '',
    auth_method: r?.auth_method ?? '',
    per_second: num(r?.per_second),
    per_hour: num(r?.per_hour),
    from: s.from,
    cap_per_day: num(s.cap_per_day),
    cap_per_week: num(s.cap_per_week),
    quiet_from: s.quiet_from,
    quiet_to: s.quiet_to,
    warm: String(s.temperature_warm),
    hot: String(s.temperature_hot),
  };
}

/** addressOf returns the bare address of "Name <a@b.c>" or "a@b.c". */
export function addressOf(from: string): string {
  const m = /<([^<>]+)>\s*$/.exec(from);
  return (m ? m[1]! : from).trim();
}

const EMAIL_RE = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$|^[^\s@<>]+@localhost$|^[^\s@<>]+@[^\s@<>]+\.localhost$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

function wholeNumber(v: string): number | null {
  if (v.trim() === '') return 0;
  if (!/^\d+$/.test(v.trim())) return null;
  return Number(v.trim());
}

/** validateSending checks the form; an empty result means it can be saved. */
export function validateSending(f: SendingForm): FormErrors {
  const e: FormErrors = {};
  const from = f.from.trim();
  if (!from) e.from = 'settings.err.fromRequired';
  else if (!EMAIL_RE.test(addressOf(from))) e.from = 'settings.err.fromInvalid';
  if (f.mode === 'relay') {
    if (!f.host.trim()) e.host = 'settings.err.hostRequired';
    else if (/[\s/:]/.test(f.host.trim())) e.host = 'settings.err.hostInvalid';
    const port = wholeNumber(f.port);
    if (port === null || port > 65535) e.port = 'settings.err.port';
    if (f.username.trim() && f.security === 'none' && !/^(localhost|127\.0\.0\.1|::1)$/.test(f.host.trim())) e.security = 'settings.err.cleartext';
    if (f.username.trim() && !f.password) e.password = 'settings.err.passwordRequired';
    if (wholeNumber(f.per_second) === null) e.per_second = 'settings.err.wholeNumber';
    if (wholeNumber(f.per_hour) === null) e.per_hour = 'settings.err.wholeNumber';
  }
  if (wholeNumber(f.cap_per_day) === null) e.cap_per_day = 'settings.err.wholeNumber';
  if (wholeNumber(f.cap_per_week) === null) e.cap_per_week = 'settings.err.wholeNumber';
  const day = wholeNumber(f.cap_per_day);
  const week = wholeNumber(f.cap_per_week);
  if (day && week && week < day) e.cap_per_week = 'settings.err.weekBelowDay';
  if (f.quiet_from && !TIME_RE.test(f.quiet_from)) e.quiet_from = 'settings.err.time';
  if (f.quiet_to && !TIME_RE.test(f.quiet_to)) e.quiet_to = 'settings.err.time';
  if (!e.quiet_from && !e.quiet_to && !!f.quiet_from !== !!f.quiet_to) e[f.quiet_from ? 'quiet_to' : 'quiet_from'] = 'settings.err.quietBoth';
  const warm = Number(f.warm);
  const hot = Number(f.hot);
  if (f.warm.trim() === '' || !Number.isFinite(warm)) e.warm = 'settings.err.number';
  if (f.hot.trim() === '' || !Number.isFinite(hot)) e.hot = 'settings.err.number';
  if (!e.warm && !e.hot && warm >= hot) e.hot = 'settings.err.hotAboveWarm';
  return e;
}

/** relayOf builds the relay profile the form describes (kept fields from extra). */
export function relayOf(f: SendingForm, extra?: RelayProfile | null): RelayProfile {
  const host = f.host.trim();
  const p: RelayProfile = {
    ...(extra ?? {}),
    name: f.relay_name.trim() || host || 'SMTP',
    host,
    port: Number(f.port) || 0,
    security: f.security,
    from: addressOf(f.from),
  };
  const user = f.username.trim();
  if (user) {
    p.username = user;
    p.password = f.password;
    p.auth_method = f.auth_method;
  } else {
    delete p.username;
    delete p.password;
    delete p.auth_method;
  }
  p.per_second = Number(f.per_second) || 0;
  p.per_hour = Number(f.per_hour) || 0;
  return p;
}

/** settingsOf builds the settings to store from a valid form. */
export function settingsOf(f: SendingForm, extra?: RelayProfile | null): SendingSettings {
  return {
    relay: f.mode === 'relay' ? relayOf(f, extra) : null,
    from: f.from.trim(),
    cap_per_day: Number(f.cap_per_day) || 0,
    cap_per_week: Number(f.cap_per_week) || 0,
    quiet_from: f.quiet_from,
    quiet_to: f.quiet_to,
    temperature_warm: Number(f.warm),
    temperature_hot: Number(f.hot),
  };
}

/**
 * relayStage reads which stage an SMTP test failed at from the engine's
 * message (`smtp profile "x": host:port: stage: what went wrong`). A message
 * without a stage is a refused setting (no host, bad address…).
 */
export function relayStage(message: string): RelayStage {
  const m = /:\s(dns|connect|tls|auth|sender|recipient|data):\s/.exec(message);
  if (m) return m[1] as RelayStage;
  if (/^smtp profile "[^"]*": (security|auth method|host|port|from|rate|refusing)/.test(message)) return 'settings';
  return 'unknown';
}

/** RELATED lists the fields a field's error also depends on. */
const RELATED: Partial<Record<SendingField, SendingField[]>> = {
  hot: ['warm'],
  warm: ['hot'],
  quiet_to: ['quiet_from'],
  quiet_from: ['quiet_to'],
  cap_per_week: ['cap_per_day'],
  security: ['username', 'host'],
  password: ['username'],
};

interface SendingState {
  form: SendingForm | null;
  /** extra keeps the stored relay's fields the form does not show. */
  extra: RelayProfile | null;
  saved: string;
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | null;
  errors: FormErrors;
  /** touched fields show their errors as the user types. */
  touched: Partial<Record<SendingField, true>>;
  serverError: string | null;
  saving: boolean;
  justSaved: boolean;
  testing: boolean;
  test: RelayTest | null;
  engine: EngineStatus | null;
  engineError: string | null;
  load(): Promise<void>;
  change(patch: Partial<SendingForm>): void;
  save(): Promise<boolean>;
  testRelay(): Promise<void>;
  loadEngine(): Promise<void>;
}

/** isSendingDirty tells whether the form differs from what is stored. */
export function isSendingDirty(s: Pick<SendingState, 'form' | 'saved'>): boolean {
  return !!s.form && JSON.stringify(s.form) !== s.saved;
}

export const useSending = create<SendingState>()((set, get) => ({
  form: null,
  extra: null,
  saved: '',
  status: 'idle',
  loadError: null,
  errors: {},
  touched: {},
  serverError: null,
  saving: false,
  justSaved: false,
  testing: false,
  test: null,
  engine: null,
  engineError: null,

  async load() {
    set({ status: 'loading', loadError: null });
    try {
      const s = await emailsApi().getSending();
      const form = formFromSettings(s);
      set({ form, extra: s.relay, saved: JSON.stringify(form), status: 'ready', errors: {}, touched: {}, serverError: null, test: null });
    } catch (err) {
      set({ status: 'error', loadError: errorMessage(err) });
    }
  },

  change(patch) {
    const f = get().form;
    if (!f) return;
    const form = { ...f, ...patch };
    const touched = { ...get().touched };
    for (const k of Object.keys(patch) as SendingField[]) touched[k] = true;
    const all = validateSending(form);
    // Errors show for fields already typed in (or a field they are checked
    // against), or all of them after a save attempt.
    const shown: FormErrors = {};
    for (const k of Object.keys(all) as SendingField[]) {
      if (touched[k] || get().errors[k] || (RELATED[k] ?? []).some((r) => touched[r])) shown[k] = all[k];
    }
    const relayChanged = ['host', 'port', 'security', 'username', 'password', 'auth_method', 'from', 'mode'].some((k) => k in patch);
    set({ form, touched, errors: shown, justSaved: false, serverError: null, ...(relayChanged ? { test: null } : {}) });
  },

  async save() {
    const f = get().form;
    if (!f || get().saving) return false;
    const errors = validateSending(f);
    if (Object.keys(errors).length > 0) {
      set({ errors, serverError: null });
      return false;
    }
    set({ saving: true, errors: {}, serverError: null });
    try {
      await emailsApi().setSending(settingsOf(f, get().extra));
      set({ saving: false, saved: JSON.stringify(f), justSaved: true, touched: {} });
      return true;
    } catch (err) {
      set({ saving: false, serverError: errorMessage(err) });
      return false;
    }
  },

  async testRelay() {
    const f = get().form;
    if (!f) return;
    const all = validateSending({ ...f, mode: 'relay' });
    const relayFields: SendingField[] = ['host', 'port', 'security', 'password', 'from'];
    const errors: FormErrors = {};
    for (const k of relayFields) if (all[k]) errors[k] = all[k];
    if (Object.keys(errors).length > 0) {
      set({ errors: { ...get().errors, ...errors }, test: null });
      return;
    }
    set({ testing: true, test: null });
    try {
      await emailsApi().testRelay(relayOf(f, get().extra));
      set({ testing: false, test: { ok: true } });
    } catch (err) {
      const message = errorMessage(err);
      set({ testing: false, test: { ok: false, stage: relayStage(message), message } });
    }
  },

  async loadEngine() {
    try {
      set({ engine: await emailsApi().engineStatus(), engineError: null });
    } catch (err) {
      set({ engineError: errorMessage(err) });
    }
  },
}));
