import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Segment } from '../api/contacts';
import { FIELDS, OPERATORS, resetContacts, settle, type FakeContactsApi } from '../screens/contacts/test/fakeApi';
import {
  COUNT_DEBOUNCE_MS,
  fromSegment,
  locateError,
  newGroup,
  newRule,
  stripSegmentLabel,
  toSegment,
  useSegments,
  type SegmentDraft,
} from './contactsSegments';
import { useContactsTable } from './contactsTable';

let api: FakeContactsApi;
const seg = () => useSegments.getState();
const root = () => seg().draft!.root;

beforeEach(() => {
  api = resetContacts();
});
afterEach(() => {
  vi.useRealTimers();
});

/** build makes the draft of "country is Québec AND (hot OR opened an email 3 times in 30 days where subject contains promo)". */
function build(): void {
  seg().newSegment();
  seg().setName('Hot in Québec');
  seg().addRule(root().id, { ...newRule('field', { fields: FIELDS, operators: OPERATORS }), value: 'Québec' });
  seg().addGroup(root().id);
  const g = root().groups[0];
  seg().addRule(g.id, newRule('temperature'));
  seg().addRule(g.id, newRule('event'));
  const ev = root().groups[0].rules[1];
  seg().updateRule(ev.id, { times: 3, days: 30 });
  seg().addFilter(ev.id);
  const f = root().groups[0].rules[1].filters[0];
  seg().updateFilter(ev.id, f.id, { key: 'subject', op: 'contains', value: 'promo' });
}

describe('segment builder → Segment JSON', () => {
  it('writes rules and nested groups as the engine reads them', () => {
    build();
    expect(toSegment(seg().draft!)).toEqual({
      name: 'Hot in Québec',
      match: 'all',
      rules: [{ kind: 'field', field: 'country', op: 'equals', value: 'Québec' }],
      groups: [
        {
          match: 'any',
          rules: [
            { kind: 'temperature', op: 'equals', value: 'hot' },
            { kind: 'event', op: 'did', event: 'email_opened', times: 3, days: 30, filters: [{ key: 'subject', op: 'contains', value: 'promo' }] },
          ],
        },
      ],
    });
  });

  it('leaves out what the engine does not need: no value for "is empty", times 1, ever, blank filters', () => {
    const d: SegmentDraft = { name: 'x', root: newGroup() };
    d.root.rules.push({ ...newRule('field'), field: 'company', op: 'is_empty', value: 'left over' });
    d.root.rules.push({ ...newRule('event'), times: 1, days: 0, filters: [{ id: 'f', key: ' ', op: 'equals', value: '' }] });
    d.root.rules.push({ ...newRule('event'), filters: [{ id: 'g', key: 'url', op: 'exists', value: 'ignored' }] });
    expect(toSegment(d).rules).toEqual([
      { kind: 'field', field: 'company', op: 'is_empty' },
      { kind: 'event', op: 'did', event: 'email_opened' },
      { kind: 'event', op: 'did', event: 'email_opened', days: 30, filters: [{ key: 'url', op: 'exists' }] },
    ]);
  });

  it('reads a saved segment back to the same JSON', () => {
    build();
    const json: Segment = { ...toSegment(seg().draft!), id: 'hot-in-quebec' };
    expect(toSegment(fromSegment(json))).toEqual(json);
  });

  it('keeps a group’s match and removes rules and groups by id', () => {
    build();
    seg().setMatch(root().id, 'any');
    expect(toSegment(seg().draft!).match).toBe('any');
    seg().removeGroup(root().groups[0].id);
    seg().removeRule(root().rules[0].id);
    expect(toSegment(seg().draft!)).toEqual({ name: 'Hot in Québec', match: 'any', rules: [] });
  });
});

