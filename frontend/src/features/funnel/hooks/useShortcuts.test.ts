import { beforeEach, describe, expect, it } from 'vitest';
import { useEditor } from '../stores/editor';
import { resetAll } from '../../../test/helpers';
import { handleShortcut } from './useShortcuts';
import { useFunnelUi } from '../screen/ui';
import { cancelDelete, confirmDelete, mustAsk } from '../screen/deleting';

function key(k: string, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'shiftKey' | 'metaKey'>> = {}, target: EventTarget = document.body) {
  const e = new KeyboardEvent('keydown', { key: k, ...mods });
  Object.defineProperty(e, 'target', { value: target });
  return handleShortcut(e);
}

const ids = () => useEditor.getState().nodes.map((n) => n.id);

beforeEach(async () => {
  const fake = resetAll();
  useEditor.getState().load(await fake.createFlow('K'));
  useEditor.getState().addNode('trigger.manual', { x: 0, y: 0 });
});

describe('keyboard shortcuts', () => {
  it('undo, redo, duplicate, copy and paste, delete', () => {
    expect(key('d', { ctrlKey: true })).toBe(true);
    expect(ids()).toEqual(['manual-1', 'manual-2']);
    key('z', { ctrlKey: true });
    expect(ids()).toEqual(['manual-1']);
    key('Z', { ctrlKey: true, shiftKey: true });
    expect(ids()).toEqual(['manual-1', 'manual-2']);
    useEditor.getState().select(['manual-1']);
    key('c', { ctrlKey: true });
    key('v', { ctrlKey: true });
    expect(ids()).toEqual(['manual-1', 'manual-2', 'manual-3']);
    key('Delete');
    expect(ids()).toEqual(['manual-1', 'manual-2']);
    key('y', { ctrlKey: true });
  });

  it('leave text fields their own keys, except Ctrl+S', () => {
    const input = document.createElement('input');
    expect(key('z', { ctrlKey: true }, input)).toBe(false);
    expect(key('Backspace', {}, input)).toBe(false);
    expect(ids()).toEqual(['manual-1']);
    expect(key('s', { ctrlKey: true }, input)).toBe(true);
  });

  it('do nothing with no flow open', () => {
    useEditor.getState().close();
    expect(key('z', { ctrlKey: true })).toBe(false);
  });

  it('asks before deleting more than three steps, or every step; Undo still brings them back', () => {
    for (let i = 0; i < 4; i++) useEditor.getState().addNode('action.tag_add', { x: 0, y: 100 * (i + 1) });
    expect(ids()).toHaveLength(5);
    key('a', { ctrlKey: true });
    key('Backspace');
    expect(useFunnelUi.getState().deleting).toBe(5);
    expect(ids()).toHaveLength(5);
    cancelDelete();
    expect(useFunnelUi.getState().deleting).toBe(0);
    expect(ids()).toHaveLength(5);
    key('Delete');
    confirmDelete();
    expect(ids()).toEqual([]);
    key('z', { ctrlKey: true });
    expect(ids()).toHaveLength(5);
    // Three of five go without a question.
    useEditor.getState().select(ids().slice(0, 3));
    key('Delete');
    expect(useFunnelUi.getState().deleting).toBe(0);
    expect(ids()).toHaveLength(2);
  });

  it('asks for all of a small funnel but not for one step', () => {
    expect(mustAsk(4, 10)).toBe(true);
    expect(mustAsk(3, 10)).toBe(false);
    expect(mustAsk(2, 2)).toBe(true);
    expect(mustAsk(1, 1)).toBe(false);
  });
});
