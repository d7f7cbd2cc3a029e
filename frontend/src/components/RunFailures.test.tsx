import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failuresApi, setFailuresApi, type FailureReport, type FailuresApi, type TestResult } from '../api/failures';
import { nodeTypes } from '../features/funnel/canvas/nodeTypes';
import { useEditor } from '../features/funnel/stores/editor';
import { useFailures } from '../stores/failures';
import { useRefs } from '../stores/refs';
import { EMPTY_REFS } from '../api/refs';
import { useSettings } from '../stores/settings';
import { toastText, toastTexts, useToasts } from '../stores/toasts';
import { resetAll } from '../test/helpers';
import { Problems } from './Problems';
import { SendTestDialog } from './SendTest';

const REASON = 'the email "welcome" does not exist any more (deleted after the funnel was published?)';
/** GONE is REASON as the engine says it in every language (engine/words). */
const GONE = {
  en: 'The email no longer exists (deleted after the funnel was published): choose an email in the step, or create it again, then retry',
  fr: 'Le courriel n’existe plus (supprimé après la publication du tunnel) : choisissez un courriel dans l’étape, ou recréez-le, puis réessayez',
  pseudo: '⟦The email no longer exists (deleted after the funnel was published): choose an email in the step, or create it again, then retry⟧',
};

/** fake is an in-memory FailuresApi: the test sets what the engine reports and reads the calls. */
function fakeApi() {
  const f = {
    report: { steps: [], on_older_versions: 0, published_version: 1 } as FailureReport,
    totals: [] as Record<string, number>[],
    calls: [] as string[],
    sent: null as TestResult | null,
    api: null as unknown as FailuresApi,
  };
  f.api = {
    flowFailures: async () => JSON.parse(JSON.stringify(f.report)) as FailureReport,
    retry: async (id, node) => {
      f.calls.push(`retry ${id} ${node}`);
      const step = f.report.steps.find((s) => s.node === node);
      const messages = step ? step.failed + step.retrying : 0;
      f.report.steps = f.report.steps.filter((s) => s.node !== node); // delivered
      return { messages, journeys: 0, version: 1 };
    },
    moveToLatest: async (id) => {
      f.calls.push(`move ${id}`);
      f.report.on_older_versions = 0;
      return 3;
    },
    totals: async () => {
      const by = f.totals.shift() ?? {};
      const flows = Object.keys(by).filter((k) => by[k]! > 0);
      return { count: flows.reduce((n, k) => n + by[k]!, 0), flows, by_flow: by };
    },
    myEmail: async () => 'me@example.com',
    sendTest: async (t, contactId, to) => {
      f.calls.push(`test ${t.id} ${contactId} ${to}`);
      return f.sent ?? { sent: true, to, via: 'capture', subject: 'Hello Zoé' };
    },
    findContacts: async (q) => (q.startsWith('zo') ? [{ id: 7, email: 'zoe@example.com', name: 'Zoé Roy' }] : []),
  };
  setFailuresApi(f.api);
  return f;
}

const engineApi = failuresApi();
let fake: ReturnType<typeof fakeApi>;

function loadPublished() {
  useEditor.getState().load({
    flow: {
      format: 'flightplan.flow/v1',
      id: 'f',
      name: 'Welcome',
      settings: { reentry: 'once' },
      nodes: [
        { id: 'start', type: 'trigger.list_joined', config: { list: 'news' }, position: { x: 0, y: 0 } },
        { id: 'mail', type: 'action.send_email', label: 'Welcome email', config: { template: 'welcome' }, position: { x: 0, y: 200 } },
      ],
      edges: [{ from: 'start', to: 'mail' }],
    },
    info: { id: 'f', name: 'Welcome', published_version: 1, enabled: true, updated_at: '' },
    issues: [],
  });
}

function drawCanvas() {
  return render(
    <ReactFlowProvider>
      <div style={{ width: 800, height: 600 }}>
        <ReactFlow nodes={useEditor.getState().nodes} edges={[]} nodeTypes={nodeTypes} />
      </div>
      <Problems />
    </ReactFlowProvider>,
  );
}

beforeEach(() => {
  resetAll();
  useFailures.setState({ report: null, reportFor: null, busy: null, total: 0, byFlow: {} });
  useRefs.setState({ refs: EMPTY_REFS });
  fake = fakeApi();
  loadPublished();
});

afterEach(() => {
  setFailuresApi(engineApi);
});

