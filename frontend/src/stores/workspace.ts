// The open workspace and what can be done with workspace files: open
// another one (the page then reloads on it), create one, save a copy,
// export a copy for a client, import a packaged funnel. The start screen's
// buttons and the window's File menu both come here.
import { errorMessage } from '../api/backend';
import { isPackage, workspaceApi, type MenuAction, type PackageReport, type SaveKind, type TeamAddress, type TeamCheck, type TeamOpened, type WorkspaceInfo } from '../api/workspace';
import { translate, type MessageKey } from '../i18n/dict';
import { useEditor } from '../features/funnel/stores/editor';
import { useFlows } from '../features/funnel/stores/flows';
import { create } from 'zustand';
import { useRefs } from './refs';
import { useSettings } from './settings';
import { toast } from './toasts';
import { readText } from '../components/readText';
import { msg } from '../i18n/message';

/** DialogKind is the workspace dialog open: naming a new workspace, a copy, a client's copy, opening one, opening a team workspace by its server's address, or the hub (all of them, from the funnel list). */
export type DialogKind = 'new' | 'copy' | 'client' | 'open' | 'team' | 'hub';

/** TeamPrefill is what the team dialog opens with: a recent team workspace's address (no password) and why its password is asked again. */
export interface TeamPrefill {
  address: TeamAddress;
  /** name is how the workspace is named (database and server). */
  name: string;
  /** reason: missing (no keyring, or locked), not-remembered, refused (the remembered password was refused), or '' */
  reason: string;
  /** check is what the server answered when the recent workspace was tried. */
  check?: TeamCheck;
  /** startedOn names the workspace the window opened instead at start-up, when it is asked then. */
  startedOn?: string;
}

/** isTeamAddress tells a team workspace's address from a file path. */
export function isTeamAddress(path: string): boolean {
  return /^postgres(ql)?:\/\//.test(path);
}

/** NOTICE_KEY keeps a notice across the reload that follows opening a workspace. */
const NOTICE_KEY = 'fp.workspace.notice';

/** Target is where a file goes: a name beside the open workspace, or a full path. */
export interface Target {
  name?: string;
  path?: string;
}

interface WorkspaceState {
  info: WorkspaceInfo | null;
  dialog: DialogKind | null;
  busy: boolean;
  /** error is what went wrong in the open dialog, shown in it. */
  error: string | null;
  /** report is what the last packaged funnel's import did, shown until closed. */
  report: PackageReport | null;
  /** importAsked is set when the File menu asks to import a package: the file picker opens. */
  importAsked: number;
  /** team is the team dialog's starting point when it reopens a recent team workspace. */
  team: TeamPrefill | null;
  /** openTeamDialog opens the team dialog, empty or for a recent team workspace. */
  openTeamDialog(prefill?: TeamPrefill): void;
  /** openTeam opens a team workspace from the dialog; the page reloads on it when opened. */
  openTeam(a: TeamAddress, remember: boolean, setUp: boolean): Promise<TeamOpened>;
  /** askAtStart opens the team dialog, filled in, when the window could not open the team workspace last used at start-up (its password not in the keyring). */
  askAtStart(): Promise<void>;
  /** openRecent opens a recent workspace: a file, or a team workspace with its remembered password (else the dialog asks for it). */
  openRecent(path: string, name: string): Promise<void>;
  load(): Promise<void>;
  openDialog(kind: DialogKind): void;
  closeDialog(): void;
  /** submit does what the dialog is for; true when done. */
  submit(kind: DialogKind, target: Target, withContacts?: boolean): Promise<boolean>;
  /** choose asks the window's native dialog for the place, then does it. */
  choose(kind: DialogKind, suggested: string, withContacts?: boolean): Promise<boolean>;
  importPackage(name: string, text: string): Promise<string | null>;
  closeReport(): void;
  menu(a: MenuAction): void;
}

/** reloadPage starts the page again on the workspace now open (replaced in tests). */
export let reloadPage = (): void => window.location.reload();

/** setReloadPage replaces reloadPage (tests). */
export function setReloadPage(fn: () => void): void {
  reloadPage = fn;
}

function lang() {
  return useSettings.getState().lang;
}

const EXT = '.flightplan';

/** KNOWN are the engine's workspace errors said in the UI language (the engine words them in English). */
const KNOWN: [RegExp, MessageKey][] = [
  [/^(.*) already exists: open it, or choose another name$/s, 'workspace.err.exists'],
  [/^there is no workspace at (.*)$/s, 'workspace.err.missing'],
  [/^(.*) is the workspace already open$/s, 'workspace.err.same'],
  [/^(.*) is the workspace open now: choose another name for the copy$/s, 'workspace.err.sameCopy'],
  [/^give it a name$/, 'workspace.err.noName'],
];

/** workspaceError words an engine error in the UI language when it is a known one. */
export function workspaceError(message: string): string {
  for (const [re, key] of KNOWN) {
    const m = re.exec(message);
    if (m) return translate(lang(), key, { path: m[1] ?? '' });
  }
  return message;
}

