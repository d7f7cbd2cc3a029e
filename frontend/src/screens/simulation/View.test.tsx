import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Journey, SimResult } from '../../api/simulation';
import { setSimulationApi, type SimulationApi } from '../../api/simulation';
import type { Flow } from '../../api/types';
import { useFlows } from '../../features/funnel/stores/flows';
import { useSettings } from '../../stores/settings';
import { resetSimulationListener, useSimulation } from '../../stores/simulation';
import { toOverlay } from '../../stores/simulationModel';
import { resetAll } from '../../test/helpers';
import { EmailTable } from './EmailTable';
import { FunnelPicture } from './FunnelPicture';
import { Headline } from './Headline';
import { reasonFr } from './reasons';
import { SimulationView as SimulationScreen } from './View';
import { CART_FLOW, CART_RESULT, createFakeSimulationApi, type FakeSimulationApi } from './testdata/fakeApi';
import { PathSteps, WhyPanel } from './WhyPanel';
import { useRefs } from '../../stores/refs';
import { EMPTY_REFS } from '../../api/refs';

const initial = useSimulation.getState();
let api: FakeSimulationApi;
let prev: SimulationApi;

beforeEach(() => {
  const fake = resetAll();
  fake.flows.set('cart', CART_FLOW);
  api = createFakeSimulationApi();
  prev = setSimulationApi(api);
  resetSimulationListener();
  useSimulation.setState({ ...initial }, true);
});

afterEach(() => {
  setSimulationApi(prev);
  resetSimulationListener();
  useRefs.setState({ refs: EMPTY_REFS, status: 'idle' });
});

function draw(ui: React.ReactElement) {
  return render(<div style={{ width: 1000, height: 700 }}>{ui}</div>);
}

describe('headline numbers', () => {
  it('shows contacts, conversion, emails and unsubscribes in large type', () => {
    draw(<Headline result={CART_RESULT} flowId="cart" />);
    expect(within(screen.getByTestId('sim-stat-contacts')).getByText('400')).toBeInTheDocument();
    expect(within(screen.getByTestId('sim-stat-conversion')).getByText('1.6%')).toBeInTheDocument();
    expect(within(screen.getByTestId('sim-stat-conversion')).getByText('13 reached the goal')).toBeInTheDocument();
    expect(within(screen.getByTestId('sim-stat-emails')).getByText('1,509')).toBeInTheDocument();
    expect(within(screen.getByTestId('sim-stat-unsubscribes')).getByText('9')).toBeInTheDocument();
  });

  it('writes numbers the French way', () => {
    useSettings.setState({ lang: 'fr' });
    draw(<Headline result={CART_RESULT} flowId="cart" />);
    expect(within(screen.getByTestId('sim-stat-emails')).getByText('1 509')).toBeInTheDocument();
    expect(within(screen.getByTestId('sim-stat-conversion')).getByText('1,6 %')).toBeInTheDocument();
  });

  it('says when the funnel has no goal to convert to', () => {
    const r: SimResult = { ...CART_RESULT, flows: [{ ...CART_RESULT.flows[0]!, goals: [] }] };
    draw(<Headline result={r} flowId="cart" />);
    expect(within(screen.getByTestId('sim-stat-conversion')).getByText('This funnel has no goal')).toBeInTheDocument();
  });
});

