import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toSegment, useSegments } from '../../stores/contactsSegments';
import { useContactsTable } from '../../stores/contactsTable';
import { ContactProfile } from './ContactProfile';
import { RuleBuilder } from './RuleBuilder';
import { SegmentsTab } from './SegmentsTab';
import { resetContacts, settle, type FakeContactsApi } from './test/fakeApi';
import { useContactProfile } from '../../stores/contactsProfile';

let api: FakeContactsApi;
const seg = () => useSegments.getState();

beforeEach(async () => {
  api = resetContacts();
  await seg().loadOperators();
  await useContactsTable.getState().loadLookups();
  seg().newSegment();
});

const optionLabels = (el: HTMLElement) => Array.from((el as HTMLSelectElement).options).map((o) => o.textContent);

describe('RuleBuilder', () => {
  it('says every contact matches until a rule is added', () => {
    render(<RuleBuilder />);
    expect(screen.getByText('No rule yet: every contact matches. Add a rule below.')).toBeInTheDocument();
  });

  it('adds a field rule with the operators of the field’s type', () => {
    render(<RuleBuilder />);
    fireEvent.change(screen.getByTestId('add-rule'), { target: { value: 'field' } });
    const rule = screen.getByTestId('rule');
    expect(within(rule).getByTestId<HTMLSelectElement>('rule-field').value).toBe('country');
    expect(optionLabels(within(rule).getByTestId('rule-op'))).toEqual([
      'is',
      'is not',
      'contains',
      'does not contain',
      'starts with',
      'is one of',
      'is none of',
      'is empty',
      'is filled in',
    ]);
    fireEvent.change(within(rule).getByTestId('rule-value'), { target: { value: 'Québec' } });
    // A number field offers number comparisons; the operator moves to one that applies.
    fireEvent.change(within(rule).getByTestId('rule-field'), { target: { value: 'seats' } });
    expect(optionLabels(within(screen.getByTestId('rule')).getByTestId('rule-op'))).toEqual([
      'is',
      'is not',
      'is more than',
      'is at least',
      'is less than',
      'is at most',
      'is empty',
      'is filled in',
    ]);
    expect(within(screen.getByTestId('rule')).getByTestId<HTMLInputElement>('rule-value').type).toBe('number');
    // A choice field offers its options; "is empty" needs no value.
    fireEvent.change(within(screen.getByTestId('rule')).getByTestId('rule-field'), { target: { value: 'plan' } });
    expect(optionLabels(within(screen.getByTestId('rule')).getByTestId('rule-value'))).toEqual(['Choose…', 'Free', 'Pro']);
    fireEvent.change(within(screen.getByTestId('rule')).getByTestId('rule-op'), { target: { value: 'is_empty' } });
    expect(within(screen.getByTestId('rule')).queryByTestId('rule-value')).toBeNull();
  });

  it('builds list, tag, stage, temperature and behaviour rules without code', () => {
    render(<RuleBuilder />);
    for (const k of ['list', 'tag', 'stage', 'temperature', 'event']) fireEvent.change(screen.getByTestId('add-rule'), { target: { value: k } });
    const rules = screen.getAllByTestId('rule');
    expect(optionLabels(within(rules[0]).getByTestId('rule-op'))).toEqual(['they are in', 'they are not in']);
    expect(optionLabels(within(rules[1]).getByTestId('rule-op'))).toEqual(['they have', 'they do not have']);
    fireEvent.change(within(rules[2]).getByTestId('rule-op'), { target: { value: 'in' } });
    fireEvent.click(within(screen.getAllByTestId('rule')[2]).getByLabelText('Customer'));
    fireEvent.click(within(screen.getAllByTestId('rule')[2]).getByLabelText('Lead'));
    const ev = screen.getAllByTestId('rule')[4];
    fireEvent.change(within(ev).getByTestId('rule-event'), { target: { value: 'page_visited' } });
    fireEvent.change(within(screen.getAllByTestId('rule')[4]).getByTestId('rule-times'), { target: { value: '3' } });
    fireEvent.change(within(screen.getAllByTestId('rule')[4]).getByTestId('rule-when'), { target: { value: 'ever' } });
    fireEvent.click(within(screen.getAllByTestId('rule')[4]).getByTestId('add-filter'));
    const filter = within(screen.getAllByTestId('rule')[4]).getByTestId('rule-filter');
    fireEvent.change(within(filter).getByLabelText('Detail of the event'), { target: { value: 'url' } });
    fireEvent.change(within(filter).getByLabelText('Comparison'), { target: { value: 'contains' } });
    fireEvent.change(within(filter).getByLabelText('Value of the detail'), { target: { value: '/pricing' } });
    expect(toSegment(seg().draft!).rules).toEqual([
      { kind: 'list', op: 'in', value: 'newsletter' },
      { kind: 'tag', op: 'has', value: 'vip' },
      { kind: 'stage', op: 'in', value: 'lead,mql,customer' },
      { kind: 'temperature', op: 'equals', value: 'hot' },
      { kind: 'event', op: 'did', event: 'page_visited', times: 3, filters: [{ key: 'url', op: 'contains', value: '/pricing' }] },
    ]);
  });

  it('nests groups with their own match, joined by "and" / "or"', () => {
    render(<RuleBuilder />);
    fireEvent.change(screen.getByTestId('add-rule'), { target: { value: 'score' } });
    fireEvent.click(screen.getAllByTestId('add-group')[0]);
    const nested = screen.getByTestId('group-nested');
    fireEvent.change(within(nested).getByTestId('add-rule'), { target: { value: 'temperature' } });
    fireEvent.change(within(screen.getByTestId('group-nested')).getByTestId('add-rule'), { target: { value: 'tag' } });
    expect(within(screen.getByTestId('group-nested')).getByText('or')).toBeInTheDocument();
    expect(within(screen.getByTestId('group-root')).getAllByText('and').length).toBeGreaterThan(0);
    const json = toSegment(seg().draft!);
    expect(json.groups?.[0]).toMatchObject({ match: 'any', rules: [{ kind: 'temperature' }, { kind: 'tag' }] });
  });

  it('shows the engine’s refusal next to the rule it names', async () => {
    render(<RuleBuilder />);
    fireEvent.change(screen.getByTestId('add-rule'), { target: { value: 'score' } });
    fireEvent.change(screen.getByTestId('add-rule'), { target: { value: 'score' } });
    vi.mocked(api.countSegment).mockRejectedValueOnce('segment "draft": rule 2: score: "abc" is not a number');
    await act(() => seg().countNow());
    const rules = screen.getAllByTestId('rule');
    expect(within(rules[0]).queryByTestId('rule-error')).toBeNull();
    expect(within(rules[1]).getByTestId('rule-error')).toHaveTextContent('score: "abc" is not a number');
    expect(rules[1]).toHaveClass('has-error');
  });
});

