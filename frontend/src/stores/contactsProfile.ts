// The contact open in the profile panel: its fields, lists, tags, score,
// stage and timeline.
import { create } from 'zustand';
import { errorMessage } from '../api/backend';
import { contactsApi, type Contact, type TimelineItem } from '../api/contacts';
import { useContactsTable } from './contactsTable';

interface ProfileState {
  id: number | null;
  contact: Contact | null;
  timeline: TimelineItem[];
  loading: boolean;
  error: string | null;
  /** stageError is the engine's refusal of the last stage change (stages only move forward). */
  stageError: string | null;
  stageSaving: boolean;
  open(id: number): Promise<void>;
  close(): void;
  refresh(): Promise<void>;
  /**
   * reread reads the open contact and its history again without the
   * loading state: the panel stays as it is and takes what changed (an
   * email refused by the relay, sent after a retry, a step passed).
   */
  reread(): Promise<void>;
  setStage(stage: string): Promise<boolean>;
  /** forget erases the open contact, closes the profile and reloads the table; it rejects with the engine's error. */
  forget(): Promise<void>;
}

/**
 * PROFILE_POLL_MS is how often an open profile reads its contact again: a
 * marketer watching a contact go through a funnel sees each step, and one
 * coming back to the Contacts screen does not read the history of the
 * moment the panel opened (it once still said "Waiting to be sent" of an
 * email the relay had refused).
 */
export const PROFILE_POLL_MS = 3000;

/** newestFirst sorts timeline items by time, newest first (the engine does; a fake may not). */
export function newestFirst(items: TimelineItem[]): TimelineItem[] {
  return [...items].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

export const useContactProfile = create<ProfileState>()((set, get) => ({
  id: null,
  contact: null,
  timeline: [],
  loading: false,
  error: null,
  stageError: null,
  stageSaving: false,

  async open(id) {
    set({ id, contact: get().id === id ? get().contact : null, timeline: get().id === id ? get().timeline : [], loading: true, error: null, stageError: null });
    try {
      const [contact, timeline] = await Promise.all([contactsApi().get(id), contactsApi().timeline(id)]);
      if (get().id !== id) return;
      set({ contact, timeline: newestFirst(timeline), loading: false });
    } catch (err) {
      if (get().id !== id) return;
      set({ loading: false, error: errorMessage(err) });
    }
  },
  close() {
    set({ id: null, contact: null, timeline: [], error: null, stageError: null, loading: false });
  },
  async reread() {
    const { id, loading } = get();
    if (id === null || loading) return;
    try {
      const [contact, timeline] = await Promise.all([contactsApi().get(id), contactsApi().timeline(id)]);
      if (get().id !== id || get().loading) return;
      set({ contact, timeline: newestFirst(timeline) });
    } catch {
      // The next reread tries again; open() is the one that shows an error.
    }
  },
  async refresh() {
    const { id } = get();
    if (id !== null) await get().open(id);
  },
  async forget() {
    const { id } = get();
    if (id === null) return;
    await contactsApi().forget(id);
    get().close();
    useContactsTable.getState().reload();
  },
  async setStage(stage) {
    const { id, contact } = get();
    if (id === null || !contact || contact.stage === stage) return true;
    set({ stageSaving: true, stageError: null });
    try {
      await contactsApi().setStage(id, stage);
    } catch (err) {
      set({ stageSaving: false, stageError: errorMessage(err) });
      return false;
    }
    set({ stageSaving: false });
    useContactsTable.getState().patchRow(id, { stage });
    await get().refresh();
    return true;
  },
}));
