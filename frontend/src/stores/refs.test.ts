import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_REFS, setRefsApi, type RefsApi, type References } from '../api/refs';
import { resetEmailsScreens } from '../screens/emails/testing';
import { resetAll } from '../test/helpers';
import { useEmails } from './emails';
import { fold, matches, refName, refOptions, useRefs } from './refs';

let refs: References;
let loads = 0;
let prev: RefsApi;

beforeEach(() => {
  resetAll();
  resetEmailsScreens();
  loads = 0;
  refs = { ...EMPTY_REFS, emails: [{ key: 'welcome', name: 'Welcome' }], event_types: [{ type: 'page_visited', name: { en: 'Page visited', fr: 'Page visitée' }, system: true }] };
  prev = setRefsApi({
    references: async () => {
      loads++;
      return structuredClone(refs);
    },
    createList: async (n) => n,
    declareEventType: async (n) => n,
    addTeammate: async (name, email) => ({ key: 'tm_1', name, detail: email }),
  });
  useRefs.setState({ refs: EMPTY_REFS, version: 0, status: 'idle' });
});
afterEach(() => setRefsApi(prev));

describe('the references store', () => {
  it('follows emails made anywhere in the app: a new email is listed without a restart', async () => {
    await useRefs.getState().refresh();
    expect(refName(useRefs.getState().refs, 'template', 'promo', 'en')).toBeUndefined();
    refs.emails.push({ key: 'promo', name: 'Spring promo' });
    await act(async () => {
      await useEmails.getState().create('Spring promo');
    });
    await act(async () => {});
    expect(loads).toBeGreaterThanOrEqual(2);
    expect(refName(useRefs.getState().refs, 'template', 'promo', 'en')).toBe('Spring promo');
  });

  it('names events in the UI language and matches what users type', () => {
    const fr = refOptions(refs, 'event_type', 'fr');
    expect(fr[0]!.name).toBe('Page visitée');
    expect(fold('Page visitée')).toBe(fold('page_visitee'));
    for (const typed of ['page visit', 'Page visited', 'page_visited', 'visitée']) expect(matches(fr[0]!, typed)).toBe(true);
    expect(matches(fr[0]!, 'achat')).toBe(false);
  });

  it('names a rule by its title in the UI language, never its key (a Lua step once read “Run vip_check”)', () => {
    const withRule: References = { ...EMPTY_REFS, scripts: [{ key: 'vip_check', name: 'VIP customer', name_fr: 'Client VIP', detail: 'condition' }] };
    expect(refName(withRule, 'script', 'vip_check', 'fr')).toBe('Client VIP');
    expect(refName(withRule, 'script', 'vip_check', 'en')).toBe('VIP customer');
    const [o] = refOptions(withRule, 'script', 'fr');
    expect(o!.name).toBe('Client VIP');
    // A power user who knows the key still finds it by typing it.
    expect(matches(o!, 'vip_check')).toBe(true);
  });
});
