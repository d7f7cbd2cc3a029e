// The offline mailbox: messages the engine "sent" while no SMTP relay is set,
// newest first, and the one open. Following a link records the click the way
// a reader's browser would, so the contact's journey moves on.
import { create } from 'zustand';
import { errorMessage } from '../api/backend';
import { emailsApi, type MailboxItem, type MailLinkKind, type MailView } from '../api/emails';

/** How often the list asks the engine for new messages while it is shown. */
export const MAILBOX_POLL_MS = 3000;

/** LinkOutcome is what the last link click did, shown above the message. */
export interface LinkOutcome {
  url: string;
  kind: MailLinkKind | 'unsubscribed' | 'error';
  destination: string;
  error?: string;
}

interface MailboxState {
  messages: MailboxItem[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  selectedId: number | null;
  message: MailView | null;
  messageError: string | null;
  loadingMessage: boolean;
  /** seen holds the ids opened in this session; the others show as new. */
  seen: Record<number, true>;
  link: LinkOutcome | null;
  linkBusy: boolean;
  refresh(): Promise<void>;
  open(id: number): Promise<void>;
  followLink(url: string): Promise<void>;
  unsubscribe(url: string): Promise<void>;
  clearLink(): void;
}

/** newestFirst orders messages by arrival, newest first. */
export function newestFirst(list: readonly MailboxItem[]): MailboxItem[] {
  return [...list].sort((a, b) => {
    const ta = Date.parse(a.received_at) || 0;
    const tb = Date.parse(b.received_at) || 0;
    return tb - ta || b.id - a.id;
  });
}

export const useMailbox = create<MailboxState>()((set, get) => ({
  messages: [],
  status: 'idle',
  error: null,
  selectedId: null,
  message: null,
  messageError: null,
  loadingMessage: false,
  seen: {},
  link: null,
  linkBusy: false,

  async refresh() {
    if (get().status === 'idle') set({ status: 'loading' });
    try {
      const list = newestFirst(await emailsApi().mailbox());
      const prev = get().messages;
      // Keep the same array when nothing changed: the list does not re-render every poll.
      const same = prev.length === list.length && prev.every((m, i) => m.id === list[i]!.id);
      set({ messages: same ? prev : list, status: 'ready', error: null });
    } catch (err) {
      set({ status: 'error', error: errorMessage(err) });
    }
  },

  async open(id) {
    set((s) => ({ selectedId: id, loadingMessage: true, messageError: null, link: null, seen: { ...s.seen, [id]: true } }));
    try {
      const m = await emailsApi().mailboxMessage(id);
      if (get().selectedId === id) set({ message: m, loadingMessage: false });
    } catch (err) {
      if (get().selectedId === id) set({ message: null, loadingMessage: false, messageError: errorMessage(err) });
    }
  },

  async followLink(url) {
    set({ linkBusy: true });
    try {
      const r = await emailsApi().followLink(url);
      set({ link: { url, kind: r.kind, destination: r.destination || url }, linkBusy: false });
    } catch (err) {
      set({ link: { url, kind: 'error', destination: url, error: errorMessage(err) }, linkBusy: false });
    }
  },

  async unsubscribe(url) {
    set({ linkBusy: true });
    try {
      await emailsApi().unsubscribe(url);
      set({ link: { url, kind: 'unsubscribed', destination: url }, linkBusy: false });
    } catch (err) {
      set({ link: { url, kind: 'error', destination: url, error: errorMessage(err) }, linkBusy: false });
    }
  },

  clearLink() {
    set({ link: null });
  },
}));
