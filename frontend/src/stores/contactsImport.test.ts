import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toBase64 } from '../api/contacts';
import { resetContacts, settle, type FakeContactsApi } from '../screens/contacts/test/fakeApi';
import { fieldNameFor, mappingOf, mappingProblems, useContactImport } from './contactsImport';
import { useContactsTable } from './contactsTable';

let api: FakeContactsApi;
const imp = () => useContactImport.getState();
// "Courriel;Prénom\r\nemile@x.ca;Émile" in Windows-1252: é is 0xE9, É is 0xC9.
const latin1 = new Uint8Array([
  ...Array.from('Courriel;Pr', (c) => c.charCodeAt(0)),
  0xe9,
  ...Array.from('nom\r\nemile@x.ca;', (c) => c.charCodeAt(0)),
  0xc9,
  ...Array.from('mile\r\n', (c) => c.charCodeAt(0)),
]);

beforeEach(() => {
  api = resetContacts();
});

describe('import wizard', () => {
  it('sends the file’s bytes untouched (a Latin-1 é stays one byte 0xE9)', async () => {
    await imp().chooseFile('contacts.csv', latin1);
    const sent = vi.mocked(api.sniff).mock.calls[0][0];
    const back = Uint8Array.from(atob(sent), (c) => c.charCodeAt(0));
    expect(Array.from(back)).toEqual(Array.from(latin1));
    expect(back[11]).toBe(0xe9);
  });

  it('encodes large files in chunks', () => {
    const big = new Uint8Array(300_000).map((_, i) => i % 256);
    const b = toBase64(big);
    expect(b.length).toBe(400_000);
    expect(Uint8Array.from(atob(b).slice(0, 300), (c) => c.charCodeAt(0))).toEqual(big.slice(0, 300));
  });

  it('goes choose → reading → map, with the engine’s mapping filled in', async () => {
    expect(imp().step).toBe('choose');
    const p = imp().chooseFile('contacts.csv', latin1);
    expect(imp().step).toBe('reading');
    expect(imp().fileName).toBe('contacts.csv');
    await p;
    expect(imp().step).toBe('map');
    expect(imp().info?.encoding).toBe('windows-1252');
    expect(imp().mapping).toEqual({ Courriel: 'email', Prénom: 'first_name', Province: '' });
  });

  it('goes back to choose with the reason when the file cannot be read', async () => {
    vi.mocked(api.sniff).mockRejectedValueOnce('import: the file is empty');
    await imp().chooseFile('empty.csv', new Uint8Array());
    expect(imp().step).toBe('choose');
    expect(imp().error).toBe('import: the file is empty');
  });

  it('finds a missing email column and two columns on one field', () => {
    expect(mappingProblems({ a: 'first_name', b: '' })).toEqual([{ code: 'no_email' }]);
    expect(mappingProblems({ a: 'email', b: 'city', c: 'city', d: 'tags', e: 'tags' })).toEqual([{ code: 'duplicate', field: 'city', headers: ['b', 'c'] }]);
    expect(mappingProblems({ a: 'email' })).toEqual([]);
  });

  it('refuses to start while the mapping has a problem', async () => {
    await imp().chooseFile('contacts.csv', latin1);
    imp().setMapping('Courriel', '');
    await imp().start();
    expect(imp().step).toBe('map');
    expect(api.importCsv).not.toHaveBeenCalled();
  });

  it('imports with every column explicit, the options, and the progress from the engine', async () => {
    await imp().chooseFile('contacts.csv', latin1);
    imp().setMapping('Province', 'region');
    imp().setChoice('policy', 'update');
    imp().setChoice('list', ' newsletter ');
    imp().setChoice('tags', ['fair-2024']);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const real = api.importCsv;
    vi.mocked(api.importCsv).mockImplementationOnce(async (b, o) => {
      await gate;
      return real(b, o);
    });
    const run = imp().start();
    expect(imp().step).toBe('importing');
    expect(imp().progress).toEqual({ done: 0, total: 3 });
    api.progress?.({ done: 2, total: 3 });
    expect(imp().progress).toEqual({ done: 2, total: 3 });
    release();
    await run;
    expect(imp().step).toBe('done');
    expect(api.progress).toBeNull(); // unsubscribed
    const [, opts] = vi.mocked(api.importCsv).mock.calls[0];
    expect(opts).toMatchObject({
      mapping: { Courriel: 'email', Prénom: 'first_name', Province: 'region' },
      policy: 'update',
      list: 'newsletter',
      tags: ['fair-2024'],
      dry_run: false,
    });
    expect(imp().result?.rejects?.[0].line).toBe(4);
  });

  it('sends an ignored column as "-" so the engine does not guess it again', async () => {
    await imp().chooseFile('contacts.csv', latin1);
    imp().setMapping('Prénom', '');
    await imp().start();
    expect(vi.mocked(api.importCsv).mock.calls[0][1].mapping).toEqual({ Courriel: 'email', Prénom: '-', Province: '-' });
  });

  it('returns to the mapping with the engine’s refusal', async () => {
    await imp().chooseFile('contacts.csv', latin1);
    vi.mocked(api.importCsv).mockRejectedValueOnce('mapping: column "X": reserved name');
    await imp().start();
    expect(imp().step).toBe('map');
    expect(imp().error).toMatch(/reserved name/);
  });

  it('runs a dry run, then imports for real', async () => {
    await imp().chooseFile('contacts.csv', latin1);
    imp().setChoice('dryRun', true);
    const reload = vi.spyOn(useContactsTable.getState(), 'reload');
    await imp().start();
    expect(imp().result?.dry_run).toBe(true);
    expect(reload).not.toHaveBeenCalled();
    await imp().importForReal();
    expect(vi.mocked(api.importCsv).mock.calls.map((c) => c[1].dry_run)).toEqual([true, false]);
    expect(imp().result?.dry_run).toBe(false);
    await settle();
    expect(api.listCalls.length).toBeGreaterThan(0); // the table reloaded
  });

  it('saves the rejected rows next to the file’s name', async () => {
    await imp().chooseFile('salon 2024.csv', latin1);
    await imp().start();
    expect(await imp().downloadRejects()).toBe('/tmp/salon 2024-rejected.csv');
    expect(api.rejectsCsv).toHaveBeenCalledWith(imp().result);
    expect(api.saved[0]).toEqual({ name: 'salon 2024-rejected.csv', content: 'line,reason\n4,bad\n' });
  });

  it('starts over with reset, keeping the options', async () => {
    await imp().chooseFile('contacts.csv', latin1);
    imp().setChoice('policy', 'fill');
    await imp().start();
    imp().reset();
    expect(imp().step).toBe('choose');
    expect(imp().info).toBeNull();
    expect(imp().result).toBeNull();
    expect(imp().choices.policy).toBe('fill');
  });

  it('makes field names from headers', () => {
    expect(fieldNameFor('Date d’achat')).toBe('date_d_achat');
    expect(fieldNameFor('N° client')).toBe('n_client');
    expect(fieldNameFor('2e adresse')).toBe('f_2e_adresse');
    expect(mappingOf([{ index: 0, header: 'a', field: 'email', source: 'guessed', sample: '' }])).toEqual({ a: 'email' });
  });
});
