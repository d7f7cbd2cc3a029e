// The canvas by keyboard (issue #22): which step holds the keyboard, and
// moving it there. The canvas is one stop of the Tab key: a single step
// (the one last focused, else the first in reading order) takes Tab, the
// arrow keys move between steps from there (CanvasKeys.tsx).
import { create } from 'zustand';
import { useEditor } from '../stores/editor';

interface CanvasFocusState {
  /** current is the step that takes Tab into the canvas; null: the first in reading order. */
  current: string | null;
}

export const useCanvasFocus = create<CanvasFocusState>()(() => ({ current: null }));

/** stepElement finds a step's element on the canvas (its React Flow wrapper, the one that takes focus). */
export function stepElement(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.fp-canvas .react-flow__node[data-id="${CSS.escape(id)}"]`);
}

let reveal: ((id: string) => void) | null = null;

/** setRevealer is how the canvas brings a step into view before it takes focus (set by CanvasKeys). */
export function setRevealer(fn: ((id: string) => void) | null): void {
  reveal = fn;
}

/** FOCUS_FRAMES is how many frames focusStep waits for a step to be drawn (a new one, one off screen). */
const FOCUS_FRAMES = 30;

/**
 * focusStep gives the keyboard to a step: it becomes the canvas's Tab stop,
 * is brought into view, and takes focus once drawn (a step just added is
 * drawn on the next frame).
 */
export function focusStep(id: string): void {
  useCanvasFocus.setState({ current: id });
  if (!useEditor.getState().nodes.some((n) => n.id === id)) return;
  reveal?.(id);
  let frames = 0;
  const tick = () => {
    const el = stepElement(id);
    // A step is hidden until React Flow has measured it: focus does not take then, so try again.
    el?.focus({ preventScroll: true });
    if (el && document.activeElement === el) return;
    if (++frames < FOCUS_FRAMES) window.requestAnimationFrame(tick);
  };
  window.requestAnimationFrame(tick);
}

/** focusLost tells whether nothing holds the keyboard (it fell to the page's body). */
export function focusLost(): boolean {
  const a = document.activeElement;
  return !a || a === document.body || !a.isConnected;
}

/** lastInput is what the user last used: the keyboard or a pointer (mouse, touch). */
let lastInput: 'keyboard' | 'pointer' = 'pointer';
if (typeof window !== 'undefined') {
  // The page says it too (html.fp-kb), for the focus ring: WebKitGTK does
  // not count a focus moved by script after a key as :focus-visible.
  const set = (to: 'keyboard' | 'pointer') => {
    lastInput = to;
    document.documentElement.classList.toggle('fp-kb', to === 'keyboard');
  };
  window.addEventListener('keydown', () => set('keyboard'), true);
  window.addEventListener('pointerdown', () => set('pointer'), true);
}

/** byKeyboard tells whether the last thing the user did was on the keyboard. */
export function byKeyboard(): boolean {
  return lastInput === 'keyboard';
}
