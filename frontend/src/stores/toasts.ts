// Toasts: short messages in the corner. Errors from the engine land here.
import { create } from 'zustand';

export type ToastKind = 'error' | 'info' | 'success' | 'warning';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

interface ToastState {
  toasts: Toast[];
  push(kind: ToastKind, text: string): number;
  dismiss(id: number): void;
  clear(): void;
}

let seq = 0;

/** How long a toast stays, by kind (errors stay longer: they need reading). */
export const TOAST_MS: Record<ToastKind, number> = { error: 9000, warning: 6000, info: 4000, success: 3000 };

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  push(kind, text) {
    const id = ++seq;
    // The same message twice in a row shows once.
    const last = get().toasts.at(-1);
    if (last && last.text === text && last.kind === kind) return last.id;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { id, kind, text }] }));
    if (typeof window !== 'undefined') window.setTimeout(() => get().dismiss(id), TOAST_MS[kind]);
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  clear() {
    set({ toasts: [] });
  },
}));

/** toast shows a message from anywhere (stores included). */
export function toast(kind: ToastKind, text: string): void {
  useToasts.getState().push(kind, text);
}
