import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetAll } from '../../../test/helpers';
import { useEditor } from '../stores/editor';
import { useSettings } from '../../../stores/settings';
import { nodeTypes } from './nodeTypes';
import { nodeName, renderStats } from './StepNodeView';
import type { CanvasNode } from './types';
import { act } from 'react';
import { closeAddMenu, useAddMenu } from './addMenu';
import { useRefs } from '../../../stores/refs';
import { EMPTY_REFS } from '../../../api/refs';

function step(id: string, nodeType: string, config: Record<string, unknown> = {}, extra: Partial<CanvasNode> = {}): CanvasNode {
  return { id, type: 'step', position: { x: 0, y: 0 }, data: { nodeType, config }, ...extra } as CanvasNode;
}

function draw(nodes: CanvasNode[]) {
  return render(
    <ReactFlowProvider>
      <div style={{ width: 800, height: 600 }}>
        <ReactFlow nodes={nodes} edges={[]} nodeTypes={nodeTypes} />
      </div>
    </ReactFlowProvider>,
  );
}

function handles(id: string) {
  const node = screen.getByTestId(`node-${id}`);
  return {
    node,
    inputs: node.querySelectorAll('.react-flow__handle.target'),
    outputs: [...node.querySelectorAll<HTMLElement>('.react-flow__handle.source')].map((h) => h.dataset.handleid),
    labels: [...node.querySelectorAll('.fp-port-label')].map((l) => l.textContent),
  };
}

beforeEach(() => {
  resetAll();
});

