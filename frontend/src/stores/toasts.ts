// Toasts: short messages in the corner. Errors from the engine land here.
import { create } from 'zustand';

export type ToastKind = 'error' | 'info' | 'success' | 'warning';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  /** key groups toasts about one thing: a new one replaces the old (a publish success replaces its refusal). */
  key?: string;
}

interface ToastState {
  toasts: Toast[];
  push(kind: ToastKind, text: string, key?: string): number;
  dismiss(id: number): void;
  /** dismissKey removes the toasts about one thing (a save that now worked). */
  dismissKey(key: string): void;
  clear(): void;
}

let seq = 0;

/** How long a toast stays, by kind (errors stay longer: they need reading). */
export const TOAST_MS: Record<ToastKind, number> = { error: 9000, warning: 6000, info: 4000, success: 3000 };

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  push(kind, text, key) {
    const id = ++seq;
    // The same message twice in a row shows once.
    const last = get().toasts.at(-1);
    if (last && last.text === text && last.kind === kind) return last.id;
    set((s) => ({ toasts: [...s.toasts.filter((t) => !key || t.key !== key).slice(-4), { id, kind, text, key }] }));
    if (typeof window !== 'undefined') window.setTimeout(() => get().dismiss(id), TOAST_MS[kind]);
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  dismissKey(key) {
    if (get().toasts.some((t) => t.key === key)) set((s) => ({ toasts: s.toasts.filter((t) => t.key !== key) }));
  },
  clear() {
    set({ toasts: [] });
  },
}));

/** toast shows a message from anywhere (stores included). */
export function toast(kind: ToastKind, text: string, key?: string): void {
  useToasts.getState().push(kind, text, key);
}