describe('live count', () => {
  it('counts once, after edits pause, under a stand-in name when there is none', async () => {
    vi.useFakeTimers();
    seg().newSegment();
    seg().addRule(root().id, newRule('score'));
    seg().updateRule(root().rules[0].id, { value: '6' });
    seg().updateRule(root().rules[0].id, { value: '60' });
    expect(seg().live.status).toBe('counting');
    vi.advanceTimersByTime(COUNT_DEBOUNCE_MS - 1);
    await settle();
    expect(api.countSegment).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    await settle();
    expect(api.countSegment).toHaveBeenCalledTimes(1);
    expect(vi.mocked(api.countSegment).mock.calls[0][0]).toMatchObject({ name: 'draft', rules: [{ kind: 'score', op: 'gte', value: '60' }] });
    expect(seg().live).toMatchObject({ status: 'ok', count: 7 });
  });

  it('does not count for a name change', async () => {
    vi.useFakeTimers();
    seg().newSegment();
    vi.advanceTimersByTime(COUNT_DEBOUNCE_MS);
    await settle();
    const n = vi.mocked(api.countSegment).mock.calls.length;
    seg().setName('VIP');
    vi.advanceTimersByTime(COUNT_DEBOUNCE_MS * 2);
    await settle();
    expect(api.countSegment).toHaveBeenCalledTimes(n);
  });

  it('places the engine’s refusal next to the rule it names, inside groups', async () => {
    build();
    vi.mocked(api.countSegment).mockRejectedValueOnce('segment "Hot in Québec": group 1: rule 2: filter 1: property "subject": operator "contains" needs a value');
    await seg().countNow();
    const ev = root().groups[0].rules[1];
    expect(seg().live.status).toBe('error');
    expect(seg().live.ruleErrors).toEqual({ [ev.id]: 'filter 1: property "subject": operator "contains" needs a value' });
    expect(seg().live.count).toBeNull();
  });

  it('places a group’s own problem on the group', () => {
    build();
    const d = seg().draft!;
    expect(locateError(d, 'segment: group 1: the group has no rules')).toEqual({ groupId: d.root.groups[0].id, text: 'the group has no rules' });
    expect(locateError(d, 'segment "x": rule 1: unknown field "shoe"')).toEqual({ ruleId: d.root.rules[0].id, text: 'unknown field "shoe"' });
    expect(locateError(d, 'segment "x": a segment needs a name')).toEqual({ text: 'a segment needs a name' });
    expect(stripSegmentLabel('segment "a \\"b\\"": rule 1: x')).toBe('rule 1: x');
  });

  it('keeps only the answer to the latest count', async () => {
    seg().newSegment();
    let first: (v: { count: number; preview: [] }) => void = () => {};
    vi.mocked(api.countSegment)
      .mockImplementationOnce(() => new Promise((r) => (first = r)))
      .mockResolvedValueOnce({ count: 2, preview: [] });
    const a = seg().countNow();
    const b = seg().countNow();
    await b;
    first({ count: 999, preview: [] });
    await a;
    expect(seg().live.count).toBe(2);
  });
});

describe('segments: list, save, delete', () => {
  it('lists segments with their counts', async () => {
    vi.mocked(api.segments).mockResolvedValueOnce([
      { id: 'a', name: 'A', match: 'all', rules: [] },
      { id: 'b', name: 'B', match: 'all', rules: [] },
    ]);
    vi.mocked(api.countSegment).mockResolvedValueOnce({ count: 10, preview: [] }).mockRejectedValueOnce('broken');
    await seg().loadList();
    expect(seg().segments.map((s) => s.id)).toEqual(['a', 'b']);
    expect(seg().counts).toEqual({ a: 10, b: null });
  });

  it('asks the engine for the operators of every kind and field type once', async () => {
    await seg().loadOperators();
    expect(seg().operators['field:number']).toContain('gte');
    expect(seg().operators.list).toEqual(['in', 'not_in']);
    const calls = vi.mocked(api.operators).mock.calls.length;
    await seg().loadOperators();
    expect(api.operators).toHaveBeenCalledTimes(calls);
  });

  it('will not save without a name', async () => {
    seg().newSegment();
    expect(await seg().save()).toBe(false);
    expect(seg().nameMissing).toBe(true);
    expect(api.saveSegment).not.toHaveBeenCalled();
    seg().setName('VIP');
    expect(seg().nameMissing).toBe(false);
  });

  it('saves, takes the id the engine gave, and shows the refusal next to the rule', async () => {
    build();
    expect(await seg().save()).toBe(true);
    expect(seg().draft?.id).toBe('saved-id');
    expect(seg().dirty).toBe(false);
    seg().updateRule(root().rules[0].id, { value: '' });
    vi.mocked(api.saveSegment).mockRejectedValueOnce('segment "saved-id": rule 1: operator "equals" needs a value');
    expect(await seg().save()).toBe(false);
    expect(seg().live.ruleErrors[root().rules[0].id]).toBe('operator "equals" needs a value');
  });

  it('deletes a segment and clears it from the table’s filter', async () => {
    vi.mocked(api.segments).mockResolvedValue([{ id: 'vip', name: 'VIP', match: 'all', rules: [] }]);
    await seg().loadList();
    seg().edit('vip');
    useContactsTable.getState().setFilter('segment', 'vip');
    expect(await seg().remove('vip')).toBe(true);
    expect(api.deleteSegment).toHaveBeenCalledWith('vip');
    expect(seg().draft).toBeNull();
    expect(useContactsTable.getState().filters.segment).toBe('');
  });
});