describe('the generic step node', () => {
  it('is called by its label, else its title, numbered among unnamed steps of its kind, never by its id', () => {
    const nodes = [step('email-1', 'action.send_email'), step('list-joined-1', 'trigger.list_joined'), step('email-2', 'action.send_email'), step('email-3', 'action.send_email', {}, { data: { nodeType: 'action.send_email', config: {}, label: 'Say hello' } } as Partial<CanvasNode>)];
    expect(nodeName({ nodes }, 'list-joined-1', 'en')).toBe('Joins a list');
    expect(nodeName({ nodes }, 'email-1', 'en')).toBe('Send an email 1');
    expect(nodeName({ nodes }, 'email-2', 'fr')).toBe('Envoyer un courriel 2');
    expect(nodeName({ nodes }, 'email-3', 'en')).toBe('Say hello');
    // An unnamed email step is called by the email it sends, once the workspace's emails are known.
    const withEmail = [...nodes, step('email-4', 'action.send_email', { template: 'welcome-1' })];
    useRefs.setState({ refs: { ...EMPTY_REFS, emails: [{ key: 'welcome-1', name: 'Welcome email' }] } });
    expect(nodeName({ nodes: withEmail }, 'email-4', 'en')).toBe('Welcome email');
    expect(nodeName({ nodes: withEmail }, 'email-1', 'en')).toBe('Send an email 1');
    useRefs.setState({ refs: EMPTY_REFS });
  });

  it('tells unnamed steps of one kind apart by what their cards say they do, not by a number', () => {
    const nodes = [step('wait-1', 'wait.delay', { duration: '3d' }), step('wait-2', 'wait.delay', { duration: '90m' })];
    expect(nodeName({ nodes }, 'wait-1', 'en')).toBe('Wait 3 days');
    expect(nodeName({ nodes }, 'wait-2', 'fr')).toBe('Attendre 90 minutes');
  });

  it('carries the words its zoomed-out card draws: its label, else what it does, else its kind', () => {
    draw([
      step('w', 'wait.delay', { duration: '2d' }),
      step('n', 'action.send_email', {}, { data: { nodeType: 'action.send_email', config: {}, label: 'Say hello' } } as Partial<CanvasNode>),
      step('x', 'exit'),
    ]);
    expect(screen.getByTestId('node-w').dataset.title).toBe('Wait 2 days');
    expect(screen.getByTestId('node-n').dataset.title).toBe('Say hello');
    expect(screen.getByTestId('node-x').dataset.title).toBeTruthy();
    expect(screen.getByTestId('node-x').dataset.title).not.toContain('exit');
  });

  it('draws Yes and No outputs for a condition, with an input', () => {
    draw([step('c', 'condition.tag', { tag: 'vip' })]);
    const h = handles('c');
    expect(h.inputs).toHaveLength(1);
    expect(h.outputs).toEqual(['yes', 'no']);
    expect(h.labels).toEqual(['Yes', 'No']);
    expect(within(h.node).getByText('Tagged vip?')).toBeInTheDocument();
  });

  it('draws no input on a trigger and one unlabelled output', () => {
    draw([step('t', 'trigger.list_joined', { list: 'newsletter' })]);
    const h = handles('t');
    expect(h.inputs).toHaveLength(0);
    expect(h.outputs).toEqual(['next']);
    expect(h.labels).toEqual([]);
    expect(within(h.node).getByText('When a contact joins newsletter')).toBeInTheDocument();
  });

  it('draws Met and Timed out on a wait for an event, and nothing on an exit', () => {
    draw([step('w', 'wait.event', { event_type: 'purchase' }), step('x', 'exit')]);
    expect(handles('w').outputs).toEqual(['met', 'timeout']);
    expect(handles('x').outputs).toEqual([]);
    expect(handles('x').inputs).toHaveLength(1);
  });

  it('draws one output per split branch with its share, and per case plus Other', () => {
    draw([
      step('ab', 'split.random', {
        branches: [
          { id: 'a', label: 'A', percent: 20 },
          { id: 'b', label: 'B', percent: 30 },
          { id: 'c', label: 'Control', percent: 50 },
        ],
      }),
      step('sf', 'split.field', { field: 'country', cases: ['FR', 'US'] }),
    ]);
    expect(handles('ab').outputs).toEqual(['a', 'b', 'c']);
    expect(handles('ab').labels).toEqual(['A (20%)', 'B (30%)', 'Control (50%)']);
    expect(handles('sf').outputs).toEqual(['other', 'case_fr', 'case_us']);
    expect(handles('sf').labels).toEqual(['Other', 'FR', 'US']);
  });

  it('shows its problems as a badge, red for errors', () => {
    useEditor.setState({
      issuesByNode: { e: [{ node_id: 'e', field: 'template', severity: 'error', code: 'required', message: 'Email is required' }] },
    });
    draw([step('e', 'action.send_email')]);
    const badge = screen.getByTestId('node-problems-e');
    expect(badge).toHaveTextContent('1');
    expect(badge).toHaveClass('is-error');
    expect(badge.getAttribute('title')).toBe('Email is required');
  });

  it('shows the user’s label, the numbers when an overlay fills them, and speaks French', () => {
    act(() => useSettings.setState({ lang: 'fr' }));
    act(() => useEditor.getState().setOverlay({ source: 'live', nodes: { d: { entered: 1200, waiting: 3, errors: 0 } }, edges: {} }));
    draw([step('d', 'wait.delay', { duration: '2d' }, { data: { nodeType: 'wait.delay', config: { duration: '2d' }, label: 'Pause' } } as Partial<CanvasNode>)]);
    const node = screen.getByTestId('node-d');
    expect(within(node).getByText('Pause')).toBeInTheDocument();
    expect(within(node).getByText('Attendre 2 jours')).toBeInTheDocument();
    const numbers = screen.getByTestId('numbers-d');
    expect(numbers.querySelector('[data-num=entered]')?.textContent).toMatch(/1\s?200/);
    expect(numbers.querySelector('[data-num=waiting]')?.textContent).toBe('3');
    expect(numbers.querySelector('[data-num=errors]')).toBeNull();
  });

  it('hides the numbers when “Show numbers” is off, and shows a step’s place on a path', () => {
    act(() => {
      useEditor.getState().setOverlay({ source: 'live', nodes: { d: { entered: 5, waiting: 0, errors: 1 } }, edges: {} });
      useEditor.getState().setShowNumbers(false);
      useEditor.getState().setPath({ nodes: ['x', 'd'], edges: [] });
    });
    draw([step('d', 'wait.delay', { duration: '2d' })]);
    expect(screen.queryByTestId('numbers-d')).toBeNull();
    expect(screen.getByTestId('node-d')).toHaveClass('is-on-path');
    expect(screen.getByTestId('path-index-d')).toHaveTextContent('2');
    act(() => useEditor.getState().setShowNumbers(true));
    expect(screen.getByTestId('numbers-d').querySelector('[data-num=errors]')?.textContent).toBe('1');
  });

  it('offers a “+” under every output of a hovered step that opens the mini palette for that output', () => {
    draw([step('c', 'condition.tag', { tag: 'vip' })]);
    fireEvent.mouseEnter(screen.getByTestId('node-c'));
    expect(screen.getByTestId('plus-c-yes')).toBeInTheDocument();
    act(() => screen.getByTestId('plus-c-no').click());
    expect(useAddMenu.getState().request).toMatchObject({ nodeId: 'c', port: 'no' });
    act(() => closeAddMenu());
  });

  it('puts the “+” in the page only while hovered or selected, or under an unlinked output', () => {
    vi.useFakeTimers();
    try {
      useEditor.setState({
        issuesByNode: { o: [{ node_id: 'o', port: 'no', severity: 'warning', code: 'port_unconnected', message: 'No is not linked' }] },
      });
      draw([step('c', 'condition.tag', { tag: 'vip' }), step('s', 'condition.tag', { tag: 'vip' }, { selected: true }), step('o', 'condition.tag', { tag: 'vip' })]);
      expect(screen.queryByTestId('plus-c-yes')).toBeNull();
      expect(screen.getByTestId('plus-s-yes')).toBeInTheDocument();
      expect(screen.queryByTestId('plus-o-yes')).toBeNull();
      expect(screen.getByTestId('plus-o-no')).toHaveClass('is-open');

      const node = screen.getByTestId('node-c');
      fireEvent.mouseEnter(node);
      expect(screen.getByTestId('plus-c-yes')).toBeInTheDocument();
      // Leaving keeps it a moment, so the pointer can cross to it.
      fireEvent.mouseLeave(node);
      expect(screen.getByTestId('plus-c-yes')).toBeInTheDocument();
      act(() => void vi.advanceTimersByTime(1000));
      expect(screen.queryByTestId('plus-c-yes')).toBeNull();
      // A pointer dragging something across is no hover.
      fireEvent.mouseEnter(node, { buttons: 1 });
      expect(screen.queryByTestId('plus-c-yes')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('has no shadow class unless selected', () => {
    draw([step('s', 'exit', {}, { selected: true }), step('n', 'exit')]);
    expect(screen.getByTestId('node-s')).toHaveClass('is-selected');
    expect(screen.getByTestId('node-n')).not.toHaveClass('is-selected');
  });

  it('renders again for its data or selection, not when moved', () => {
    const a = step('a', 'wait.delay', { duration: '1d' });
    const labelled = step('a', 'wait.delay', { duration: '1d' }, { data: { nodeType: 'wait.delay', config: { duration: '1d' }, label: 'Pause' } } as Partial<CanvasNode>);
    const view = (nodes: CanvasNode[]) => (
      <ReactFlowProvider>
        <div style={{ width: 800, height: 600 }}>
          <ReactFlow nodes={nodes} edges={[]} nodeTypes={nodeTypes} />
        </div>
      </ReactFlowProvider>
    );
    const { rerender } = render(view([a]));
    const after = renderStats.count;
    rerender(view([{ ...a, position: { x: 120, y: 48 } }]));
    expect(renderStats.count).toBe(after);
    rerender(view([{ ...a, position: { x: 120, y: 48 }, selected: true }]));
    expect(renderStats.count).toBe(after + 1);
    rerender(view([{ ...labelled, position: { x: 120, y: 48 }, selected: true }]));
    expect(renderStats.count).toBe(after + 2);
  });
});

describe('a step drawn lite while a funnel reopened far out opens', () => {
  it('is its far-out box: tint, name, the same dots as the full card, none of its words or buttons', () => {
    const check = step('c', 'condition.tag', { tag: 'vip' });
    draw([
      { ...step('w', 'wait.delay', { duration: '2d' }), data: { nodeType: 'wait.delay', config: { duration: '2d' }, lite: true } } as CanvasNode,
      { ...check, data: { ...(check.data as object), lite: true } } as CanvasNode,
      step('full', 'condition.tag', { tag: 'vip' }),
    ]);
    const w = handles('w');
    expect(w.node.classList.contains('is-lite')).toBe(true);
    expect(w.node.dataset.title).toBe('Wait 2 days');
    expect(w.node.classList.contains('fp-cat-wait')).toBe(true);
    expect(w.inputs).toHaveLength(1);
    expect(w.outputs).toEqual(['next']);
    expect(w.node.querySelector('.fp-node-head, .fp-node-summary, .fp-port-label, button')).toBeNull();
    expect(w.node.style.height).toBe('74px');
    // A check's outputs are where its full card has them.
    expect(handles('c').outputs).toEqual(handles('full').outputs);
    expect(handles('c').node.style.height).toBe('108px');
    expect(handles('full').node.classList.contains('is-lite')).toBe(false);
  });
});
