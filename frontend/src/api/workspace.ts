// Typed wrappers over the window's Workspace service: the open workspace
// and the recent ones, another one opened in its place, copies, and
// packaged funnels. The stores call `workspaceApi()`; tests swap it with
// `setWorkspaceApi(fake)`.
import * as Preferences from '../../wailsjs/go/app/Preferences';
import * as Workspace from '../../wailsjs/go/app/Workspace';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import type { PackageReport, TeamAddress, TeamCheck, TeamOpened, WorkspaceInfo } from './types.gen';

export type { PackageItem, PackageReport, RecentWorkspace, TeamAddress, TeamCheck, TeamOpened, WorkspaceInfo } from './types.gen';

/** SaveKind is what a save dialog is asked for. */
export type SaveKind = 'new' | 'copy' | 'client' | 'package';

/** MenuAction is what the window's File menu asked for. */
export interface MenuAction {
  action: 'new' | 'open' | 'team' | 'recent' | 'copy' | 'client' | 'import';
  path?: string;
}

/** TeamWatch says whether others' changes of a team workspace are heard at once (its listening connection up) (app.TeamWatch). */
export interface TeamWatch {
  listening: boolean;
  up: boolean;
  /** down_since is when the listening connection dropped (Unix ms; 0 when up). */
  down_since: number;
}

/** TeamChange is a change of a team workspace announced by its server (store.Change): "resync" after the listening connection came back. */
export interface TeamChange {
  kind: 'draft' | 'published' | 'deleted' | 'resync';
  flow?: string;
  by?: string;
}

/** WorkspaceApi is what the app asks of the engine about workspace files. */
export interface WorkspaceApi {
  current(): Promise<WorkspaceInfo>;
  /** pathFor is the file `name` gets beside the open workspace (ext: ".flightplan" when empty). */
  pathFor(name: string, ext: string): Promise<string>;
  create(path: string): Promise<WorkspaceInfo>;
  open(path: string): Promise<WorkspaceInfo>;
  saveCopy(path: string): Promise<void>;
  exportForClient(path: string, withContacts: boolean): Promise<void>;
  packageFunnel(flowId: string): Promise<string>;
  importPackage(name: string, text: string): Promise<PackageReport>;
  /** chooseOpen and chooseSave are the window's native dialogs: "" when cancelled. */
  chooseOpen(): Promise<string>;
  chooseSave(kind: SaveKind, suggested: string): Promise<string>;
  /** checkTeam says what a team workspace's address leads to (the Test button). */
  checkTeam(a: TeamAddress): Promise<TeamCheck>;
  /** openTeam opens a team workspace (setUp: an empty database is set up); remember keeps the password in the system keyring. */
  openTeam(a: TeamAddress, remember: boolean, setUp: boolean): Promise<TeamOpened>;
  /** openRecentTeam opens a recent team workspace with the password the keyring remembers. */
  openRecentTeam(address: string): Promise<TeamOpened>;
  /** startAsk is, once, the team workspace last used that the window could not open at start-up (keyring "" when none; fakes may leave it out). */
  startAsk?(): Promise<TeamOpened>;
  /** onMenu listens to the File menu; it returns the way to stop listening. */
  onMenu(cb: (a: MenuAction) => void): () => void;
  /** teamWatch says whether others' changes are heard at once (fakes may leave it out: then the window asks every few seconds). */
  teamWatch?(): Promise<TeamWatch>;
  /** onTeamChange and onTeamWatch listen to the changes heard and to the listening connection going up or down; they return the way to stop. */
  onTeamChange?(cb: (c: TeamChange) => void): () => void;
  onTeamWatch?(cb: (w: TeamWatch) => void): () => void;
}

// The bindings return plain JSON at run time; their .d.ts describes classes.
const wails: WorkspaceApi = {
  current: async () => (await Workspace.Current()) as unknown as WorkspaceInfo,
  pathFor: (name, ext) => Workspace.PathFor(name, ext),
  create: async (path) => (await Workspace.New(path)) as unknown as WorkspaceInfo,
  open: async (path) => (await Workspace.Open(path)) as unknown as WorkspaceInfo,
  saveCopy: (path) => Workspace.SaveCopy(path),
  exportForClient: (path, withContacts) => Workspace.ExportForClient(path, withContacts),
  packageFunnel: (flowId) => Workspace.PackageFunnel(flowId),
  importPackage: async (name, text) => (await Workspace.ImportPackage(name, text)) as unknown as PackageReport,
  chooseOpen: () => Workspace.ChooseOpen(),
  chooseSave: (kind, suggested) => Workspace.ChooseSave(kind, suggested),
  checkTeam: async (a) => (await Workspace.CheckTeam(a as never)) as unknown as TeamCheck,
  openTeam: async (a, remember, setUp) => (await Workspace.OpenTeam(a as never, remember, setUp)) as unknown as TeamOpened,
  openRecentTeam: async (address) => (await Workspace.OpenRecentTeam(address)) as unknown as TeamOpened,
  startAsk: async () => (await Workspace.StartAsk()) as unknown as TeamOpened,
  onMenu: (cb) => EventsOn('menu:file', (a: MenuAction) => cb(a)),
  teamWatch: async () => (await Workspace.TeamWatch()) as unknown as TeamWatch,
  onTeamChange: (cb) => EventsOn('team:change', (c: TeamChange) => cb(c)),
  onTeamWatch: (cb) => EventsOn('team:watch', (w: TeamWatch) => cb(w)),
};

let current: WorkspaceApi = wails;

/** workspaceApi returns the API in use: the Go engine, or a test's fake. */
export function workspaceApi(): WorkspaceApi {
  return current;
}

/** Person is the name this computer's saves are signed with ("" when none is set) and the system account's. */
export interface Person {
  name: string;
  system: string;
}

/** person reads the name saves are signed with on this computer. */
export const person = async (): Promise<Person> => (await Preferences.Person()) as unknown as Person;

/** setPersonName sets it ("" goes back to the system account's). */
export const setPersonName = (name: string): Promise<void> => Preferences.SetPersonName(name);

/** setWorkspaceApi replaces the API (tests); it returns the previous one. */
export function setWorkspaceApi(api: WorkspaceApi): WorkspaceApi {
  const prev = current;
  current = api;
  return prev;
}

/** PACKAGE_FORMAT is a packaged funnel's format, as the engine writes it. */
export const PACKAGE_FORMAT = 'flightplan.package/v1';

/** isPackage tells a packaged funnel's text from a bare .flow.json. */
export function isPackage(text: string): boolean {
  try {
    return (JSON.parse(text) as { format?: unknown }).format === PACKAGE_FORMAT;
  } catch {
    return false;
  }
}
