import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setWorkspaceApi, type TeamChange, type TeamWatch, type WorkspaceApi } from '../api/workspace';
import type { DraftSave, DraftStamp } from '../api/types.gen';
import type { Flow } from '../api/types';
import { useEditor } from '../features/funnel/stores/editor';
import type { FakeBackend } from '../test/fakeBackend';
import { resetAll } from '../test/helpers';
import { DRAFT_POLL_MS, WATCH_DOWN_NOTICE_MS, useDraftConflict, watchTeam } from './draftConflict';
import { toastTexts } from './toasts';

let fake: FakeBackend;
let stored: DraftStamp;
const bases: number[] = [];
const ed = () => useEditor.getState();
const dc = () => useDraftConflict.getState();

beforeEach(async () => {
  fake = resetAll();
  useDraftConflict.setState({ conflict: null, busy: false });
  bases.length = 0;
  stored = { version: 1, by: 'Ann', at: new Date().toISOString() };
  // The engine's rule: a save on the stored version goes through, any other is refused.
  fake.saveDraft = async (flow: Flow, base: number): Promise<DraftSave> => {
    bases.push(base);
    if (base !== stored.version) return { doc: { flow, info: { id: flow.id, name: flow.name, published_version: 0, enabled: false, updated_at: '' }, issues: [] }, conflict: stored };
    stored = { ...stored, version: stored.version + 1, by: 'Ann' };
    fake.flows.set(flow.id, flow);
    return { doc: { flow, info: { id: flow.id, name: flow.name, published_version: 0, enabled: false, updated_at: '', draft_version: stored.version }, issues: [] } };
  };
  fake.draftStamp = async () => stored;
  const doc = await fake.createFlow('Spring sale');
  ed().load({ ...doc, info: { ...doc.info, draft_version: 1 } });
});

describe('two people on one draft', () => {
  it('a save refused for a save made since shows who saved; keeping mine saves on their version', async () => {
    stored = { version: 2, by: 'Marie', at: new Date().toISOString() };
    ed().setMeta({ name: 'Spring sale (Ann)' });
    expect(await ed().save()).toBe(false);
    expect(bases).toEqual([1]);
    expect(dc().conflict).toMatchObject({ stamp: { by: 'Marie', version: 2 } });
    await dc().keepMine();
    expect(bases).toEqual([1, 2]);
    expect(dc().conflict).toBeNull();
    expect(ed().info?.draft_version).toBe(3);
    expect(fake.flows.get(ed().flowId!)?.name).toBe('Spring sale (Ann)');
  });

  it('a save made elsewhere is shown at once when nothing here is unsaved, and asks when something is', async () => {
    const id = ed().flowId!;
    await dc().check();
    expect(dc().conflict).toBeNull(); // nothing new
    fake.flows.set(id, { ...fake.flows.get(id)!, name: 'Marie’s name' });
    stored = { version: 2, by: 'Marie', at: new Date().toISOString() };
    await dc().check();
    expect(ed().meta?.name).toBe('Marie’s name');
    expect(toastTexts('en').some((t) => t.includes('Marie saved this funnel'))).toBe(true);
    // Now an unsaved change here and another save there: the notice asks.
    ed().setMeta({ name: 'Mine' });
    stored = { version: 3, by: 'Marie', at: new Date().toISOString() };
    await dc().check();
    expect(dc().conflict).toMatchObject({ flowId: id, stamp: { version: 3 } });
    await dc().loadTheirs();
    expect(dc().conflict).toBeNull();
    expect(ed().meta?.name).toBe('Marie’s name');
  });
});

describe('saves in a row', () => {
  it('a second save sent before the first returned goes on the version the first made, not refused as someone else’s', async () => {
    ed().setMeta({ name: 'Spring sale (1)' });
    const first = ed().save();
    ed().setMeta({ name: 'Spring sale (2)' });
    const second = ed().save();
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(bases).toEqual([1, 2]);
    expect(dc().conflict).toBeNull();
  });
});

