// The mini palette opened by the "+" under a step's output: which output,
// and where on the screen. Kept apart from the editor so opening it
// re-renders no step.
import { create } from 'zustand';

/** AddMenuRequest is an open mini palette: after output `port` of `nodeId`, at screen point (x, y). */
export interface AddMenuRequest {
  nodeId: string;
  port: string;
  x: number;
  y: number;
}

interface AddMenuState {
  request: AddMenuRequest | null;
}

export const useAddMenu = create<AddMenuState>()(() => ({ request: null }));

/** openAddMenu opens the mini palette for one output. */
export function openAddMenu(request: AddMenuRequest): void {
  useAddMenu.setState({ request });
}

/** closeAddMenu closes it. */
export function closeAddMenu(): void {
  useAddMenu.setState({ request: null });
}
