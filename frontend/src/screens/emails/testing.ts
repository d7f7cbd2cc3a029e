// Test doubles for the emails, mailbox and settings screens: an in-memory
// EmailsApi that behaves like the engine where the screens care (templates
// kept by id, a small Liquid check, a preview that fills the first name).
import { setEmailsApi, type Block, type EmailProblem, type EmailsApi, type EmailTemplate, type MailboxItem, type MailView, type SendingSettings } from '../../api/emails';
import { cancelEmailTimers, useEmails } from '../../stores/emails';
import { useMailbox } from '../../stores/emailsMailbox';
import { useSending } from '../../stores/emailsSending';

const initial = {
  emails: useEmails.getState(),
  mailbox: useMailbox.getState(),
  sending: useSending.getState(),
};

export interface FakeEmailsApi extends EmailsApi {
  store: Map<string, EmailTemplate>;
  messages: MailboxItem[];
  views: Map<number, MailView>;
  sending: SendingSettings;
  calls: string[];
  opened: string[];
  failNext(method: string, message: string): void;
}

/** checkBlocks is a tiny version of the engine's check: unknown filters and empty button links. */
export function fakeCheck(t: EmailTemplate): EmailProblem[] {
  const out: EmailProblem[] = [];
  if (!t.subject.trim()) out.push({ part: 'subject', line: 0, severity: 'warning', message: 'the subject is empty', code: 'subject_empty' });
  (t.blocks ?? []).forEach((b, i) => {
    if (b.type === 'button' && !b.url?.trim()) out.push({ part: 'blocks', line: i + 1, severity: 'error', message: `block ${i + 1} (button) has no link`, code: 'button_no_link' });
    // Each block starts on line 20 + 2×i of the fake HTML.
    if (/\|\s*upcse/.test(b.text ?? '')) out.push({ part: 'html', line: 20 + 2 * i, severity: 'error', message: 'unknown filter "upcse"', code: 'unknown_filter', params: { name: 'upcse', suggest: 'upcase' } });
  });
  if ((t.blocks?.length ?? 0) === 0 && /\|\s*upcse/.test(t.html ?? '')) {
    const line = (t.html ?? '').split('\n').findIndex((l) => l.includes('upcse')) + 1;
    out.push({ part: 'html', line, severity: 'error', message: 'unknown filter "upcse"', code: 'unknown_filter', params: { name: 'upcse', suggest: 'upcase' } });
  }
  return out;
}

export function renderFake(blocks: readonly Block[]): string {
  return `<html><body>${blocks.map((b) => `<div data-type="${b.type}">${b.text ?? ''}</div>`).join('\n')}</body></html>`;
}

export function createFakeEmailsApi(): FakeEmailsApi {
  const failures = new Map<string, string>();
  const copy = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  const api: FakeEmailsApi = {
    store: new Map(),
    messages: [],
    views: new Map(),
    sending: { relay: null, from: 'Flightplan <hello@flightplan.localhost>', cap_per_day: 0, cap_per_week: 0, quiet_from: '', quiet_to: '', temperature_warm: 30, temperature_hot: 60 },
    calls: [],
    opened: [],
    failNext: (m, msg) => failures.set(m, msg),
    async templates() {
      return gate('templates') ?? [...api.store.values()].map(copy);
    },
    async saveTemplate(t) {
      const f = gate('saveTemplate');
      if (f) return f;
      api.store.set(t.id, copy(t));
      return fakeCheck(t);
    },
    async checkTemplate(t) {
      return gate('checkTemplate') ?? fakeCheck(t);
    },
    async deleteTemplate(id) {
      const f = gate('deleteTemplate');
      if (f) return f;
      api.store.delete(id);
    },
    async preview(t, contactId) {
      const f = gate('preview');
      if (f) return f;
      const name = contactId ? `Contact ${contactId}` : 'Camille';
      const fill = (s: string) => s.replace(/\{\{[^}]*first_name[^}]*\}\}/g, name);
      const html = (t.blocks?.length ?? 0) > 0 ? renderFake(t.blocks!) : (t.html ?? '');
      return { subject: fill(t.subject), html: fill(html), text: fill(html.replace(/<[^>]+>/g, '')) };
    },
    async blockLines(t) {
      return gate('blockLines') ?? (t.blocks ?? []).map((_, i) => 20 + 2 * i);
    },
    async renderBlocks(blocks) {
      return gate('renderBlocks') ?? renderFake(blocks);
    },
    async mailbox() {
      return gate('mailbox') ?? copy(api.messages);
    },
    async mailboxMessage(id) {
      const f = gate('mailboxMessage');
      if (f) return f;
      const v = api.views.get(id);
      if (!v) throw `message ${id}: not found`;
      return copy(v);
    },
    async followLink(url) {
      const f = gate('followLink');
      if (f) return f;
      if (url.includes('/c/')) return { kind: 'click', destination: 'https://example.com/offer' };
      if (url.includes('/u/')) return { kind: 'unsubscribe', destination: url };
      return { kind: 'external', destination: url };
    },
    async unsubscribe() {
      const f = gate('unsubscribe');
      if (f) return f;
    },
    async getSending() {
      return gate('getSending') ?? copy(api.sending);
    },
    async setSending(s) {
      const f = gate('setSending');
      if (f) return f;
      if (s.temperature_warm >= s.temperature_hot) throw `the warm threshold (${s.temperature_warm}) must be below the hot one (${s.temperature_hot})`;
      api.sending = copy(s);
    },
    async testRelay(p) {
      const f = gate('testRelay');
      if (f) return f;
      if (p.host.endsWith('.invalid')) throw `smtp profile "${p.name}": ${p.host}:${p.port || 587}: dns: cannot resolve "${p.host}": no such host`;
    },
    async engineStatus() {
      return gate('engineStatus') ?? { running: true, http_addr: '127.0.0.1:47800', capture_addr: '127.0.0.1:2525', intake_token: 'tok123', outbox: { sent: 3, pending: 1 } };
    },
    openExternal(url) {
      api.opened.push(url);
    },
    async copyText() {
      return true;
    },
  };
  // gate records the call and returns a rejected promise for a planned failure (awaited by the caller).
  function gate(method: string): never | null {
    api.calls.push(method);
    const f = failures.get(method);
    if (f !== undefined) {
      failures.delete(method);
      throw f;
    }
    return null;
  }
  return api;
}

/** resetEmailsScreens installs a fresh fake API and resets the three stores. */
export function resetEmailsScreens(): FakeEmailsApi {
  cancelEmailTimers();
  const api = createFakeEmailsApi();
  setEmailsApi(api);
  useEmails.setState(initial.emails, true);
  useMailbox.setState(initial.mailbox, true);
  useSending.setState(initial.sending, true);
  return api;
}
