// Typed wrappers over the Go bindings of the emails, the offline mailbox and
// the sending settings. Stores call `emailsApi()`; tests swap it with
// `setEmailsApi(fake)`. Only this module (and backend.ts) import wailsjs/.
import * as Emails from '../../wailsjs/go/app/Emails';
import * as Mailbox from '../../wailsjs/go/app/Mailbox';
import * as Sending from '../../wailsjs/go/app/Sending';
import { delivery as deliveryModels, mail as mailModels } from '../../wailsjs/go/models';
import * as Runtime from '../../wailsjs/runtime/runtime';
import type { Block } from './types.gen';

export type { Block, BlockType } from './types.gen';
export { BLOCK_TYPES } from './types.gen';

/** EmailTemplate is an email as the user edits it (mail.Template). */
export interface EmailTemplate {
  id: string;
  name: string;
  subject: string;
  preheader?: string;
  from_name?: string;
  from_email?: string;
  /** html is the body when there are no blocks. */
  html?: string;
  /** text is the plain-text version; empty means "made from the HTML". */
  text?: string;
  blocks?: Block[];
}

/** ProblemPart is the part of a template a problem is about. */
export type ProblemPart = 'subject' | 'preheader' | 'html' | 'text' | 'blocks';

/** EmailProblem is one finding of the engine's template check (mail.Problem). */
export interface EmailProblem {
  part: ProblemPart | string;
  /** line is 1-based within the part; for blocks the block's position; 0 for the whole part. */
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

/** EmailPreview is a template rendered for one contact. */
export interface EmailPreview {
  subject: string;
  html: string;
  text: string;
}

/** MailboxItem is one message of the offline mailbox list. */
export interface MailboxItem {
  id: number;
  from: string;
  to: string;
  subject: string;
  received_at: string;
}

/** MailView is one captured message, taken apart. */
export interface MailView {
  id: number;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string[]>;
}

/** MailLinkKind says what following a mailbox link did. */
export type MailLinkKind = 'click' | 'unsubscribe' | 'open' | 'external';

export interface MailLink {
  kind: MailLinkKind;
  destination: string;
}

export type Security = 'none' | 'starttls' | 'tls';
export type AuthMethod = '' | 'plain' | 'login';

/** RelayProfile is an SMTP relay (mail.Profile). */
export interface RelayProfile {
  name: string;
  host: string;
  /** port 0 means the usual one for the security mode. */
  port: number;
  security: Security;
  username?: string;
  password?: string;
  auth_method?: AuthMethod;
  /** from is the envelope sender, a bare address. */
  from: string;
  timeout_seconds?: number;
  per_second?: number;
  per_hour?: number;
  connections?: number;
  hello_name?: string;
}

/** SendingSettings are the workspace's email rules and relay. */
export interface SendingSettings {
  /** relay is null for the offline mailbox. */
  relay: RelayProfile | null;
  from: string;
  cap_per_day: number;
  cap_per_week: number;
  quiet_from: string;
  quiet_to: string;
  temperature_warm: number;
  temperature_hot: number;
}

/** EngineStatus describes the local servers and the outbox. */
export interface EngineStatus {
  running: boolean;
  http_addr: string;
  capture_addr: string;
  intake_token: string;
  outbox: Record<string, number>;
  /** Why the engine is not running, when it could not start. */
  problem?: string;
}

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
