import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetContacts, type FakeContactsApi } from '../screens/contacts/test/fakeApi';
import { useContactFields } from './contactsFields';
import { decayMode, thresholdError, toConfig, useScoring, withDecayMode } from './contactsScoring';

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
    expect(vi.mocked(api.saveLeadScoring).mock.calls[0][0]).toEqual({ warm: 30, hot: 60 });
    expect(vi.mocked(api.saveLeadScoring).mock.calls[0][1]).toEqual({
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
    vi.mocked(api.saveLeadScoring).mockRejectedValueOnce('scoring rule 2: a rule needs a name');
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

  it('saves the thresholds with the rules, and refuses warm at or above hot', async () => {
    vi.mocked(api.thresholds).mockResolvedValueOnce({ warm: 25, hot: 50 });
    await sc().load();
    expect(sc().thresholds).toEqual({ warm: 25, hot: 50 });
    sc().setThresholds({ hot: 70 });
    expect(sc().dirty).toBe(true);
    expect(await sc().save()).toBe(true);
    expect(vi.mocked(api.saveLeadScoring).mock.calls[0][0]).toEqual({ warm: 25, hot: 70 });
    expect(thresholdError({ warm: 70, hot: 70 })).toBe('contacts.scoring.thresholds.order');
    expect(thresholdError({ warm: 0, hot: 70 })).toBe('contacts.scoring.thresholds.positive');
    expect(thresholdError({ warm: 30, hot: 60 })).toBeNull();
  });

  it('previews at once over the workspace’s contacts when it has some and a rule is on', async () => {
    api.total = 25;
    vi.mocked(api.scoring).mockResolvedValueOnce({ rules: [{ id: 1, name: 'Visit', event: 'page_visited', filters: [], points: 10, enabled: true }], decay: { percent: 0, every_days: 0, half_life_days: 0 } });
    await sc().load();
    expect(sc().audience).toBe('real');
    await vi.waitFor(() => expect(sc().preview).not.toBeNull());
    expect(vi.mocked(api.previewScoring).mock.calls[0][0]).toMatchObject({ real_contacts: true });
  });

  it('previews the edited rules and thresholds over the chosen audience', async () => {
    api.total = 0;
    await sc().load();
    expect(sc().audience).toBe('saas-trial');
    expect(api.previewScoring).not.toHaveBeenCalled();
    sc().addRule();
    sc().setThresholds({ warm: 20, hot: 40 });
    sc().setAudience('real');
    await sc().runPreview();
    const req = vi.mocked(api.previewScoring).mock.calls[0][0];
    expect(req).toMatchObject({ thresholds: { warm: 20, hot: 40 }, days: 30, real_contacts: true, preset: '' });
    expect(req.config.rules).toHaveLength(1);
    expect(sc().preview?.hot).toBe(40);
    vi.mocked(api.previewScoring).mockRejectedValueOnce('the workspace has no contacts yet');
    await sc().runPreview();
    expect(sc().preview).toBeNull();
    expect(sc().previewError).toMatch(/no contacts/);
  });

  it('sets up the hot-lead recipe and lists the funnel it made', async () => {
    await sc().load();
    expect(sc().hotFunnels).toEqual([]);
    sc().setRecipe({ alert: 'teammate', teammate: ' sales@example.com ', tag: 'MQL', stage: 'sql' });
    vi.mocked(api.hotLeadFunnels).mockResolvedValueOnce([{ id: 'when-a-lead-gets-hot', name: 'When a lead gets hot', published: true }]);
    expect(await sc().createRecipe('When a lead gets hot')).toBe('when-a-lead-gets-hot');
    expect(vi.mocked(api.createHotLeadFunnel).mock.calls[0][0]).toEqual({ name: 'When a lead gets hot', alert_to: 'sales@example.com', tag: 'MQL', stage: 'sql' });
    expect(sc().hotFunnels).toHaveLength(1);
    vi.mocked(api.createHotLeadFunnel).mockRejectedValueOnce('alert: "x" is not an email address');
    expect(await sc().createRecipe('x')).toBeNull();
    expect(sc().recipeError).toMatch(/not an email/);
  });
});
