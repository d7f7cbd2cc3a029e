import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../test/fakeBackend';
import { resetAll } from '../test/helpers';
import { useCatalogue } from './catalogue';
import { asLang, useSettings } from './settings';

let fake: FakeBackend;

beforeEach(() => {
  fake = resetAll();
});

describe('settings store', () => {
  it('starts in the engine’s language (the system locale until chosen)', async () => {
    fake.language = 'fr';
    await useSettings.getState().load();
    expect(useSettings.getState().lang).toBe('fr');
    expect(useSettings.getState().workspace).toBe('/tmp/test.flightplan');
  });

  it('stores the language the user picks', async () => {
    await useSettings.getState().setLang('fr');
    expect(useSettings.getState().lang).toBe('fr');
    expect(fake.language).toBe('fr');
  });

  it('goes back when the engine refuses', async () => {
    fake.failNext('setLanguage', 'no');
    await useSettings.getState().setLang('fr');
    expect(useSettings.getState().lang).toBe('en');
  });

  it('reads locales', () => {
    expect(asLang('fr_CA')).toBe('fr');
    expect(asLang('de')).toBe('en');
    expect(asLang(undefined)).toBe('en');
  });
});

describe('catalogue store', () => {
  it('loads specs, field types and lookups', async () => {
    useCatalogue.setState({ specs: [], byType: {}, status: 'idle' });
    await useCatalogue.getState().load();
    const s = useCatalogue.getState();
    expect(s.status).toBe('ready');
    expect(s.byType['action.send_email']?.category).toBe('do');
    expect(s.fieldTypes).toContain('branches');
    expect(s.lookups.lists).toEqual(['newsletter', 'customers']);
  });

  it('reports an engine that does not answer', async () => {
    fake.failNext('catalogue', 'boom');
    await useCatalogue.getState().load();
    expect(useCatalogue.getState()).toMatchObject({ status: 'error', error: 'boom' });
  });
});