describe('the picture of the funnel', () => {
  it('draws every step with its counts, the goal and the drop-offs', () => {
    draw(<FunnelPicture flow={CART_FLOW} overlay={toOverlay(CART_RESULT.flows[0]!)} />);
    expect(screen.getByTestId('sim-entered-abandoned')).toHaveTextContent('801entered');
    expect(screen.getByTestId('sim-entered-waitbuy')).toHaveTextContent('799');
    expect(within(screen.getByTestId('sim-node-waitbuy')).getByText('21 still waiting')).toBeInTheDocument();
    expect(screen.getByTestId('sim-goal-bought')).toHaveTextContent('★ 13 converted (1.6%)');
    expect(screen.getByTestId('sim-node-bought')).toHaveClass('is-goal');
    expect(within(screen.getByTestId('sim-node-coupon')).getByText('766 drop off here (95.6%)')).toBeInTheDocument();
    expect(screen.getByTestId('sim-node-coupon')).toHaveClass('is-drop');
  });

  it('draws one output per port, labelled when there are several', () => {
    draw(<FunnelPicture flow={CART_FLOW} />);
    const node = screen.getByTestId('sim-node-waitbuy');
    expect([...node.querySelectorAll<HTMLElement>('.react-flow__handle.source')].map((h) => h.dataset.handleid)).toEqual(['met', 'timeout']);
    expect([...node.querySelectorAll('.fp-sim-port-label')].map((l) => l.textContent)).toEqual(['It happened', 'Timed out']);
    expect(screen.getByTestId('sim-node-abandoned').querySelectorAll('.react-flow__handle.target')).toHaveLength(0);
    expect(screen.queryByTestId('sim-entered-abandoned')).toBeNull(); // no numbers before a run
  });

  it('lets the wheel scroll the results page, not zoom the picture', () => {
    draw(<FunnelPicture flow={CART_FLOW} overlay={toOverlay(CART_RESULT.flows[0]!)} />);
    const pane = document.querySelector('.react-flow__pane') ?? document.querySelector('.react-flow__renderer');
    // fireEvent returns false when a handler called preventDefault: the
    // picture once took every wheel over it to zoom itself to a speck.
    expect(fireEvent.wheel(pane!, { deltaY: 120 })).toBe(true);
  });

  it('lights up a contact’s path and fades the rest', () => {
    const path = { nodes: { abandoned: 1, wait4h: 2 }, edges: new Set(['abandoned:next']) };
    draw(<FunnelPicture flow={CART_FLOW} overlay={toOverlay(CART_RESULT.flows[0]!)} path={path} />);
    expect(screen.getByTestId('sim-node-wait4h')).toHaveClass('is-path');
    expect(within(screen.getByTestId('sim-node-wait4h')).getByText('2')).toBeInTheDocument();
    expect(screen.getByTestId('sim-node-coupon')).toHaveClass('is-dim');
  });
});

