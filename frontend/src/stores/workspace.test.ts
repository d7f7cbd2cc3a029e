import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setWorkspaceApi, type WorkspaceApi, PACKAGE_FORMAT, isPackage } from '../api/workspace';
import type { PackageReport, WorkspaceInfo } from '../api/types.gen';
import { resetAll } from '../test/helpers';
import { toastTexts } from './toasts';
import { setReloadPage, useWorkspace } from './workspace';

const info: WorkspaceInfo = { path: '/w/Acme.flightplan', name: 'Acme', folder: '/w', team: false, recent: [{ path: '/w/Globex.flightplan', name: 'Globex', opened_at: '', missing: false, team: false }] };

function fakeApi() {
  const calls: string[] = [];
  const api: WorkspaceApi = {
    current: async () => info,
    pathFor: async (name, ext) => {
      if (!name.trim()) throw new Error('give it a name');
      return `/w/${name}${ext}`;
    },
    create: async (p) => (calls.push(`create ${p}`), info),
    open: async (p) => {
      if (p.includes('locked')) throw new Error('this workspace is open in Flightplan (window, pid 1)');
      calls.push(`open ${p}`);
      return info;
    },
    saveCopy: async (p) => void calls.push(`copy ${p}`),
    exportForClient: async (p, c) => void calls.push(`client ${p} ${c}`),
    packageFunnel: async () => '{}',
    importPackage: async () => ({}) as PackageReport,
    chooseOpen: async () => '',
    chooseSave: async () => '',
    checkTeam: async () => ({ state: 'ready' }),
    openTeam: async () => ({ opened: true, check: { state: 'ready' }, info, remembered: true, address: { url: '', host: '', port: 0, database: '', user: '', password: '' } }),
    openRecentTeam: async () => ({ opened: true, check: { state: 'ready' }, info, remembered: false, address: { url: '', host: '', port: 0, database: '', user: '', password: '' } }),
    onMenu: () => () => {},
  };
  return { api, calls };
}

let calls: string[];
const reload = vi.fn();
let prev: WorkspaceApi;

beforeEach(() => {
  resetAll();
  const f = fakeApi();
  calls = f.calls;
  prev = setWorkspaceApi(f.api);
  reload.mockReset();
  setReloadPage(reload);
  useWorkspace.setState({ info: null, dialog: null, busy: false, error: null, report: null, importAsked: 0 });
});
afterAll(() => {
  setWorkspaceApi(prev);
});

const s = () => useWorkspace.getState();

describe('workspace store', () => {
  it('creates a workspace by name beside the open one, then reloads on it', async () => {
    s().openDialog('new');
    expect(await s().submit('new', { name: 'Initech' })).toBe(true);
    expect(calls).toEqual(['create /w/Initech.flightplan']);
    expect(reload).toHaveBeenCalledOnce();
    expect(s().dialog).toBeNull();
  });

  it('keeps the dialog open with the reason when a workspace cannot be opened', async () => {
    s().openDialog('open');
    expect(await s().submit('open', { path: '/w/locked.flightplan' })).toBe(false);
    expect(s().error).toMatch(/open in Flightplan/);
    expect(s().dialog).toBe('open');
    expect(reload).not.toHaveBeenCalled();
  });

  it('saves a copy and a client copy without leaving the workspace', async () => {
    await s().submit('copy', { name: 'Acme copy' });
    await s().submit('client', { path: '/tmp/for-acme.flightplan' }, true);
    expect(calls).toEqual(['copy /w/Acme copy.flightplan', 'client /tmp/for-acme.flightplan true']);
    expect(reload).not.toHaveBeenCalled();
    expect(toastTexts('en').join(' ')).toContain('/tmp/for-acme.flightplan');
  });

  it('opens a recent workspace from the File menu, and opens the dialogs it names', async () => {
    s().menu({ action: 'recent', path: '/w/Globex.flightplan' });
    await vi.waitFor(() => expect(calls).toEqual(['open /w/Globex.flightplan']));
    s().menu({ action: 'client' });
    expect(s().dialog).toBe('client');
    s().menu({ action: 'import' });
    expect(s().importAsked).toBe(1);
  });

  it('tells a packaged funnel from a flow file', () => {
    expect(isPackage(JSON.stringify({ format: PACKAGE_FORMAT, flow: {} }))).toBe(true);
    expect(isPackage(JSON.stringify({ format: 'flightplan.flow/v1' }))).toBe(false);
    expect(isPackage('not json')).toBe(false);
  });
});

