// Typed wrappers over the Go bindings of the emails, the offline mailbox and
// the sending settings. Stores call `emailsApi()`; tests swap it with
// `setEmailsApi(fake)`. Only this module (and backend.ts) import wailsjs/.
import * as Emails from '../../wailsjs/go/app/Emails';
import * as Mailbox from '../../wailsjs/go/app/Mailbox';
import * as Sending from '../../wailsjs/go/app/Sending';
import { delivery as deliveryModels, mail as mailModels } from '../../wailsjs/go/models';
import * as Runtime from '../../wailsjs/runtime/runtime';
import type {
  Block,
  EmailPreview,
  EmailProblem,
  EmailTemplate,
  EngineStatus,
  MailboxItem,
  MailLink as GenMailLink,
  MailView,
  RelayProfile,
  SendingSettings as GenSendingSettings,
} from './types.gen';

export type { AuthMethod, Block, BlockType, EmailPreview, EmailProblem, EmailTemplate, EngineStatus, MailboxItem, MailView, RelayProfile, Security } from './types.gen';
export { BLOCK_TYPES } from './types.gen';

/** ProblemPart is the part of a template a problem is about. */
export type ProblemPart = 'subject' | 'preheader' | 'html' | 'text' | 'blocks';

/** MailLinkKind says what following a mailbox link did. */
export type MailLinkKind = 'click' | 'unsubscribe' | 'open' | 'external';

/** MailLink says what following a mailbox link did; Go's kind is a plain string of these words. */
export type MailLink = Omit<GenMailLink, 'kind'> & { kind: MailLinkKind };

/** SendingSettings are the workspace's email rules and relay: Go sends a missing relay (the offline mailbox) as null. */
export type SendingSettings = Omit<GenSendingSettings, 'relay'> & { relay: RelayProfile | null };

/** EmailsApi is what the emails, mailbox and settings screens ask of the engine. */
export interface EmailsApi {
  templates(): Promise<EmailTemplate[]>;
  saveTemplate(t: EmailTemplate): Promise<EmailProblem[]>;
  checkTemplate(t: EmailTemplate): Promise<EmailProblem[]>;
  deleteTemplate(id: string): Promise<void>;
  preview(t: EmailTemplate, contactId: number): Promise<EmailPreview>;
  blockLines(t: EmailTemplate): Promise<number[]>;
  renderBlocks(blocks: Block[]): Promise<string>;
  mailbox(): Promise<MailboxItem[]>;
  mailboxMessage(id: number): Promise<MailView>;
  followLink(url: string): Promise<MailLink>;
  unsubscribe(url: string): Promise<void>;
  getSending(): Promise<SendingSettings>;
  setSending(s: SendingSettings): Promise<void>;
  testRelay(p: RelayProfile): Promise<void>;
  engineStatus(): Promise<EngineStatus>;
  /** openExternal opens a web address in the user's browser. */
  openExternal(url: string): void;
  /** copyText puts text on the clipboard; false when it could not. */
  copyText(text: string): Promise<boolean>;
}

const tpl = (t: EmailTemplate) => mailModels.Template.createFrom(t);

// The bindings return plain JSON at run time; their .d.ts describes classes,
// so results are re-typed here, in one place.
const wails: EmailsApi = {
  templates: async () => ((await Emails.EmailTemplates()) ?? []) as unknown as EmailTemplate[],
  saveTemplate: async (t) => ((await Emails.SaveEmailTemplate(tpl(t))) ?? []) as unknown as EmailProblem[],
  checkTemplate: async (t) => ((await Emails.CheckEmailTemplate(tpl(t))) ?? []) as unknown as EmailProblem[],
  deleteTemplate: (id) => Emails.DeleteEmailTemplate(id),
  preview: async (t, contactId) => (await Emails.PreviewEmail(tpl(t), contactId)) as unknown as EmailPreview,
  blockLines: async (t) => (await Emails.EmailBlockLines(tpl(t))) ?? [],
  renderBlocks: (blocks) => Emails.RenderEmailBlocks(blocks.map((b) => mailModels.Block.createFrom(b))),
  mailbox: async () => ((await Mailbox.Mailbox()) ?? []) as unknown as MailboxItem[],
  mailboxMessage: async (id) => (await Mailbox.MailboxMessage(id)) as unknown as MailView,
  followLink: async (url) => (await Mailbox.FollowMailLink(url)) as unknown as MailLink,
  unsubscribe: (url) => Mailbox.UnsubscribeFromMail(url),
  getSending: async () => (await Sending.GetSendingSettings()) as unknown as SendingSettings,
  setSending: (s) => Sending.SetSendingSettings(deliveryModels.SendingSettings.createFrom(s)),
  testRelay: (p) => Sending.TestRelay(mailModels.Profile.createFrom(p)),
  engineStatus: async () => (await Sending.GetEngineStatus()) as unknown as EngineStatus,
  openExternal: (url) => Runtime.BrowserOpenURL(url),
  copyText: async (text) => {
    // The desktop window's page is not a secure context for
    // navigator.clipboard; the Wails runtime is. A browser has both.
    try {
      if (await Runtime.ClipboardSetText(text)) return true;
    } catch {
      /* no runtime: a plain browser */
    }
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  },
};

let current: EmailsApi = wails;

/** emailsApi returns the API in use: the Go engine, or a test's fake. */
export function emailsApi(): EmailsApi {
  return current;
}

/** setEmailsApi replaces the API (tests); it returns the previous one. */
export function setEmailsApi(api: EmailsApi): EmailsApi {
  const prev = current;
  current = api;
  return prev;
}