describe('why', () => {
  it('lists the kept contacts with how they ended, and picks one', () => {
    let picked: number | null = null;
    useRefs.setState({ refs: { ...EMPTY_REFS, emails: [{ key: 'cart-coupon', name: 'Cart coupon' }] }, status: 'ready' });
    draw(<WhyPanel result={CART_RESULT} flow={CART_FLOW} selected={null} onSelect={(i) => (picked = i)} />);
    const list = screen.getByTestId('sim-why-contacts');
    expect(within(list).getAllByRole('button')).toHaveLength(3);
    // Steps are named by their email, or by what they do: never by an id.
    expect(within(screen.getByTestId('sim-why-contact-0')).getByText('Ended at Cart coupon')).toBeInTheDocument();
    expect(within(screen.getByTestId('sim-why-contact-1')).getByText('Reached the goal')).toBeInTheDocument();
    expect(within(screen.getByTestId('sim-why-contact-2')).getByText('Still waiting at Wait for Purchase (at most 1 day)')).toBeInTheDocument();
    useRefs.setState({ refs: EMPTY_REFS, status: 'idle' });
    fireEvent.change(screen.getByTestId('sim-why-filter'), { target: { value: 'goal' } });
    expect(within(list).getAllByRole('button')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('sim-why-contact-1'));
    expect(picked).toBe(1);
  });

  it('shows a path step by step with the reasons and the outputs taken', () => {
    const j = CART_RESULT.journeys![0]!;
    draw(<PathSteps journey={j} flow={CART_FLOW} result={CART_RESULT} goals={new Set(['bought'])} />);
    const steps = screen.getAllByTestId('sim-why-step').map((s) => s.textContent);
    expect(steps[0]).toContain('entered the flow on cart abandoned');
    expect(steps).toContainEqual(expect.stringContaining('waited 4 hours'));
    expect(steps).toContainEqual(expect.stringContaining('took Timed out: no purchase within 1 day'));
    expect(steps.at(-1)).toContain('path ends here');
  });

  it('says which condition sent a contact the other way, in French too', () => {
    const flow: Flow = {
      format: 'flightplan.flow/v1',
      id: 'f',
      name: 'F',
      settings: { reentry: 'once' },
      nodes: [
        { id: 'in', type: 'trigger.list_joined', config: { list: 'x' } },
        { id: 'us', type: 'condition.field', label: 'From the US?', config: { field: 'country', operator: 'equals', value: 'US' } },
      ],
      edges: [{ from: 'in', to: 'us' }],
    };
    const j: Journey = {
      contact: 1,
      email: 'c1@example',
      steps: [
        { flow_id: 'f', enrollment_id: 1, run: 1, node: 'in', port: 'next', reason: 'entered the flow on list joined', outcome: 'ok', at: '2026-01-05T09:00:00Z' },
        { flow_id: 'f', enrollment_id: 1, run: 1, node: 'us', port: 'no', reason: 'country is "FR", condition wanted is "US"', outcome: 'end', at: '2026-01-07T10:30:00Z' },
        { flow_id: 'f', enrollment_id: 1, run: 1, node: 'us', port: '', reason: 'skipped email: frequency cap (2 per day) reached', outcome: 'skipped', at: '2026-01-07T10:30:00Z' },
      ],
    };
    const result = { ...CART_RESULT, flows: [], journeys: [j] } as SimResult;
    const { unmount } = draw(<PathSteps journey={j} flow={flow} result={result} goals={new Set()} />);
    const step = screen.getAllByTestId('sim-why-step')[1]!;
    expect(step).toHaveTextContent('From the US?');
    expect(step).toHaveTextContent('took No: country is "FR", condition wanted is "US"');
    expect(step).toHaveTextContent('day 3, 10:30');
    unmount();
    useSettings.setState({ lang: 'fr' });
    draw(<PathSteps journey={j} flow={flow} result={result} goals={new Set()} />);
    const [first, second, third] = screen.getAllByTestId('sim-why-step');
    expect(first).toHaveTextContent('entré dans le tunnel : arrivée dans une liste');
    expect(reasonFr('entered the flow on list joined "newsletter"')).toBe('entré dans le tunnel : arrivée dans la liste « newsletter »');
    expect(second).toHaveTextContent('sortie Non : country vaut « FR », attendu : égal à « US »');
    expect(second).toHaveTextContent('jour 3, 10:30');
    expect(third).toHaveTextContent('courriel non envoyé : limite de fréquence atteinte (2 par jour)');
  });
});

describe('reasons in French', () => {
  it('rewrites the engine’s sentences and keeps unknown ones', () => {
    expect(reasonFr('waited 2 days')).toBe('a attendu 2 jours');
    expect(reasonFr('waiting 1 hour')).toBe('attend 1 heure');
    expect(reasonFr('sent email "welcome-1"')).toBe('courriel « welcome-1 » envoyé');
    expect(reasonFr('skipped email "x": contact unsubscribed')).toBe('courriel « x » non envoyé : le contact s’est désabonné');
    expect(reasonFr('did page_visited 0 time(s) in the last 30 days, condition wanted at least 1')).toBe(
      'a fait « page visitée » 0 fois sur les 30 derniers jours, attendu : au moins 1',
    );
    expect(reasonFr('has not opened the email of step "hello"')).toBe('n’a pas ouvert le courriel de l’étape « hello »');
    expect(reasonFr('jumped to goal "bought": did purchase')).toBe('tiré jusqu’à l’objectif « bought » : a fait : achat');
    expect(reasonFr('waiting for purchase (at most 1 day)')).toBe('attend : achat (au plus 1 jour)');
    expect(reasonFr('something new')).toBe('something new');
  });
});

