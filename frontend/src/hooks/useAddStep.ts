// Adding a step from the palette, by click or by drop.
import { useReactFlow, type XYPosition } from '@xyflow/react';
import { useCallback } from 'react';
import { DEFAULT_PORT, portsOf } from '../canvas/ports';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/layout';
import { specOf } from '../stores/catalogue';
import { useEditor } from '../stores/editor';

const GAP = 72;

/**
 * useAddStep returns addAt (drop at a screen point) and addNext (click): a
 * click puts the step under the selected step and links it from its first
 * free output, or in the middle of the view when nothing is selected.
 */
export function useAddStep() {
  const rf = useReactFlow();

  const addAt = useCallback(
    (type: string, screen: XYPosition) => {
      const p = rf.screenToFlowPosition(screen);
      return useEditor.getState().addNode(type, { x: p.x - NODE_WIDTH / 2, y: p.y - 24 });
    },
    [rf],
  );

  const addNext = useCallback(
    (type: string) => {
      const ed = useEditor.getState();
      if (!ed.meta) return null;
      const spec = specOf(type);
      const selected = ed.nodes.filter((n) => n.selected);
      const from = selected.length === 1 && selected[0]!.type === 'step' ? selected[0]! : undefined;
      if (from && from.type === 'step' && spec?.input) {
        const fromSpec = specOf(from.data.nodeType);
        const ports = fromSpec ? portsOf(fromSpec, from.data.config) : [];
        const index = ports.findIndex((p) => !ed.edges.some((e) => e.source === from.id && (e.sourceHandle || DEFAULT_PORT) === p.id));
        if (index >= 0) {
          const h = from.measured?.height ?? NODE_HEIGHT;
          const w = from.measured?.width ?? NODE_WIDTH;
          const spread = ports.length > 1 ? (index - (ports.length - 1) / 2) * (NODE_WIDTH + 40) : 0;
          const pos = free({ x: from.position.x + (w - NODE_WIDTH) / 2 + spread, y: from.position.y + h + GAP });
          const id = ed.addNode(type, pos, { nodeId: from.id, port: ports[index]!.id });
          if (id) reveal(pos);
          return id;
        }
      }
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      const centre = pane
        ? rf.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
        : { x: 0, y: 0 };
      const pos = free({ x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 });
      return ed.addNode(type, pos);
    },
    [rf],
  );

  // The nearest place at or around p where a new step covers no other node:
  // the same row first (right, then left), then the rows below.
  function free(p: XYPosition): XYPosition {
    const boxes = useEditor.getState().nodes.map((n) => ({
      x: n.position.x,
      y: n.position.y,
      w: n.measured?.width ?? NODE_WIDTH,
      h: n.measured?.height ?? NODE_HEIGHT,
    }));
    const margin = 24;
    const clear = (q: XYPosition) =>
      boxes.every((b) => q.x + NODE_WIDTH + margin <= b.x || b.x + b.w + margin <= q.x || q.y + NODE_HEIGHT + margin <= b.y || b.y + b.h + margin <= q.y);
    const stepX = NODE_WIDTH + 2 * margin;
    const stepY = NODE_HEIGHT + 2 * margin;
    for (let row = 0; row < 20; row++) {
      for (const col of [0, 1, -1, 2, -2]) {
        const q = { x: p.x + col * stepX, y: p.y + row * stepY };
        if (clear(q)) return q;
      }
    }
    return p;
  }

  // Pans so a new step is in view, keeping the zoom.
  function reveal(p: XYPosition) {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane) return;
    const { x, y, zoom } = rf.getViewport();
    const sx = p.x * zoom + x;
    const sy = p.y * zoom + y;
    if (sx < 0 || sy < 0 || sx + NODE_WIDTH * zoom > pane.width || sy + NODE_HEIGHT * zoom > pane.height) {
      void rf.setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, { zoom, duration: 200 });
    }
  }

  return { addAt, addNext };
}
