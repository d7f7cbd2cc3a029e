// Typed wrappers over the bindings for failures at run time (a step whose
// emails could not be sent, journeys stopped by an error), retrying them,
// and "send a test to me". Stores call `failuresApi()`; tests swap it with
// `setFailuresApi(fake)`.
import * as Contacts from '../../wailsjs/go/app/Contacts';
import * as Emails from '../../wailsjs/go/app/Emails';
import * as Failures from '../../wailsjs/go/app/Failures';
import type { EmailTemplate } from './emails';

/** StepFailure is what is in trouble at one step of a funnel. */
export interface StepFailure {
  flow_id: string;
  node: string;
  /** failed: messages given up; retrying: messages waiting for their next try; stopped: journeys stopped by an error. */
  failed: number;
  retrying: number;
  stopped: number;
  /** reason is the latest error, as the engine says it. */
  reason: string;
  at: string;
}

/** FailureReport is a funnel's failures, and the journeys still on an older version. */
export interface FailureReport {
  steps: StepFailure[];
  on_older_versions: number;
  published_version: number;
}

/** RetryResult says what a retry put back to work. */
export interface RetryResult {
  messages: number;
  journeys: number;
  version: number;
}

/** FailureTotal is how much is in trouble across the workspace. */
export interface FailureTotal {
  count: number;
  flows: string[];
  /** by_flow counts each funnel's failures. */
  by_flow: Record<string, number>;
}

/** TestResult is what happened to a test send. */
export interface TestResult {
  sent: boolean;
  to: string;
  via: string;
  subject: string;
  error?: string;
}

/** ContactChoice is a contact offered by the test's contact picker. */
export interface ContactChoice {
  id: number;
  email: string;
  name: string;
}

export interface FailuresApi {
  flowFailures(flowId: string): Promise<FailureReport>;
  retry(flowId: string, node: string): Promise<RetryResult>;
  moveToLatest(flowId: string): Promise<number>;
  totals(): Promise<FailureTotal>;
  myEmail(): Promise<string>;
  /** sendTest sends an email (a whole draft, or only {id} for a saved one) rendered for a contact (0: the sample) to `to`. */
  sendTest(t: Partial<EmailTemplate> & { id: string }, contactId: number, to: string): Promise<TestResult>;
  /** findContacts lists up to 8 contacts whose name or email has the words typed. */
  findContacts(search: string): Promise<ContactChoice[]>;
}

interface RawRow {
  id: number;
  email: string;
  first_name?: string;
  last_name?: string;
}

const wails: FailuresApi = {
  flowFailures: async (id) => {
    const r = (await Failures.FlowFailures(id)) as unknown as FailureReport;
    return { ...r, steps: r.steps ?? [] };
  },
  retry: async (id, node) => (await Failures.RetryFailures(id, node)) as unknown as RetryResult,
  moveToLatest: (id) => Failures.MoveContactsToLatest(id),
  totals: async () => {
    const t = (await Failures.FailureTotals()) as unknown as FailureTotal;
    return { count: t.count, flows: t.flows ?? [], by_flow: t.by_flow ?? {} };
  },
  myEmail: () => Emails.MyEmail(),
  sendTest: async (t, contactId, to) => (await Emails.SendTestEmail(t as never, contactId, to)) as unknown as TestResult,
  findContacts: async (search) => {
    const page = (await Contacts.ListContacts({ search, limit: 8 } as never)) as unknown as { rows?: RawRow[] };
    return (page.rows ?? []).map((c) => ({ id: c.id, email: c.email, name: [c.first_name, c.last_name].filter(Boolean).join(' ') }));
  },
};

let current: FailuresApi = wails;

/** failuresApi returns the API in use: the Go engine, or a test's fake. */
export function failuresApi(): FailuresApi {
  return current;
}

/** setFailuresApi replaces the API (tests); it returns the previous one. */
export function setFailuresApi(api: FailuresApi): FailuresApi {
  const prev = current;
  current = api;
  return prev;
}

/** failureCount is how many things are in trouble at a step. */
export function failureCount(f: StepFailure): number {
  return f.failed + f.retrying + f.stopped;
}
