import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../test/fakeBackend';
import { fakeSettings, resetAll } from '../test/helpers';
import { useCatalogue } from './catalogue';
import { asLang, entryOf, useSettings } from './settings';
import { toastTexts, useToasts } from './toasts';

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

  it('says the File menu follows only at the next start, and only in the desktop window', async () => {
    fake.menuLanguage = 'en';
    await useSettings.getState().load();
    await useSettings.getState().setLang('fr');
    expect(toastTexts('fr')).toContain('Le menu Fichier passera au français au prochain démarrage de Flightplan.');
    // Back to the menu's language: nothing to say.
    await useSettings.getState().setLang('en');
    expect(toastTexts('en').some((t) => t.includes('File menu'))).toBe(false);
    // In a browser there is no menu.
    useToasts.getState().clear();
    fake.menuLanguage = '';
    await useSettings.getState().load();
    await useSettings.getState().setLang('fr');
    expect(toastTexts('fr')).toEqual([]);
  });

  it('goes back when the engine refuses', async () => {
    fake.failNext('setLanguage', 'no');
    await useSettings.getState().setLang('fr');
    expect(useSettings.getState().lang).toBe('en');
  });

  it('lists the workspace settings and saves one, keeping the engine’s answer', async () => {
    await useSettings.getState().loadEntries();
    expect(entryOf(useSettings.getState().entries, 'stage_backwards')?.value).toBe('false');
    expect(await useSettings.getState().saveSetting('stage_backwards', 'true')).toBe(true);
    expect(fakeSettings.calls).toEqual([{ stage_backwards: 'true' }]);
    expect(entryOf(useSettings.getState().entries, 'stage_backwards')).toMatchObject({ value: 'true', is_default: false });
    expect(useSettings.getState().saving).toBeNull();
  });

  it('keeps the engine’s refusal under the setting until a value is accepted', async () => {
    await useSettings.getState().loadEntries();
    expect(await useSettings.getState().saveSetting('public_host', 'https://shop.example.com')).toBe(false);
    expect(useSettings.getState().errors.public_host).toMatch(/^Public names of this computer: .* is not a host name/);
    expect(entryOf(useSettings.getState().entries, 'public_host')?.value).toBe('');
    expect(await useSettings.getState().saveSetting('public_host', 'shop.example.com')).toBe(true);
    expect(useSettings.getState().errors.public_host).toBeUndefined();
    expect(entryOf(useSettings.getState().entries, 'public_host')?.value).toBe('shop.example.com');
  });

  it('says when the settings cannot be read', async () => {
    fakeSettings.list = async () => {
      throw 'keyring locked';
    };
    await useSettings.getState().loadEntries();
    expect(useSettings.getState()).toMatchObject({ entries: null, entriesError: 'keyring locked' });
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
