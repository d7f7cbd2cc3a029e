// Typed wrappers over the bindings for failures at run time (a step whose
// emails could not be sent, journeys stopped by an error), retrying them,
// and "send a test to me". Stores call `failuresApi()`; tests swap it with
// `setFailuresApi(fake)`.
import * as Contacts from '../../wailsjs/go/app/Contacts';
import * as Emails from '../../wailsjs/go/app/Emails';
import * as Failures from '../../wailsjs/go/app/Failures';
import type { EmailTemplate } from './emails';
import type { FailureReport, FailureTotal, RetryResult, StepFailure, TestResult } from './types.gen';

export type { FailureReport, FailureTotal, RetryResult, StepFailure, TestResult } from './types.gen';

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
