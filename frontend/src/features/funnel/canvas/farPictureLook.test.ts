// The far-out picture names and tints each step as the far-out card does,
// in the UI's language.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetAll } from '../../../test/helpers';
import { useCatalogue } from '../../../stores/catalogue';
import { lookFor } from './FarPicture';
import type { CanvasNode } from './types';

const step = (id: string, nodeType: string, label?: string) => ({ id, type: 'step', position: { x: 0, y: 0 }, data: { nodeType, config: {}, label } }) as unknown as CanvasNode;

beforeEach(async () => {
  resetAll();
  await useCatalogue.getState().load();
});

describe('the far-out picture’s look', () => {
  it('names a step by its own name, else by its kind in the UI’s language, tinted with its kind’s colour', () => {
    const en = lookFor('en', () => undefined);
    const fr = lookFor('fr', () => undefined);
    const spec = useCatalogue.getState().byType['action.send_email']!;
    expect(en(step('a', 'action.send_email'))).toEqual({ fill: '#ede9fe', line: '#7c3aed', name: spec.title.en });
    expect(fr(step('a', 'action.send_email'))!.name).toBe(spec.title.fr);
    expect(spec.title.fr).not.toBe(spec.title.en);
    expect(fr(step('a', 'action.send_email', 'Bienvenue'))!.name).toBe('Bienvenue');
  });

  it('says how many reached a step when the canvas shows numbers', () => {
    expect(lookFor('fr', (id) => (id === 'a' ? 1200 : undefined))(step('a', 'wait.delay', 'Attendre'))!.name).toMatch(/^1\s?200 · Attendre$/);
  });
});
