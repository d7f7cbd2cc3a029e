// The room folds panels so the canvas is never squeezed (room.ts says
// which, and when they come back). This is the part that watches the
// window: the canvas column's width, each time it or the room changes.
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { translate } from '../../../i18n/dict';
import { useSettings } from '../../../stores/settings';
import { toast } from '../../../stores/toasts';
import { FIT_UP_TO } from '../canvas/opening';
import { fitOptions } from '../canvas/viewports';
import { useEditor } from '../stores/editor';
import { foldStep, useRoom, type Foldable } from './room';

/** QUIET_MS: folds this soon after the funnel builder appears are made without a word (the user has not seen the panel yet). */
const QUIET_MS = 1500;

const PANEL: Record<Foldable, string> = { list: '.fp-app > .fp-sidebar', palette: '.fp-editor > .fp-palette' };

/**
 * takes is the width of the panel on screen when it takes the canvas's room;
 * undefined when it is not there or floats over the canvas (a narrow window,
 * styles.css), where folding it would give the canvas nothing.
 */
function takes(panel: Foldable): number | undefined {
  const el = document.querySelector<HTMLElement>(PANEL[panel]);
  if (!el) return undefined;
  const pos = getComputedStyle(el).position;
  if (pos === 'absolute' || pos === 'fixed') return undefined;
  return el.getBoundingClientRect().width;
}

/**
 * useRoomFolding folds the funnel list, then the palette, while the canvas
 * would be narrower than usableWidth, says so quietly (one toast, replaced
 * rather than piled up), and shows a funnel small enough to open fitted as a
 * whole again after the fold; they come back once the room allows. Use it
 * while the funnel builder (with its canvas) is on screen: active.
 */
export function useRoomFolding(active: boolean): void {
  const rf = useReactFlow();
  useEffect(() => {
    if (!active) return;
    const col = document.querySelector<HTMLElement>('.fp-canvas-col');
    if (!col) return;
    const since = performance.now();
    let frame = 0;
    let fit = 0;
    const check = () => {
      frame = 0;
      const s = useRoom.getState();
      const step = foldStep({
        canvas: col.getBoundingClientRect().width,
        window: window.innerWidth,
        shown: { list: takes('list'), palette: takes('palette') },
        squeezed: s.squeezed,
        kept: s.kept,
        fresh: s.fresh,
      });
      if (!step || 'unfold' in step) {
        s.settled();
        if (step) s.unfold(step.unfold);
        return;
      }
      if ('keep' in step) return s.keep(step.keep);
      s.fold(step.fold, step.gave);
      if (performance.now() - since > QUIET_MS) toast('info', translate(useSettings.getState().lang, `room.folded.${step.fold}`), 'room-fold');
      // Once React Flow has its new size (two frames), the whole funnel
      // again if it is one that opens fitted; a large one keeps its view.
      const steps = useEditor.getState().nodes.filter((n) => n.type === 'step').length;
      if (steps === 0 || steps > FIT_UP_TO) return;
      cancelAnimationFrame(fit);
      fit = requestAnimationFrame(() => (fit = requestAnimationFrame(() => void rf.fitView(fitOptions(200)))));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(check);
    };
    // The column's width follows the window and the panels beside it.
    const ro = new ResizeObserver(schedule);
    ro.observe(col);
    const unsubscribe = useRoom.subscribe(schedule);
    schedule();
    return () => {
      ro.disconnect();
      unsubscribe();
      cancelAnimationFrame(frame);
      cancelAnimationFrame(fit);
    };
  }, [active, rf]);
}
