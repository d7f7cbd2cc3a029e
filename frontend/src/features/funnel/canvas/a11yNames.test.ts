import { beforeEach, describe as group, expect, it } from 'vitest';
import { resetAll } from '../../../test/helpers';
import { describe, linkName, moveFrom, outline, stepNames } from './a11yNames';
import type { CanvasEdge, CanvasNode } from './types';

function step(id: string, nodeType: string, y: number, config: Record<string, unknown> = {}, label?: string, x = 0): CanvasNode {
  return { id, type: 'step', position: { x, y }, data: { nodeType, config, ...(label ? { label } : {}) } } as CanvasNode;
}
function link(source: string, target: string, sourceHandle?: string): CanvasEdge {
  return { id: `${source}-${sourceHandle ?? 'next'}-${target}`, source, target, sourceHandle: sourceHandle ?? null } as CanvasEdge;
}

// The welcome sequence, drawn out of order in the array (reading order
// comes from the links, not from where the steps were added).
const nodes: CanvasNode[] = [
  step('email-2', 'action.send_email', 400, {}, 'Second nudge', -100),
  step('trigger', 'trigger.contact_created', 0),
  step('opened', 'condition.email_engagement', 300, { email_node: 'email-1' }),
  step('email-1', 'action.send_email', 100, {}, 'Welcome'),
  step('wait', 'wait.delay', 200, { duration: '2d' }),
  step('goal', 'action.exit', 400, {}, undefined, 100),
];
const edges: CanvasEdge[] = [
  link('trigger', 'email-1'),
  link('email-1', 'wait'),
  link('wait', 'opened'),
  link('opened', 'goal', 'no'),
  link('opened', 'email-2', 'yes'),
];

beforeEach(() => {
  resetAll();
});

group('outline', () => {
  it('reads from the start along the links, Yes before No', () => {
    expect(outline(nodes, edges).order).toEqual(['trigger', 'email-1', 'wait', 'opened', 'email-2', 'goal']);
  });

  it('puts a step nothing leads to after the paths from higher starts, and reaches a loop', () => {
    const loop = [...nodes, step('a', 'wait.delay', 900), step('b', 'wait.delay', 950)];
    const o = outline(loop, [...edges, link('a', 'b'), link('b', 'a')]);
    expect(o.order.slice(-2)).toEqual(['a', 'b']);
    expect(o.order).toHaveLength(8);
  });
});

group('stepNames', () => {
  it('names each step by place, plain words and what comes before, never by id', () => {
    const names = stepNames(nodes, edges, 'en');
    expect(names.get('trigger')).toBe('Step 1 of 6: When a contact signs up');
    expect(names.get('wait')).toBe('Step 3 of 6: Wait 2 days, after Welcome');
    expect(names.get('opened')).toBe('Step 4 of 6: Opened “Welcome”?, after Wait 2 days');
    expect(names.get('email-2')).toMatch(/^Step 5 of 6: Second nudge \(Send “…”\), after Opened “Welcome”\?, branch Yes$/);
    for (const name of names.values()) expect(name).not.toMatch(/email-1|email-2|trigger|opened/);
  });

  it('speaks French in French', () => {
    const names = stepNames(nodes, edges, 'fr');
    expect(names.get('wait')).toBe('Étape 3 sur 6 : Attendre 2 jours, après Welcome');
    expect(names.get('goal')).toMatch(/^Étape 6 sur 6 : .*, après A ouvert « Welcome » \?, branche Non$/);
  });
});

group('linkName', () => {
  it('names a link by its ends and its branch', () => {
    expect(linkName(nodes, link('wait', 'opened'), 'en')).toBe('From Wait 2 days to Opened “Welcome”?');
    expect(linkName(nodes, link('opened', 'email-2', 'yes'), 'en')).toBe('From Opened “Welcome”? to Second nudge, branch Yes');
    expect(linkName(nodes, link('opened', 'email-2', 'yes'), 'fr')).toBe('De A ouvert « Welcome » ? à Second nudge, branche Oui');
  });

  it('describe names every link of the funnel', () => {
    const d = describe(nodes, edges, 'en');
    expect([...d.links.values()]).toHaveLength(5);
    expect(d.links.get('trigger-next-email-1')).toBe('From When a contact signs up to Welcome');
  });
});

group('moveFrom', () => {
  const o = outline(nodes, edges);
  it('goes down to the next step and up to the one before', () => {
    expect(moveFrom(o, 'trigger', 'next')).toBe('email-1');
    expect(moveFrom(o, 'opened', 'next')).toBe('email-2');
    expect(moveFrom(o, 'email-2', 'previous')).toBe('opened');
    expect(moveFrom(o, 'trigger', 'previous')).toBeUndefined();
  });
  it('goes across the branches of one step', () => {
    expect(moveFrom(o, 'email-2', 'right')).toBe('goal');
    expect(moveFrom(o, 'goal', 'left')).toBe('email-2');
    expect(moveFrom(o, 'goal', 'right')).toBeUndefined();
    expect(moveFrom(o, 'wait', 'left')).toBeUndefined();
  });
  it('goes on in reading order at the end of a path, and to the ends with Home and End', () => {
    expect(moveFrom(o, 'email-2', 'next')).toBe('goal');
    expect(moveFrom(o, 'goal', 'next')).toBeUndefined();
    expect(moveFrom(o, 'wait', 'first')).toBe('trigger');
    expect(moveFrom(o, 'trigger', 'last')).toBe('goal');
    expect(moveFrom(o, undefined, 'next')).toBe('trigger');
  });
});
