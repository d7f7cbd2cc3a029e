import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetContacts, type FakeContactsApi } from '../screens/contacts/test/fakeApi';
import { useContactFields } from './contactsFields';
import { decayMode, toConfig, useScoring, withDecayMode } from './contactsScoring';

let api: FakeContactsApi;
const sc = () => useScoring.getState();

beforeEach(() => {
  api = resetContacts();
});

describe('scoring store', () => {
  it('loads rules and decay, edits them and saves the engine’s shape', async () => {
    vi.mocked(api.scoring).mockResolvedValueOnce({
      rules: [{ id: 4, name: 'Pricing', event: 'page_visited', filters: [{ key: 'url', op: 'contains', value: '/pricing' }], points: 5, enabled: true }],
      decay: { percent: 0, every_days: 0, half_life_days: 90 },
    });
    await sc().load();
    expect(sc().rules).toHaveLength(1);
    expect(decayMode(sc().decay)).toBe('half_life');
    sc().addRule();
    const added = sc().rules[1];
    sc().updateRule(added.key, { name: ' Download ', event: 'file_downloaded', points: 20 });
    sc().updateRule(sc().rules[0].key, { enabled: false });
    expect(sc().dirty).toBe(true);
    expect(await sc().save()).toBe(true);
    expect(vi.mocked(api.saveScoring).mock.calls[0][0]).toEqual({
      rules: [
        { id: 4, name: 'Pricing', event: 'page_visited', filters: [{ key: 'url', op: 'contains', value: '/pricing' }], points: 5, enabled: false },
        { id: 0, name: 'Download', event: 'file_downloaded', filters: [], points: 20, enabled: true },
      ],
      decay: { percent: 0, every_days: 0, half_life_days: 90 },
    });
    expect(sc().result).toEqual({ contacts: 10, events: 40, changed: 3, temperature_changes: 1 });
    expect(sc().dirty).toBe(false);
  });

  it('points the engine’s refusal at the rule it names', async () => {
    sc().addRule();
    sc().addRule();
    vi.mocked(api.saveScoring).mockRejectedValueOnce('scoring rule 2: a rule needs a name');
    expect(await sc().save()).toBe(false);
    expect(sc().errorRule).toBe(sc().rules[1].key);
    expect(sc().error).toMatch(/needs a name/);
  });

  it('switches decay kinds with sensible numbers', () => {
    const none = { percent: 0, every_days: 0, half_life_days: 0 };
    expect(decayMode(none)).toBe('none');
    expect(withDecayMode(none, 'step')).toEqual({ percent: 10, every_days: 30, half_life_days: 0 });
    expect(withDecayMode({ percent: 10, every_days: 30, half_life_days: 0 }, 'half_life')).toEqual({ percent: 0, every_days: 0, half_life_days: 90 });
    expect(withDecayMode({ percent: 10, every_days: 30, half_life_days: 0 }, 'none')).toEqual(none);
  });

  it('drops blank filters and the value of "exists"', () => {
    const cfg = toConfig(
      [{ key: 'k', id: 0, name: 'a', event: 'e', points: 1, enabled: true, filters: [{ key: '', op: 'equals', value: '' }, { key: 'url', op: 'exists', value: 'x' }] }],
      { percent: 0, every_days: 0, half_life_days: 0 },
    );
    expect(cfg.rules?.[0].filters).toEqual([{ key: 'url', op: 'exists', value: '' }]);
  });
});

describe('fields store', () => {
  it('defines a field and reloads; a refusal comes back as text', async () => {
    expect(await useContactFields.getState().define({ name: 'shoe', label: 'Shoe', type: 'number', options: ['x'], identity: false })).toBeNull();
    expect(api.defineField).toHaveBeenCalledWith({ name: 'shoe', label: 'Shoe', type: 'number', options: [], identity: false });
    expect(api.fields).toHaveBeenCalled();
    vi.mocked(api.defineField).mockRejectedValueOnce('field "id": reserved name');
    expect(await useContactFields.getState().define({ name: 'id', label: '', type: 'text', options: [], identity: false })).toMatch(/reserved/);
  });
});
