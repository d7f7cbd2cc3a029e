// Deleting the selection: a few steps go at once (Undo brings them back);
// more than a few, or every step of the funnel, are asked about first —
// Ctrl+A then Backspace used to empty a funnel without a word.
import { useEditor } from '../stores/editor';
import { useFunnelUi } from './ui';

/** ASK_OVER is the number of selected steps above which a delete asks first. */
export const ASK_OVER = 3;

/**
 * mustAsk tells whether deleting `selected` steps out of `total` asks first:
 * more than ASK_OVER, or all of them when there are at least two.
 */
export function mustAsk(selected: number, total: number): boolean {
  return selected > ASK_OVER || (selected >= 2 && selected === total);
}

/** requestDelete deletes the selection, or asks first (useFunnelUi.deleting) when mustAsk. */
export function requestDelete(): void {
  const { nodes } = useEditor.getState();
  const steps = nodes.filter((n) => n.type === 'step');
  const selected = steps.filter((n) => n.selected).length;
  if (mustAsk(selected, steps.length)) useFunnelUi.setState({ deleting: selected });
  else useEditor.getState().deleteSelected();
}

/** confirmDelete answers yes: the selection goes (Undo still restores it). */
export function confirmDelete(): void {
  useFunnelUi.setState({ deleting: 0 });
  useEditor.getState().deleteSelected();
}

/** cancelDelete answers no: nothing changes. */
export function cancelDelete(): void {
  useFunnelUi.setState({ deleting: 0 });
}