describe('workspace errors', () => {
  it('says the engine’s known refusals in the UI language', async () => {
    const { workspaceError } = await import('./workspace');
    const { useSettings } = await import('./settings');
    useSettings.setState({ lang: 'fr' });
    expect(workspaceError('/w/Acme.flightplan already exists: open it, or choose another name')).toBe('/w/Acme.flightplan existe déjà : ouvrez-le, ou choisissez un autre nom.');
    expect(workspaceError('disk full')).toBe('disk full');
  });

  it('opens a recent team workspace with the remembered password, else opens the dialog filled in with the reason', async () => {
    const addr = { url: '', host: 'db.example.com', port: 5432, database: 'acme', user: 'ann', password: '' };
    const api = (await import('../api/workspace')).workspaceApi();
    api.openRecentTeam = async (p) => {
      calls.push(`recent ${p}`);
      return p.includes('locked')
        ? { opened: false, check: { state: 'password', name: 'acme (db.example.com)' }, info, remembered: false, keyring: 'missing', address: addr }
        : { opened: true, check: { state: 'ready' }, info, remembered: false, address: addr };
    };
    await s().openRecent('postgres://ann@db.example.com/acme', 'acme (db.example.com)');
    expect(reload).toHaveBeenCalledOnce();
    expect(s().dialog).toBeNull();
    await s().openRecent('postgres://ann@locked.example.com/acme', 'acme (locked.example.com)');
    expect(reload).toHaveBeenCalledOnce();
    expect(s().dialog).toBe('team');
    expect(s().team).toMatchObject({ reason: 'missing', name: 'acme (db.example.com)', address: addr });
    // A file in the recent list opens as before.
    await s().openRecent('/w/Globex.flightplan', 'Globex');
    expect(calls).toEqual(['recent postgres://ann@db.example.com/acme', 'recent postgres://ann@locked.example.com/acme', 'open /w/Globex.flightplan']);
  });

  it('asks at start-up for the password of the team workspace last used when the keyring could not give it, saying why and what opened meanwhile, in English and French', async () => {
    const addr = { url: '', host: 'db.example.com', port: 5432, database: 'acme', user: 'ann', password: '' };
    const api = (await import('../api/workspace')).workspaceApi();
    let asks = [{ opened: false, check: { state: '' as const, name: 'acme (db.example.com)' }, info, remembered: false, keyring: 'missing', address: addr }];
    api.startAsk = async () => asks.shift() ?? { opened: false, check: { state: '' as const }, info, remembered: false, address: addr };
    await s().askAtStart();
    expect(s().dialog).toBe('team');
    expect(s().team).toMatchObject({ reason: 'missing', name: 'acme (db.example.com)', address: addr, startedOn: 'Acme' });
    // Once only: the page reloading on another workspace is not asked again.
    s().closeDialog();
    await s().askAtStart();
    expect(s().dialog).toBeNull();
    asks = [];
    const { render, screen, cleanup } = await import('@testing-library/react');
    const { TeamWorkspaceDialog } = await import('../components/TeamWorkspaceDialog');
    const { useSettings } = await import('./settings');
    const { createElement } = await import('react');
    for (const [lang, re] of [
      ['en', /The password for acme \(db\.example\.com\) could not be read: this computer’s keyring .* is locked or not available\. Enter the password again\. Meanwhile, Flightplan opened Acme\./],
      ['fr', /Le mot de passe de acme \(db\.example\.com\) n’a pas pu être lu .* Entrez le mot de passe de nouveau\. En attendant, Flightplan a ouvert Acme\./],
    ] as const) {
      useSettings.setState({ lang });
      useWorkspace.setState({ dialog: 'team', team: { address: addr, name: 'acme (db.example.com)', reason: 'missing', startedOn: 'Acme' } });
      render(createElement(TeamWorkspaceDialog));
      expect(screen.getByTestId('team-reason').textContent).toMatch(re);
      expect((screen.getByTestId('team-database') as HTMLInputElement).value).toBe('acme');
      expect((screen.getByTestId('team-user') as HTMLInputElement).value).toBe('ann');
      cleanup();
    }
  });
});
