// The tabs inside the Contacts screen.
import { create } from 'zustand';

export type ContactsTab = 'people' | 'import' | 'segments' | 'fields' | 'scoring';

/** CONTACTS_TABS lists the tabs in the order the screen shows them. */
export const CONTACTS_TABS: readonly ContactsTab[] = ['people', 'import', 'segments', 'fields', 'scoring'];

interface ContactsNavState {
  tab: ContactsTab;
  go(tab: ContactsTab): void;
}

export const useContactsNav = create<ContactsNavState>()((set) => ({
  tab: 'people',
  go: (tab) => set({ tab }),
}));
