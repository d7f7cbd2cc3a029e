import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../../../test/fakeBackend';
import { resetAll } from '../../../test/helpers';
import { useEditor } from './editor';
import { useFlows } from './flows';
import { useToasts } from '../../../stores/toasts';

let fake: FakeBackend;
const flows = () => useFlows.getState();

beforeEach(() => {
  fake = resetAll();
});

describe('flows store', () => {
  it('lists flows, damaged ones with their error', async () => {
    await fake.createFlow('Welcome');
    fake.damaged.set('broken', 'flow broken:3:4: unknown key "nods"');
    await flows().load();
    expect(flows().items.map((f) => [f.id, f.error ?? ''])).toEqual([
      ['welcome', ''],
      ['broken', 'flow broken:3:4: unknown key "nods"'],
    ]);
  });

  it('creates a flow and opens it', async () => {
    const id = await flows().create('Abandoned cart');
    expect(id).toBe('abandoned-cart');
    expect(useEditor.getState().meta?.name).toBe('Abandoned cart');
    expect(flows().items.map((f) => f.id)).toEqual(['abandoned-cart']);
  });

  it('shows the engine’s refusal as a toast', async () => {
    fake.failNext('createFlow', 'give the funnel a name');
    expect(await flows().create(' ')).toBeNull();
    expect(useToasts.getState().toasts.at(-1)).toMatchObject({ kind: 'error', text: 'give the funnel a name' });
  });

  it('renames a closed flow by saving it, and an open one through the editor', async () => {
    await fake.createFlow('One');
    await flows().rename('one', 'Uno');
    expect(fake.flows.get('one')?.name).toBe('Uno');
    await flows().create('Two');
    await flows().rename('two', 'Dos');
    expect(useEditor.getState().meta?.name).toBe('Dos');
    expect(fake.flows.get('two')?.name).toBe('Dos');
    expect(flows().items.map((f) => f.name).sort()).toEqual(['Dos', 'Uno']);
  });

  it('deletes a flow and closes it when open', async () => {
    await flows().create('Gone');
    expect(await flows().remove('gone')).toBe(true);
    expect(useEditor.getState().meta).toBeNull();
    expect(flows().items).toEqual([]);
  });
});
