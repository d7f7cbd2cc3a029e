import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_REFS, setRefsApi, type RefsApi } from '../../../api/refs';
import { refName, useRefs } from '../../../stores/refs';
import type { FakeBackend } from '../../../test/fakeBackend';
import { resetFunnels, type FakeFunnels } from '../../../test/fakeFunnels';
import { useEditor } from './editor';
import { importError, useFlows } from './flows';
import { PREF_LAST_FLOW, writePref } from '../../../stores/prefs';
import { toastText, useToasts } from '../../../stores/toasts';

let fake: FakeBackend;
let api: FakeFunnels;
const flows = () => useFlows.getState();
const lastToast = () => useToasts.getState().toasts.map((t) => ({ ...t, text: toastText(t, 'en') })).at(-1);

beforeEach(() => {
  ({ backend: fake, funnels: api } = resetFunnels());
});

describe('flows: start-up', () => {
  it('reopens the last funnel opened', async () => {
    await fake.createFlow('Alpha');
    await fake.createFlow('Beta');
    writePref(PREF_LAST_FLOW, 'beta');
    await flows().start();
    expect(useEditor.getState().flowId).toBe('beta');
  });

  it('opens the first usable funnel when the last one is gone', async () => {
    fake.damaged.set('aaa', 'flow aaa:1:1: broken');
    await fake.createFlow('Beta');
    writePref(PREF_LAST_FLOW, 'deleted');
    await flows().start();
    expect(useEditor.getState().flowId).toBe('beta');
  });

  it('opens nothing in an empty workspace', async () => {
    await flows().start();
    expect(useEditor.getState().flowId).toBeNull();
    expect(flows().loaded).toBe(true);
  });
});

describe('flows: the gallery', () => {
  it('loads the ready funnels once', async () => {
    await flows().loadGallery();
    await flows().loadGallery();
    expect(flows().gallery?.map((g) => g.id)).toEqual(['welcome', 'tiny']);
    expect(api.calls.filter((c) => c === 'gallery')).toHaveLength(1);
  });

  it('opens a ready funnel as a new draft', async () => {
    const id = await flows().createFromTemplate('welcome');
    expect(id).toBe('welcome-sequence');
    expect(useEditor.getState().meta?.name).toBe('Welcome sequence');
    expect(useEditor.getState().nodes.filter((n) => n.type === 'step')).toHaveLength(4);
    expect(flows().items.map((f) => f.id)).toEqual(['welcome-sequence']);
  });

  it('names the emails a ready funnel brought as soon as it opens, not “Missing email”', async () => {
    // The engine makes the template's emails with the funnel: the names
    // are read after the copy, before the cards are drawn.
    let made = false;
    const prev: RefsApi = setRefsApi({
      references: async () => ({ ...EMPTY_REFS, emails: made ? [{ key: 'welcome-1', name: 'Welcome email' }] : [] }),
      createList: async (n) => n,
      declareEventType: async (n) => n,
      addTeammate: async (name, email) => ({ key: 'tm_1', name, detail: email }),
    });
    try {
      useRefs.setState({ refs: EMPTY_REFS, version: 0, status: 'idle' });
      await useRefs.getState().refresh();
      made = true;
      await flows().createFromTemplate('welcome');
      expect(refName(useRefs.getState().refs, 'template', 'welcome-1', 'en')).toBe('Welcome email');
    } finally {
      setRefsApi(prev);
    }
  });

  it('says why a ready funnel could not be opened', async () => {
    expect(await flows().createFromTemplate('nope')).toBeNull();
    expect(lastToast()).toMatchObject({ kind: 'error', text: 'no funnel template "nope"' });
  });
});

describe('flows: duplicate, import, export', () => {
  it('duplicates a funnel under a new name and opens the copy', async () => {
    await flows().createFromTemplate('welcome');
    const id = await flows().duplicate('welcome-sequence');
    expect(id).toBe('welcome-sequence-copy');
    expect(fake.flows.get(id!)!.name).toBe('Welcome sequence (copy)');
    expect(fake.flows.get(id!)!.nodes).toHaveLength(4);
    expect(useEditor.getState().flowId).toBe(id);
    expect(flows().items).toHaveLength(2);
  });

  it('exports a funnel’s file, saving unsaved changes first', async () => {
    await flows().createFromTemplate('welcome');
    useEditor.getState().setLabel('hello', 'First email');
    const text = await flows().exportText('welcome-sequence');
    expect(JSON.parse(text!).nodes[1].label).toBe('First email');
  });

  it('imports a file as a new draft and opens it', async () => {
    await flows().createFromTemplate('welcome');
    const text = (await flows().exportText('welcome-sequence'))!;
    const id = await flows().importText('welcome.flow.json', text);
    expect(id).toBe('welcome-sequence-2');
    expect(useEditor.getState().flowId).toBe(id);
    expect(lastToast()).toMatchObject({ kind: 'success', text: '“Welcome sequence” was imported as a draft.' });
  });

  it('shows a syntax error with its line and column', async () => {
    expect(await flows().importText('broken.flow.json', '{\n "id": "x",,\n}')).toBeNull();
    expect(lastToast()).toMatchObject({
      kind: 'error',
      text: '“broken.flow.json” cannot be read: line 3, column 14: invalid character \',\' looking for beginning of object key string',
    });
    expect(importError('fr', 'a.flow.json', 'a.flow.json:2:5: unexpected end')).toBe('« a.flow.json » est illisible : ligne 2, colonne 5 : unexpected end');
    expect(importError('en', 'a.flow.json', 'flow "x": unknown node type')).toBe('“a.flow.json” cannot be imported: flow "x": unknown node type');
  });

  it('loads the links between funnels for the map', async () => {
    api.links = [{ from: 'a', node: 'go', to: 'b' }];
    await flows().loadLinks();
    expect(flows().links).toEqual([{ from: 'a', node: 'go', to: 'b' }]);
  });
});
