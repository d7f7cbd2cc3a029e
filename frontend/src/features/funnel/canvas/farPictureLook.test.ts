// The far-out picture draws each step as the still far-out card does
// (styles.css's tiny band), in the UI's language: the look must not change
// when a move starts or stops.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetAll } from '../../../test/helpers';
import { useCatalogue } from '../../../stores/catalogue';
import { lookFor, type LookState } from './FarPicture';
import type { CanvasNode } from './types';

const step = (id: string, nodeType: string, label?: string, config: Record<string, unknown> = {}) =>
  ({ id, type: 'step', position: { x: 0, y: 0 }, data: { nodeType, config, label } }) as unknown as CanvasNode;

const none: LookState = { nodes: [], decor: {}, issuesByNode: {}, path: null };

beforeEach(async () => {
  resetAll();
  await useCatalogue.getState().load();
});

describe('the far-out picture’s look', () => {
  it('names a step as the card does: its own name, else what it does, else its kind, in the UI’s language, on its kind’s tint with the plain border', () => {
    const en = lookFor('en', () => none);
    const fr = lookFor('fr', () => none);
    const spec = useCatalogue.getState().byType['action.send_email']!;
    expect(en(step('a', 'action.send_email', 'Welcome'))).toEqual({ fill: '#ede9fe', line: '#cbd5e1', name: 'Welcome' });
    expect(fr(step('a', 'action.send_email', 'Bienvenue'))!.name.replace(/\u00ad/g, '')).toBe('Bienvenue');
    // What it does, in words: "Wait 2 days", "Attendre 2 jours".
    expect(en(step('w', 'wait.delay', undefined, { duration: '2d' }))!.name).toBe('Wait 2 days');
    expect(fr(step('w', 'wait.delay', undefined, { duration: '2d' }))!.name).toBe('Attendre 2 jours');
    expect(en(step('w', 'wait.delay', undefined, { duration: '2d' }))!.fill).toBe('#fef3c7');
    expect(spec.title.fr).not.toBe(spec.title.en);
    // A kind the catalogue does not know: dashed, named as unknown, never by an id alone.
    expect(en(step('x', 'no.such'))).toMatchObject({ dashed: true });
  });

  it('breaks a word too wide for a line between its syllables, as the card does', () => {
    const name = lookFor('fr', () => none)(step('a', 'wait.delay', 'Réengagement confirmation'))!.name;
    expect(name.replace(/\u00ad/g, '')).toBe('Réengagement confirmation');
    expect(name).toContain('\u00ad');
  });

  it('carries the counts above a step, its problem badge and its place on a path, and fades the steps off the path', () => {
    const state: LookState = {
      nodes: [],
      decor: { a: { numbers: { entered: 1200, waiting: 3, errors: 0 }, pathIndex: 2 }, b: { failure: { count: 4, reason: 'smtp', text: '' } } } as unknown as LookState['decor'],
      issuesByNode: { b: [{ severity: 'error', code: 'x', message: 'x' }] } as unknown as LookState['issuesByNode'],
      path: { edges: [] } as unknown as LookState['path'],
    };
    const fr = lookFor('fr', () => state);
    const a = fr(step('a', 'wait.delay', 'Attendre'))!;
    expect(a.pills?.map((p) => p.text.replace(/\s/g, ' '))).toEqual(['1 200', '3']);
    expect(a).toMatchObject({ index: 2, border: '#0d9488' });
    expect(a.faded).toBeUndefined();
    const b = fr(step('b', 'wait.delay', 'Relance'))!;
    expect(b.badge).toEqual({ text: '1', fill: '#b91c1c' });
    expect(b.pills?.map((p) => p.text)).toEqual(['4 en échec']);
    expect(b.faded).toBe(true);
    expect(lookFor('en', () => state)(step('b', 'wait.delay', 'Nudge'))!.pills?.[0]!.text).toBe('4 failed');
  });
});