describe('the email table', () => {
  it('lists another funnel’s email only when the run reached it', () => {
    const mine = CART_RESULT.emails.filter((e) => e.flow === 'cart');
    const reached = { ...mine[0]!, flow: 'winback', node: 'miss-you' };
    const untouched = { ...mine[0]!, flow: 'segmentation', node: 'tips', queued: 0, skipped: 0, sent: 0, opened: 0, clicked: 0, unsubscribed: 0, bounced: 0 };
    draw(<EmailTable emails={[...CART_RESULT.emails, reached, untouched]} flow={CART_FLOW} />);
    const rows = within(screen.getByTestId('sim-email-table')).getAllByRole('row');
    // The header, this funnel's emails, and the one other funnel's email reached.
    expect(rows).toHaveLength(1 + mine.length + 1);
    expect(screen.getByTestId('sim-email-miss-you')).toBeInTheDocument();
    expect(screen.queryByTestId('sim-email-tips')).toBeNull();
  });
});

describe('the simulation screen', () => {
  it('runs the funnel open in the editor and draws the numbers on it', async () => {
    useRefs.setState({ refs: { ...EMPTY_REFS, emails: [{ key: 'cart-reminder', name: 'Cart reminder' }] }, status: 'ready' });
    useFlows.setState({ items: [{ id: 'cart', name: 'Abandoned cart', published_version: 0, enabled: false, updated_at: '' }], loaded: true });
    draw(<SimulationScreen />);
    expect(screen.getByTestId('sim-flow')).toHaveValue('cart');
    await act(async () => {
      fireEvent.click(screen.getByTestId('sim-audience-saas-trial'));
    });
    fireEvent.change(screen.getByTestId('sim-n'), { target: { value: '10000' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('sim-run'));
    });
    expect(api.simulateCalls[0]).toMatchObject({ flow_id: 'cart', preset: 'saas-trial', n: 10_000, days: 30 });
    await act(async () => api.emit({ done: 400, total: 1000 }));
    expect(screen.getByTestId('sim-progress')).toHaveAttribute('aria-valuenow', '40');
    expect(screen.getByTestId('sim-cancel')).toBeInTheDocument();
    const note = { en: 'The funnel “Abandoned cart” sends contacts to “Upsell”, which is not finished', fr: 'Le tunnel « Abandoned cart » envoie des contacts vers « Upsell », qui n’est pas terminé', pseudo: '' };
    await act(async () => api.answer({ ...CART_RESULT, notes: [note] }));
    expect(await screen.findByTestId('sim-headline')).toBeInTheDocument();
    // What the reader should know about the run, in the UI language.
    expect(screen.getByTestId('sim-note')).toHaveTextContent(note.en);
    expect(screen.getByTestId('sim-entered-abandoned')).toHaveTextContent('801');
    expect(screen.getByTestId('sim-elapsed')).toHaveTextContent(/10,000 contacts simulated in/);
    // Emails by their names, steps never by their ids.
    expect(screen.getByTestId('sim-email-table')).toHaveTextContent('Cart reminder');
    expect(screen.getByTestId('sim-email-table')).not.toHaveTextContent(/cart-reminder|step nudge/);
    fireEvent.click(screen.getByTestId('sim-why-contact-1'));
    expect(screen.getByTestId('sim-why-path')).toBeInTheDocument();
    expect(screen.getByTestId('sim-node-bought')).toHaveClass('is-path');
  });

  it('refuses an impossible number of contacts before asking the engine', async () => {
    useFlows.setState({ items: [{ id: 'cart', name: 'Abandoned cart', published_version: 0, enabled: false, updated_at: '' }], loaded: true });
    draw(<SimulationScreen />);
    fireEvent.change(screen.getByTestId('sim-n'), { target: { value: '2000000' } });
    expect(screen.getByText('Between 1 and 1,000,000')).toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByTestId('sim-run'));
    });
    expect(api.simulateCalls).toHaveLength(0);
  });
});
