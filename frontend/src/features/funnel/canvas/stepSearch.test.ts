import { describe, expect, it } from 'vitest';
import { SPECS } from '../../../test/fakeBackend';
import { matches, normalize, search } from './stepSearch';

// What comes first for what was typed, with the real catalogue. The palette
// and the "+" menu insert the first on Enter.
const FIRST: [string, string][] = [
  ['send an email', 'action.send_email'],
  ['Send an email', 'action.send_email'],
  ['email', 'action.send_email'],
  ['e-mail', 'action.send_email'],
  ['end', 'exit'],
  ['End', 'exit'],
  ['finish', 'exit'],
  ['wait', 'wait.delay'],
  ['delay', 'wait.delay'],
  ['tag', 'trigger.tag_added'],
  ['score', 'action.score'],
  ['goal', 'goal.reached'],
  ['alert', 'action.notify'],
  // French, accents and case ignored.
  ['courriel', 'action.send_email'],
  ['Envoyer un courriel', 'action.send_email'],
  ['envoyer un email', 'action.send_email'],
  ['fin', 'exit'],
  ['terminer', 'exit'],
  ['attente', 'wait.delay'],
  ['délai', 'wait.delay'],
  ['DELAI', 'wait.delay'],
  ['étiquette', 'trigger.tag_added'],
  ['ajouter une etiquette', 'action.tag_add'],
  ['objectif', 'goal.reached'],
  ['liste', 'trigger.list_joined'],
  ['points', 'action.score'],
];

describe('step search', () => {
  it.each(FIRST)('puts the right step first for “%s”', (query, type) => {
    expect(search(SPECS, query)[0]?.type).toBe(type);
  });

  it('in the "+" menu (no start steps) puts the closest step that can follow first', () => {
    const follow = SPECS.filter((s) => s.input);
    expect(search(follow, 'tag')[0]?.type).toBe('condition.tag');
    expect(search(follow, 'ajouter une étiquette')[0]?.type).toBe('action.tag_add');
    expect(search(follow, 'courriel')[0]?.type).toBe('action.send_email');
    expect(search(follow, 'terminer')[0]?.type).toBe('exit');
  });

  it('ranks an exact title before titles starting with it, before words, before descriptions', () => {
    const got = search(SPECS, 'wait').map((s) => s.type);
    expect(got[0]).toBe('wait.delay');
    // Every "Wait for…/Wait until…" before anything that only says it in its description.
    const lastTitle = Math.max(...['wait.best_time', 'wait.event', 'wait.until_date', 'wait.window'].map((t) => got.indexOf(t)));
    expect(lastTitle).toBeLessThan(5);
    expect(got.indexOf('trigger.list_joined')).toBe(-1);
  });

  it('does not put End last for “end” any more, and Send an email does not match it as a word', () => {
    const got = search(SPECS, 'end').map((s) => s.type);
    expect(got[0]).toBe('exit');
    expect(got.indexOf('exit')).toBeLessThan(got.indexOf('action.send_email') === -1 ? Infinity : got.indexOf('action.send_email'));
  });

  it('finds nothing for nonsense and everything for an empty query, in catalogue order', () => {
    expect(search(SPECS, 'zzzz')).toEqual([]);
    expect(search(SPECS, '  ')).toEqual(SPECS);
  });

  it('matches on type names and both languages', () => {
    const delay = SPECS.find((s) => s.type === 'wait.delay')!;
    expect(matches(delay, 'delay')).toBe(true);
    expect(matches(delay, 'Attendre')).toBe(true);
    expect(matches(delay, 'webhook')).toBe(false);
  });

  it('normalizes case, accents and punctuation', () => {
    expect(normalize('  Étiquette, E-mail! ')).toBe('etiquette email');
  });
});