describe('a step whose sends failed', () => {
  it('shows a red badge with the count and the reason on the step, and the failure in the problems panel', async () => {
    fake.report.steps = [{ flow_id: 'f', node: 'mail', failed: 2, retrying: 1, stopped: 0, reason: REASON, text: GONE, at: '' }];
    drawCanvas();
    expect(screen.queryByTestId('node-failed-mail')).toBeNull();
    await act(() => useFailures.getState().refresh());
    expect(screen.getByTestId('node-failed-mail')).toHaveTextContent('3 failed');
    // An email deleted since publishing has no name left: the reason says what to do.
    expect(screen.getByTestId('node-failure-reason-mail')).toHaveTextContent(GONE.en);
    expect(screen.getByTestId('node-mail')).toHaveClass('has-failures');
    expect(screen.queryByTestId('node-failed-start')).toBeNull();
    const row = screen.getByTestId('failure-mail');
    expect(row).toHaveTextContent('Welcome email');
    expect(row).toHaveTextContent('Not sent: 2');
    expect(row).toHaveTextContent('Waiting to be tried again: 1');
    expect(screen.getByTestId('failure-reason-mail')).toHaveTextContent(GONE.en);
    expect(screen.getByTestId('retry-mail')).toHaveTextContent('Retry 3 failed');
  });

  it('says it in French, the reason included', async () => {
    act(() => useSettings.setState({ lang: 'fr' }));
    fake.report.steps = [{ flow_id: 'f', node: 'mail', failed: 1, retrying: 0, stopped: 0, reason: REASON, text: GONE, at: '' }];
    drawCanvas();
    await act(() => useFailures.getState().refresh());
    expect(screen.getByTestId('node-failed-mail')).toHaveTextContent('1 en échec');
    expect(screen.getByTestId('node-failure-reason-mail')).toHaveTextContent(GONE.fr);
    expect(screen.getByTestId('retry-mail')).toHaveTextContent('Réessayer (1 en échec)');
  });

  it('names the email as the user knows it, never by its key', async () => {
    useRefs.setState({ refs: { ...EMPTY_REFS, emails: [{ key: 'welcome', name: 'Welcome aboard' }] } });
    fake.report.steps = [
      { flow_id: 'f', node: 'mail', failed: 0, retrying: 1, stopped: 0, reason: 'could not send email "welcome" yet: SMTP error 550: sender not allowed (trying again at 09:01 UTC)', at: '' },
    ];
    drawCanvas();
    await act(() => useFailures.getState().refresh());
    expect(screen.getByTestId('node-failure-reason-mail')).toHaveTextContent('could not send email “Welcome aboard” yet: SMTP error 550: sender not allowed (trying again at 09:01 UTC)');
    act(() => useSettings.setState({ lang: 'fr' }));
    expect(screen.getByTestId('failure-reason-mail')).toHaveTextContent('courriel « Welcome aboard » pas encore envoyé : SMTP error 550: sender not allowed (nouvel essai à 09:01 UTC)');
  });

  it('says which part of a relay refused, in plain words', async () => {
    fake.report.steps = [
      {
        flow_id: 'f',
        node: 'mail',
        failed: 0,
        retrying: 1,
        stopped: 0,
        reason: 'smtp profile "office": 127.0.0.1:2526: sender: SMTP error 554: relay access denied',
        // What the engine says (engine/words.ErrorTexts): the one table of the relay's stages.
        text: {
          en: 'The relay (127.0.0.1:2526) refused the sender — SMTP error 554: relay access denied',
          fr: 'Le relais (127.0.0.1:2526) a refusé l’expéditeur — SMTP error 554: relay access denied',
          pseudo: '⟦The relay (127.0.0.1:2526) refused the sender⟧ — SMTP error 554: relay access denied',
        },
        at: '',
      },
    ];
    drawCanvas();
    await act(() => useFailures.getState().refresh());
    expect(screen.getByTestId('node-failure-reason-mail')).toHaveTextContent('The relay (127.0.0.1:2526) refused the sender — SMTP error 554: relay access denied');
    act(() => useSettings.setState({ lang: 'fr' }));
    expect(screen.getByTestId('node-failure-reason-mail')).toHaveTextContent('Le relais (127.0.0.1:2526) a refusé l’expéditeur — SMTP error 554: relay access denied');
  });

  it('retries the failed ones: the engine is asked for this step, and the badge goes once delivered', async () => {
    fake.report.steps = [{ flow_id: 'f', node: 'mail', failed: 2, retrying: 0, stopped: 0, reason: REASON, text: GONE, at: '' }];
    fake.report.on_older_versions = 0;
    drawCanvas();
    await act(() => useFailures.getState().refresh());
    fireEvent.click(screen.getByTestId('retry-mail'));
    await waitFor(() => expect(screen.queryByTestId('node-failed-mail')).toBeNull());
    expect(fake.calls).toEqual(['retry f mail']);
    expect(screen.queryByTestId('run-failures')).toBeNull();
    expect(toastTexts('en')).toContain('Trying again: 2 emails go out again.');
  });

  it('offers to move contacts stuck on an older version to the published one', async () => {
    fake.report.steps = [{ flow_id: 'f', node: 'mail', failed: 0, retrying: 0, stopped: 4, reason: 'script "x" failed at line 2', at: '' }];
    fake.report.on_older_versions = 3;
    fake.report.published_version = 2;
    drawCanvas();
    await act(() => useFailures.getState().refresh());
    expect(screen.getByTestId('failure-mail')).toHaveTextContent('Contacts stopped here: 4');
    fireEvent.click(screen.getByTestId('move-to-latest'));
    await waitFor(() => expect(screen.queryByTestId('move-to-latest')).toBeNull());
    expect(fake.calls).toEqual(['move f']);
    expect(toastTexts('en')).toContain('3 contacts now follow version 2.');
  });
});

