import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AddStepMenu } from '../canvas/AddStepMenu';
import { openAddMenu, useAddMenu } from '../canvas/addMenu';
import { nodeTypes } from '../canvas/nodeTypes';
import { useEditor } from '../stores/editor';
import { useFlows } from '../stores/flows';
import { resetFunnels } from '../../../test/fakeFunnels';
import { mapGraph } from './FlowsMap';
import { tn } from './plural';

// A loaded machine runs these slower than the 1 s default wait.

beforeEach(() => {
  resetFunnels();
});

const info = (id: string, live = 0) => ({ id, name: id.toUpperCase(), published_version: live, enabled: false, updated_at: '' });

describe('the map of funnels', () => {
  it('puts a funnel right of the funnels sending it contacts, one arrow per pair', () => {
    const g = mapGraph(
      [info('a', 1), info('b'), info('c')],
      [
        { from: 'a', node: 'go1', to: 'b' },
        { from: 'a', node: 'go2', to: 'b' },
        { from: 'b', node: 'go', to: 'c' },
        { from: 'c', node: 'back', to: 'a' },
        { from: 'c', node: 'lost', to: 'gone' },
      ],
      'b',
    );
    const x = Object.fromEntries(g.nodes.map((n) => [n.id, n.position.x]));
    expect(x.b).toBeGreaterThan(x.a!);
    expect(x.c).toBeGreaterThan(x.b!);
    expect(g.nodes.find((n) => n.id === 'gone')?.data.missing).toBe(true);
    expect(g.nodes.find((n) => n.id === 'b')?.data.open).toBe(true);
    expect(g.edges.map((e) => [e.id, e.label])).toEqual([
      ['a->b', '×2'],
      ['b->c', undefined],
      ['c->a', undefined],
      ['c->gone', undefined],
    ]);
  });
});

describe('the mini palette of the “+”', () => {
  it('lists the steps that can follow, searches, and inserts the one picked after the output', async () => {
    await useFlows.getState().createFromTemplate('welcome');
    render(
      <ReactFlowProvider>
        <div style={{ width: 800, height: 600 }}>
          <ReactFlow nodes={useEditor.getState().nodes} edges={useEditor.getState().edges} nodeTypes={nodeTypes}>
            <AddStepMenu />
          </ReactFlow>
        </div>
      </ReactFlowProvider>,
    );
    act(() => openAddMenu({ nodeId: 'bye', port: 'next', x: 100, y: 100 }));
    act(() => openAddMenu({ nodeId: 'hello', port: 'next', x: 100, y: 100 }));
    const menu = screen.getByTestId('add-menu');
    expect(menu.querySelector('[data-testid="add-trigger.list_joined"]')).toBeNull();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'tag' } });
    fireEvent.click(screen.getByTestId('add-action.tag_add'));
    expect(useAddMenu.getState().request).toBeNull();
    const edges = useEditor.getState().edges;
    expect(edges.some((e) => e.source === 'hello' && e.target === 'tag-add-1')).toBe(true);
    expect(edges.some((e) => e.source === 'tag-add-1' && e.target === 'wait')).toBe(true);
  });

  it('closes with Escape, and picks with the keyboard', async () => {
    await useFlows.getState().createFromTemplate('welcome');
    render(
      <ReactFlowProvider>
        <AddStepMenu />
      </ReactFlowProvider>,
    );
    act(() => openAddMenu({ nodeId: 'wait', port: 'next', x: 10, y: 10 }));
    fireEvent.keyDown(screen.getByTestId('add-menu'), { key: 'Escape' });
    expect(screen.queryByTestId('add-menu')).toBeNull();
    act(() => openAddMenu({ nodeId: 'wait', port: 'next', x: 10, y: 10 }));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'remove a tag' } });
    fireEvent.keyDown(screen.getByTestId('add-menu'), { key: 'Enter' });
    expect(useEditor.getState().nodes.some((n) => n.type === 'step' && n.data.nodeType === 'action.tag_remove')).toBe(true);
  });
});

describe('plurals', () => {
  it('picks one or other by the language’s rule', () => {
    expect(tn('en', 'gallery.steps', 1)).toBe('1 step');
    expect(tn('en', 'gallery.steps', 0)).toBe('0 steps');
    expect(tn('fr', 'gallery.steps', 0)).toBe('0 étape');
    expect(tn('en', 'gallery.steps', 1200)).toBe('1,200 steps');
  });
});
