// Toasts: short messages in the corner. Errors from the engine land here.
// A toast keeps its message (a dictionary key and its parameters), not the
// sentence: Toasts.tsx writes it in the language of the moment, so the
// toasts on screen follow a switch from English to French.
import { create } from 'zustand';
import type { Lang } from '../api/types';
import { say, type Message } from '../i18n/message';

export type ToastKind = 'error' | 'info' | 'success' | 'warning';

/**
 * ToastText is what a toast says: a message, or a plain text only where the
 * words are not ours to translate (the engine's raw error, the user's data).
 */
export type ToastText = Message | string;

export interface Toast {
  id: number;
  kind: ToastKind;
  text: ToastText;
  /** key groups toasts about one thing: a new one replaces the old (a publish success replaces its refusal). */
  key?: string;
}

interface ToastState {
  toasts: Toast[];
  push(kind: ToastKind, text: ToastText, key?: string): number;
  dismiss(id: number): void;
  /** hold keeps a toast while the pointer is on it (it is being read); release gives it its time again. */
  hold(id: number): void;
  release(id: number): void;
  /** dismissKey removes the toasts about one thing (a save that now worked). */
  dismissKey(key: string): void;
  clear(): void;
}

let seq = 0;

/** held are the toasts under the pointer: their time runs out only once it leaves. */
const held = new Set<number>();

/** How long a toast stays, by kind (errors stay longer: they need reading). */
export const TOAST_MS: Record<ToastKind, number> = { error: 9000, warning: 6000, info: 4000, success: 3000 };

/** toastText writes what a toast says in lang. */
export function toastText(t: Pick<Toast, 'text'>, lang: Lang): string {
  return say(lang, t.text);
}

/** toastTexts is what the toasts on screen say in lang, oldest first. */
export function toastTexts(lang: Lang): string[] {
  return useToasts.getState().toasts.map((t) => toastText(t, lang));
}

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  push(kind, text, key) {
    const id = ++seq;
    // The same message twice in a row shows once (compared as written in
    // English: the same key and the same parameters).
    const last = get().toasts.at(-1);
    if (last && last.kind === kind && toastText(last, 'en') === say('en', text)) return last.id;
    set((s) => ({ toasts: [...s.toasts.filter((t) => !key || t.key !== key).slice(-4), { id, kind, text, key }] }));
    arm(id, kind, get);
    return id;
  },
  dismiss(id) {
    held.delete(id);
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  hold(id) {
    held.add(id);
  },
  release(id) {
    if (!held.delete(id)) return;
    const t = get().toasts.find((x) => x.id === id);
    if (t) arm(id, t.kind, get);
  },
  dismissKey(key) {
    if (get().toasts.some((t) => t.key === key)) set((s) => ({ toasts: s.toasts.filter((t) => t.key !== key) }));
  },
  clear() {
    held.clear();
    set({ toasts: [] });
  },
}));

/** arm dismisses a toast once its kind's time is up, unless it is held then. */
function arm(id: number, kind: ToastKind, get: () => ToastState): void {
  if (typeof window === 'undefined') return;
  window.setTimeout(() => {
    if (!held.has(id)) get().dismiss(id);
  }, TOAST_MS[kind]);
}

/**
 * toast shows a message from anywhere (stores included). Give it msg(key,
 * params), so it follows the language; a plain string only for words that
 * are not ours (the engine's raw error text, a user's own data).
 */
export function toast(kind: ToastKind, text: ToastText, key?: string): void {
  useToasts.getState().push(kind, text, key);
}
