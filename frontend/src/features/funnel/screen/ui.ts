// Which of the funnel builder's dialogs is open. Kept out of the editor so
// opening one re-renders nothing on the canvas.
import { create } from 'zustand';

/** Dialog is one of the builder's overlays. */
export type Dialog = 'new' | 'map' | 'shortcuts' | 'print' | null;

interface FunnelUiState {
  dialog: Dialog;
  /** newTab is the tab the "New funnel" dialog opens on. */
  newTab: 'blank' | 'gallery';
  /** deleting is how many selected steps wait for "Delete N steps?" to be answered; 0 when not asking. */
  deleting: number;
  open(d: Exclude<Dialog, null>, newTab?: 'blank' | 'gallery'): void;
  close(): void;
}

export const useFunnelUi = create<FunnelUiState>()((set) => ({
  dialog: null,
  newTab: 'gallery',
  deleting: 0,
  open: (dialog, newTab) => set((s) => ({ dialog, newTab: newTab ?? s.newTab })),
  close: () => set({ dialog: null }),
}));