describe('SegmentsTab', () => {
  it('shows the live count big and a preview of the contacts', async () => {
    vi.mocked(api.countSegment).mockResolvedValue({
      count: 1234,
      preview: [
        {
          id: 9,
          email: 'zoe@x.ca',
          identity: { first_name: 'Zoé', last_name: 'Roy' },
          fields: {},
          lists: [],
          tags: [],
          score: 70,
          temperature: 'hot',
          stage: 'lead',
          unsubscribed: false,
          bounced: false,
          created_at: '2025-01-01T00:00:00Z',
        },
      ],
    });
    render(<SegmentsTab />);
    await act(() => seg().countNow());
    expect(screen.getByTestId('segment-live-count')).toHaveTextContent('1,234');
    expect(screen.getByText('contacts match now')).toBeInTheDocument();
    expect(within(screen.getByTestId('segment-preview')).getByText('Zoé Roy')).toBeInTheDocument();
  });
});

describe('ContactProfile', () => {
  it('shows fields, lists, tags, score and a timeline with its causes', async () => {
    vi.mocked(api.timeline).mockResolvedValueOnce([
      { at: '2025-03-02T10:00:00Z', kind: 'score', title: 'score +5 → 42', detail: 'scoring rule "Opened" +5', props: { delta: 5, score: 42 } },
      { at: '2025-03-01T10:00:00Z', kind: 'step', title: 'welcome › wait-1 → yes', detail: 'opened the email', flow_id: 'welcome', node: 'wait-1', props: { port: 'yes' } },
      { at: '2025-02-01T10:00:00Z', kind: 'message', title: 'email welcome-1', detail: 'sent', props: { kind: 'email', status: 'sent' } },
      { at: '2025-01-01T10:00:00Z', kind: 'event', title: 'stage_changed', detail: 'new=lead, old=subscriber', props: { old: 'subscriber', new: 'lead' } },
    ]);
    await useContactProfile.getState().open(3);
    render(<ContactProfile />);
    expect(screen.getByTestId('profile-name')).toHaveTextContent('First2 Last2');
    expect(screen.getByText('Québec')).toBeInTheDocument();
    expect(screen.getByText('newsletter')).toBeInTheDocument();
    expect(screen.getByText('vip')).toBeInTheDocument();
    expect(screen.getByTestId('profile-score')).toHaveTextContent('42');
    const items = screen.getAllByTestId('timeline-item');
    expect(items.map((i) => i.getAttribute('data-kind'))).toEqual(['score', 'step', 'message', 'event']);
    expect(items[0]).toHaveTextContent('Score +5 → 42');
    expect(items[0]).toHaveTextContent('scoring rule "Opened" +5');
    expect(items[1]).toHaveTextContent('Funnel “welcome”: step wait-1 → yes');
    expect(items[1]).toHaveTextContent('opened the email');
    expect(items[2]).toHaveTextContent('Email “welcome-1”');
    expect(items[3]).toHaveTextContent('Stage changed');
    expect(items[3]).toHaveTextContent('Subscriber → Lead');
  });

  it('explains a refused backward stage in plain words', async () => {
    await useContactProfile.getState().open(3);
    render(<ContactProfile />);
    vi.mocked(api.setStage).mockRejectedValueOnce('contact 3: contact 3: cannot go back from "lead" to "subscriber": stages only move forward (allow it with the setting stage_backwards)');
    await act(async () => {
      fireEvent.change(screen.getByTestId('profile-stage'), { target: { value: 'subscriber' } });
      await settle();
    });
    expect(screen.getByTestId('stage-error')).toHaveTextContent('Cannot move back from “Lead” to “Subscriber”: stages only move forward.');
    expect(screen.getByTestId<HTMLSelectElement>('profile-stage').value).toBe('lead');
  });
});
