// The screen shown in the main area.
import { create } from 'zustand';

export type Screen = 'funnels' | 'simulate' | 'contacts' | 'emails' | 'mailbox' | 'forms' | 'scripts' | 'settings';

export const SCREENS: Screen[] = ['funnels', 'simulate', 'contacts', 'emails', 'mailbox', 'forms', 'scripts', 'settings'];

interface NavState {
  screen: Screen;
  go: (s: Screen) => void;
}

export const useNav = create<NavState>((set) => ({
  screen: 'funnels',
  go: (screen) => set({ screen }),
}));
