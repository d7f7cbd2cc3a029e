// Adding a step from the palette, by click or by drop.
import { useReactFlow, type XYPosition } from '@xyflow/react';
import { useCallback } from 'react';
import { DEFAULT_PORT, portsOf } from '../canvas/ports';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/layout';
import { freeSpot, nextTo } from '../canvas/place';
import { freeArea, revealStep } from '../canvas/viewports';
import { specOf } from '../../../stores/catalogue';
import { useEditor } from '../stores/editor';
import { focusStep } from '../canvas/keyboard';

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
      const id = useEditor.getState().addNode(type, { x: p.x - NODE_WIDTH / 2, y: p.y - 24 });
      // The keyboard goes to the new step (issue #22).
      if (id) focusStep(id);
      return id;
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
          const pos = free(nextTo(from, index, ports.length, ed.direction()));
          const id = ed.addNode(type, pos, { nodeId: from.id, port: ports[index]!.id });
          if (id) {
            reveal(pos);
            focusStep(id);
          }
          return id;
        }
      }
      // Nothing selected: in the middle of the part of the canvas no overlay covers.
      const pane = document.querySelector('.fp-canvas .react-flow')?.getBoundingClientRect();
      const area = freeArea();
      const centre =
        pane && area
          ? rf.screenToFlowPosition({ x: pane.left + (area.left + area.right) / 2, y: pane.top + (area.top + area.bottom) / 2 })
          : { x: 0, y: 0 };
      const pos = free({ x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 });
      const id = ed.addNode(type, pos);
      // Moved aside by a step already there: still in view.
      if (id) {
        reveal(pos);
        focusStep(id);
      }
      return id;
    },
    [rf],
  );

  function free(p: XYPosition): XYPosition {
    return freeSpot(useEditor.getState().nodes, p);
  }

  // Pans so a new step is in view and clear of the overlays, keeping the zoom.
  function reveal(p: XYPosition) {
    revealStep(rf, p, { width: NODE_WIDTH, height: NODE_HEIGHT });
  }

  return { addAt, addNext };
}