export const useWorkspace = create<WorkspaceState>()((set, get) => ({
  info: null,
  dialog: null,
  busy: false,
  error: null,
  report: null,
  importAsked: 0,
  team: null,
  async load() {
    try {
      set({ info: await workspaceApi().current() });
    } catch (err) {
      toast('error', errorMessage(err), 'workspace');
    }
    // A notice from before the reload (a password the keyring could not keep).
    try {
      const note = sessionStorage.getItem(NOTICE_KEY);
      if (note) {
        sessionStorage.removeItem(NOTICE_KEY);
        toast('warning', msg(note as MessageKey), 'workspace');
      }
    } catch {
      /* no session storage */
    }
  },
  openTeamDialog(prefill) {
    set({ dialog: 'team', team: prefill ?? null, error: null });
  },
  async openTeam(a, remember, setUp) {
    set({ busy: true, error: null });
    try {
      await useEditor.getState().flush();
      const res = await workspaceApi().openTeam(a, remember, setUp);
      if (res.opened) {
        if (remember && res.keyring === 'missing') {
          try {
            sessionStorage.setItem(NOTICE_KEY, 'team.notRemembered');
          } catch {
            /* the notice is lost, not the workspace */
          }
        }
        set({ busy: false, dialog: null, team: null });
        reloadPage();
      } else set({ busy: false });
      return res;
    } catch (err) {
      set({ busy: false, error: workspaceError(errorMessage(err)) });
      throw err;
    }
  },
  async askAtStart() {
    const api = workspaceApi();
    if (!api.startAsk) return;
    try {
      const res = await api.startAsk();
      if (!res.keyring) return;
      const info = await api.current().catch(() => null);
      set({ dialog: 'team', error: null, team: { address: res.address, name: res.check.name ?? '', reason: res.keyring, startedOn: info?.name } });
    } catch {
      /* nothing to ask */
    }
  },
  async openRecent(path, name) {
    if (!isTeamAddress(path)) {
      await get().submit('open', { path });
      return;
    }
    set({ busy: true, error: null });
    try {
      await useEditor.getState().flush();
      const res = await workspaceApi().openRecentTeam(path);
      set({ busy: false });
      if (res.opened) {
        set({ dialog: null });
        reloadPage();
        return;
      }
      // Not opened: the dialog, filled in, says why and asks what is missing.
      set({ dialog: 'team', team: { address: res.address, name: res.check.name || name, reason: res.keyring ?? '', check: res.check } });
    } catch (err) {
      set({ busy: false, error: workspaceError(errorMessage(err)) });
    }
  },
  openDialog(kind) {
    set({ dialog: kind, error: null });
    void get().load();
  },
  closeDialog() {
    set({ dialog: null, error: null, busy: false, team: null });
  },
  async submit(kind, target, withContacts = false) {
    const api = workspaceApi();
    set({ busy: true, error: null });
    try {
      const path = target.path?.trim() || (await api.pathFor(target.name ?? '', EXT));
      if (kind === 'new' || kind === 'open') {
        // Unsaved changes go to the workspace they were made in.
        await useEditor.getState().flush();
        await (kind === 'new' ? api.create(path) : api.open(path));
        set({ busy: false, dialog: null });
        reloadPage();
        return true;
      }
      if (kind === 'copy') await api.saveCopy(path);
      else await api.exportForClient(path, withContacts);
      set({ busy: false, dialog: null });
      toast('success', msg(kind === 'copy' ? 'workspace.copySaved' : 'workspace.clientSaved', { path }), 'workspace');
      return true;
    } catch (err) {
      set({ busy: false, error: workspaceError(errorMessage(err)) });
      return false;
    }
  },
  async choose(kind, suggested, withContacts = false) {
    const api = workspaceApi();
    try {
      const path = kind === 'open' ? await api.chooseOpen() : await api.chooseSave(kind as SaveKind, suggested);
      if (!path) return false;
      return await get().submit(kind, { path }, withContacts);
    } catch (err) {
      set({ error: workspaceError(errorMessage(err)) });
      return false;
    }
  },
  async importPackage(name, text) {
    try {
      await useEditor.getState().flush();
      const rep = await workspaceApi().importPackage(name, text);
      // The emails, lists and segments it brought are named on the canvas.
      await useRefs.getState().refresh();
      useEditor.getState().load(rep.flow);
      await useFlows.getState().load();
      set({ report: rep });
      return rep.flow.flow?.id ?? rep.flow.info.id;
    } catch (err) {
      toast('error', msg('import.failed', { file: name, message: errorMessage(err) }), 'import');
      return null;
    }
  },
  closeReport() {
    set({ report: null });
  },
  menu(a) {
    switch (a.action) {
      case 'recent':
        if (a.path) void get().openRecent(a.path, a.path);
        return;
      case 'team':
        get().openTeamDialog();
        return;
      case 'import':
        set({ importAsked: get().importAsked + 1 });
        return;
      default:
        get().openDialog(a.action);
    }
  },
}));

/** importFunnelFile imports a picked file: a packaged funnel with what it brings (and its report), or a bare .flow.json. */
export async function importFunnelFile(file: File): Promise<string | null> {
  const text = await readText(file);
  if (isPackage(text)) return useWorkspace.getState().importPackage(file.name, text);
  return useFlows.getState().importText(file.name, text);
}