describe('the notification when failures start', () => {
  it('appears once per burst, with the count, not once per failure', async () => {
    fake.totals = [{}, { f: 3 }, { f: 5 }, { f: 5 }, {}, { f: 1 }];
    const warnings = () => useToasts.getState().toasts.filter((t) => t.kind === 'warning').map((t) => toastText(t, 'en'));
    await useFailures.getState().watch();
    expect(warnings()).toEqual([]);
    await useFailures.getState().watch();
    expect(warnings()).toEqual(['Something failed in “f”: 3 to look at. Open the funnel to see the step and retry.']);
    await useFailures.getState().watch();
    await useFailures.getState().watch();
    expect(warnings()).toHaveLength(1);
    expect(useFailures.getState().total).toBe(5);
    await useFailures.getState().watch(); // all fixed: the notification goes
    expect(warnings()).toEqual([]);
    await useFailures.getState().watch(); // a new burst
    expect(warnings()).toEqual(['Something failed in “f”: 1 to look at. Open the funnel to see the step and retry.']);
  });

  it('appears when another funnel starts failing while one already is', async () => {
    fake.totals = [{ f: 2 }, { f: 4, g: 1 }, { f: 4, g: 3 }];
    await useFailures.getState().watch();
    useToasts.getState().clear();
    await useFailures.getState().watch();
    expect(toastTexts('en')).toEqual(['Something failed in “g”: 1 to look at. Open the funnel to see the step and retry.']);
    useToasts.getState().clear();
    await useFailures.getState().watch();
    expect(useToasts.getState().toasts).toEqual([]);
    expect(useFailures.getState().total).toBe(7);
  });
});

describe('send a test to me', () => {
  it('sends the email rendered for a picked contact to my remembered address and says it was sent', async () => {
    render(<SendTestDialog email={{ id: 'welcome' }} onClose={() => undefined} />);
    await waitFor(() => expect(screen.getByTestId('send-test-to')).toHaveValue('me@example.com'));
    expect(screen.getByTestId('send-test-chosen')).toHaveTextContent('Sample contact');
    fireEvent.change(screen.getByTestId('send-test-search'), { target: { value: 'zo' } });
    fireEvent.click(await screen.findByTestId('send-test-contact-7'));
    expect(screen.getByTestId('send-test-chosen')).toHaveTextContent('Zoé Roy · zoe@example.com');
    fireEvent.click(screen.getByTestId('send-test-send'));
    const result = await screen.findByTestId('send-test-result');
    expect(result).toHaveAttribute('data-sent', 'yes');
    expect(result).toHaveTextContent('Sent to me@example.com through the test mailbox (nothing left this computer): “Hello Zoé”.');
    expect(fake.calls).toEqual(['test welcome 7 me@example.com']);
  });

  it('says why not when the relay refuses', async () => {
    fake.sent = { sent: false, to: 'me@example.com', via: 'office', subject: '', error: 'SMTP error 550: sender not allowed' };
    render(<SendTestDialog email={{ id: 'welcome' }} onClose={() => undefined} />);
    await waitFor(() => expect(screen.getByTestId('send-test-to')).toHaveValue('me@example.com'));
    fireEvent.click(screen.getByTestId('send-test-send'));
    const result = await screen.findByTestId('send-test-result');
    expect(result).toHaveAttribute('data-sent', 'no');
    expect(result).toHaveTextContent('Not sent: SMTP error 550: sender not allowed');
  });
});
