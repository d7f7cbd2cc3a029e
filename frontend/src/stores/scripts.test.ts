import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIB_SOURCE, resetScriptsScreen, type FakeScriptsApi } from '../screens/scripts/testing';
import { resetAll } from '../test/helpers';
import { defaultText, isScriptDirty, nameProblem, paramValue, starterSource, useScripts } from './scripts';

let api: FakeScriptsApi;
const s = () => useScripts.getState();

beforeEach(() => {
  resetAll();
  api = resetScriptsScreen();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('script helpers', () => {
  it('checks new names', () => {
    const list = [{ name: 'taken', kind: 'condition', title: '', summary: '', source: '', params: [], library: false, switched_off: null }];
    expect(nameProblem('', list)).toBe('scripts.name.empty');
    expect(nameProblem('with space', list)).toBe('scripts.name.invalid');
    expect(nameProblem('taken', list)).toBe('scripts.name.taken');
    expect(nameProblem('big_customer-2', list)).toBeNull();
  });

  it('converts the test panel’s typed parameters to their types', () => {
    expect(paramValue({ Type: 'number' }, '2.5')).toBe(2.5);
    expect(paramValue({ Type: 'boolean' }, 'true')).toBe(true);
    expect(paramValue({ Type: 'boolean' }, 'false')).toBe(false);
    expect(paramValue({ Type: 'list' }, 'a, b,,c')).toEqual(['a', 'b', 'c']);
    expect(paramValue({ Type: 'string' }, '/pricing')).toBe('/pricing');
    expect(paramValue({ Type: 'number' }, '  ')).toBeUndefined();
    expect(defaultText(['a', 'b'])).toBe('a, b');
    expect(defaultText(null)).toBe('');
  });

  it('starts a new script with a header the engine parses', () => {
    expect(starterSource('vip', 'score')).toMatch(/^-- Title: Vip\n-- Kind: score\n/);
    // The title reads as words on the funnel's step, not as the rule's key.
    expect(starterSource('vip_check', 'action')).toMatch(/^-- Title: Vip check\n/);
  });
});

describe('scripts store', () => {
  it('opens the first script with its compile result and its params’ defaults', async () => {
    await s().load();
    expect(s().selected).toBe('hot_lead');
    expect(s().source).toBe(LIB_SOURCE);
    expect(s().diagnostics).toEqual([]);
    expect(s().checkedSource).toBe(LIB_SOURCE);
    expect(s().test.params).toEqual({ min_visits: '2' });
    expect(s().test.kind).toBe('condition');
  });

  it('compiles a moment after typing and reports the error at its line', async () => {
    await s().load();
    vi.useFakeTimers();
    const broken = LIB_SOURCE.replace('return', 'local x = = 1\nreturn');
    s().setSource(broken);
    expect(isScriptDirty(s())).toBe(true);
    expect(s().diagnostics).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(s().diagnostics).toEqual([{ line: 4, message: "syntax error near 'local'" }]);
    s().setSource(LIB_SOURCE);
    await vi.advanceTimersByTimeAsync(400);
    expect(s().diagnostics).toEqual([]);
    expect(isScriptDirty(s())).toBe(false);
  });

  it('runs a test with the contact, the event and the typed params', async () => {
    await s().load();
    s().setTest({ contact: 'id', contactId: '7', eventOn: true, eventType: 'page_visited', eventProps: '{"path": "/pricing"}' });
    s().setParam('min_visits', '3');
    await s().runTest();
    expect(api.tests[0]).toMatchObject({
      name: 'hot_lead',
      kind: 'condition',
      contact_id: 7,
      event: { type: 'page_visited', props: { path: '/pricing' } },
      params: { min_visits: 3 },
    });
    expect(s().result).toMatchObject({ result: true, took_us: 1234 });
    expect(s().testedSource).toBe(LIB_SOURCE);
  });

  it('refuses a bad contact number or event details before running', async () => {
    await s().load();
    s().setTest({ contact: 'id', contactId: '' });
    await s().runTest();
    expect(s().testFormError).toBe('contactId');
    s().setTest({ contact: 'sample', eventOn: true, eventType: 'x', eventProps: '[1' });
    await s().runTest();
    expect(s().testFormError).toBe('eventProps');
    expect(api.tests).toHaveLength(0);
  });

  it('copies a library script under a new name and opens the copy', async () => {
    await s().load();
    expect(await s().copyAs('my_hot_lead')).toBe(true);
    expect(s().selected).toBe('my_hot_lead');
    expect(api.own.get('my_hot_lead')).toEqual({ kind: 'condition', source: LIB_SOURCE });
    expect(s().scripts.find((x) => x.name === 'hot_lead')?.library).toBe(true);
  });

  it('saves, creates and deletes', async () => {
    await s().load();
    s().setSource(LIB_SOURCE + '-- mine\n');
    expect(await s().save()).toBe(true);
    expect(isScriptDirty(s())).toBe(false);
    expect(s().scripts.find((x) => x.name === 'hot_lead')?.library).toBe(false);
    expect(await s().create('vip', 'score')).toBe(true);
    expect(s().kind).toBe('score');
    await s().remove('vip');
    expect(api.own.has('vip')).toBe(false);
    await s().remove('hot_lead'); // back to the library's version
    expect(s().selected).toBe('hot_lead');
    expect(s().source).toBe(LIB_SOURCE);
  });

  it('loads the reference once', async () => {
    await s().loadReference();
    await s().loadReference();
    expect(s().reference).toMatch(/Globals/);
    expect(api.calls.filter((c) => c === 'reference')).toHaveLength(1);
  });
});