describe('others’ saves heard from the server', () => {
  /** team is a fake workspace API whose listening link and changes the test drives. */
  const team = () => {
    const subs: { change?: (c: TeamChange) => void; watch?: (w: TeamWatch) => void } = {};
    const api = {
      teamWatch: async (): Promise<TeamWatch> => ({ listening: true, up: true, down_since: 0 }),
      onTeamChange: (cb: (c: TeamChange) => void) => ((subs.change = cb), () => (subs.change = undefined)),
      onTeamWatch: (cb: (w: TeamWatch) => void) => ((subs.watch = cb), () => (subs.watch = undefined)),
    } as unknown as WorkspaceApi;
    return { api, subs };
  };
  let prev: WorkspaceApi;
  let asked = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    asked = 0;
    const stamp = fake.draftStamp!;
    fake.draftStamp = async (id) => (asked++, stamp(id));
  });
  afterEach(() => {
    vi.useRealTimers();
    setWorkspaceApi(prev);
  });

  it('a save heard is shown at once; the stamp is asked for every few seconds only while the link is down, and a link down for long is said', async () => {
    const { api, subs } = team();
    prev = setWorkspaceApi(api);
    const stop = watchTeam();
    await vi.advanceTimersByTimeAsync(0); // the engine says its link is up
    await vi.advanceTimersByTimeAsync(DRAFT_POLL_MS * 3);
    expect(asked).toBe(0); // listening: nobody polls

    const id = ed().flowId!;
    fake.flows.set(id, { ...fake.flows.get(id)!, name: 'Marie’s name' });
    stored = { version: 2, by: 'Marie', at: new Date().toISOString() };
    subs.change?.({ kind: 'draft', flow: id, by: 'Marie' });
    await vi.advanceTimersByTimeAsync(0);
    expect(ed().meta?.name).toBe('Marie’s name');
    expect(asked).toBe(1);

    // The link drops: the stamp is asked for every few seconds, and after a while the window says so, once.
    subs.watch?.({ listening: true, up: false, down_since: Date.now() });
    await vi.advanceTimersByTimeAsync(DRAFT_POLL_MS * 2);
    expect(asked).toBe(3);
    await vi.advanceTimersByTimeAsync(WATCH_DOWN_NOTICE_MS - DRAFT_POLL_MS * 2 - 10);
    expect(toastTexts('en').some((t) => t.includes('live link'))).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(toastTexts('en').filter((t) => t.includes('live link'))).toHaveLength(1);
    expect(toastTexts('fr').some((t) => t.includes('lien en direct'))).toBe(true);

    // Back up: no more asking.
    subs.watch?.({ listening: true, up: true, down_since: 0 });
    const before = asked;
    await vi.advanceTimersByTimeAsync(DRAFT_POLL_MS * 3);
    expect(asked).toBe(before);
    // Someone publishes it: the top bar shows their version live; the draft's version loaded stays.
    const loaded = ed().info?.draft_version;
    const getFlow = fake.getFlow.bind(fake);
    fake.getFlow = async (i) => {
      const doc = await getFlow(i);
      return { ...doc, info: { ...doc.info, published_version: 4, enabled: true, draft_version: 9 } };
    };
    subs.change?.({ kind: 'published', flow: id });
    await vi.advanceTimersByTimeAsync(0);
    expect(ed().info?.published_version).toBe(4);
    expect(ed().info?.draft_version).toBe(loaded);
    // Someone deletes it: with a change not saved yet it stays (that save brings it back), and the notice says so;
    // with nothing unsaved it closes, saying why.
    fake.getFlow = async () => {
      throw new Error('flow not found');
    };
    ed().setMeta({ name: 'Mine, not saved yet' });
    subs.change?.({ kind: 'deleted', flow: id });
    await vi.advanceTimersByTimeAsync(0);
    expect(ed().flowId).toBe(id);
    expect(toastTexts('en').some((t) => t.includes('will bring it back'))).toBe(true);
    ed().load({ ...(await getFlow(id)), info: { ...ed().info!, draft_version: loaded } });
    subs.change?.({ kind: 'deleted', flow: id });
    await vi.advanceTimersByTimeAsync(0);
    expect(ed().flowId).toBeNull();
    expect(toastTexts('fr').some((t) => t.includes('il est fermé ici'))).toBe(true);
    stop();
    expect(subs.change).toBeUndefined();
  });
});
