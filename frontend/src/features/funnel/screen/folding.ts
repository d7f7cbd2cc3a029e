// The room folds panels so the canvas is never squeezed (room.ts says
// which, and when they come back). This is the part that watches the
// window: the canvas column's width, each time it or the room changes.
import { useReactFlow } from '@xyflow/react';
import { useEffect, useLayoutEffect } from 'react';
import { toast } from '../../../stores/toasts';
import { FIT_UP_TO } from '../canvas/opening';
import { FIT_MARGIN, fitOptions, isCentring, type Box } from '../canvas/viewports';
import { useEditor } from '../stores/editor';
import { drawerFoldStep, foldStep, paletteFloats, paletteShown, usableWidth, useRoom, type Foldable } from './room';
import { msg } from '../../../i18n/message';

/** QUIET_MS: folds this soon after the funnel builder appears are made without a word (the user has not seen the panel yet). */
const QUIET_MS = 1500;

const PANEL: Record<Foldable, string> = { list: '.fp-app > .fp-sidebar', palette: '.fp-editor > .fp-palette' };

/**
 * drawerTakes is the width the open drawer takes from the canvas column: 0
 * when it is closed or floats over the canvas. The room's folds never count
 * the drawer: a selection opens it, and folding the funnel list then would
 * move the steps under the pointer. Where it would squeeze the canvas, the
 * drawer floats instead (drawerFloats).
 */
function drawerTakes(): number {
  const el = document.querySelector<HTMLElement>('.fp-editor > .fp-drawer');
  if (!el) return 0;
  const pos = getComputedStyle(el).position;
  if (pos === 'absolute' || pos === 'fixed') return 0;
  return el.getBoundingClientRect().width;
}

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

/** PALETTE_WIDTH is the open palette's width (styles.css), to decide where it goes before it is on screen. */
const PALETTE_WIDTH = 248;

/**
 * paletteOnScreen is the open palette's width and whether it floats over the
 * canvas (then it covers that much of it rather than taking it); undefined
 * when it is closed or folded.
 */
function paletteOnScreen(): { width: number; floats: boolean } | undefined {
  const el = document.querySelector<HTMLElement>(PANEL.palette);
  if (!el) return undefined;
  const pos = getComputedStyle(el).position;
  return { width: el.getBoundingClientRect().width, floats: pos === 'absolute' || pos === 'fixed' };
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
  // A layout effect: it runs before the browser paints what it watches.
  useLayoutEffect(() => {
    if (!active) return;
    const col = document.querySelector<HTMLElement>('.fp-canvas-col');
    if (!col) return;
    const since = performance.now();
    let frame = 0;
    let fit = 0;
    // A panel the room folds or brings back beside the canvas moves the
    // canvas's left edge: the view shifts by as much, so no step moves on
    // screen (the one just selected stays under the pointer). Done when the
    // new widths are laid out, before they are painted.
    let left = col.getBoundingClientRect().left;
    let shift = false;
    const resized = () => {
      const now = col.getBoundingClientRect().left;
      if (now !== left && shift) {
        shift = false;
        const vp = rf.getViewport();
        void rf.setViewport({ ...vp, x: vp.x + left - now });
      }
      left = now;
      schedule();
    };
    const check = () => {
      frame = 0;
      const s = useRoom.getState();
      const width = col.getBoundingClientRect().width;
      // The palette floats where beside the canvas it would leave it under
      // two thirds of the window, decided on the room with neither the
      // palette nor the drawer beside the canvas (so floating it does not
      // undo the reason). A change moves the canvas's left edge: the view
      // shifts so no step moves on screen.
      const palette = paletteOnScreen();
      const floats = paletteFloats(width + drawerTakes() + (palette && !palette.floats ? palette.width : 0), palette?.width ?? PALETTE_WIDTH, window.innerWidth);
      if (floats !== s.paletteFloats) {
        if (palette) shift = true;
        s.setPaletteFloats(floats);
        return;
      }
      // The canvas's width in sight, without the drawer: the drawer floats
      // rather than have the room fold a panel for it. A floating palette
      // covers its left edge: that much is not the canvas's room.
      const covered = palette?.floats ? palette.width : 0;
      const canvas = width + drawerTakes() - covered;
      s.setDrawerFloats(s.drawerOpen && canvas - s.drawerWidth < usableWidth(window.innerWidth));
      // The palette and the drawer both open would leave the canvas no
      // room between them: the palette folds while the drawer is open.
      const d = drawerFoldStep({
        canvas,
        window: window.innerWidth,
        drawer: s.drawerOpen ? s.drawerWidth : 0,
        palette: palette?.width,
        folded: s.drawerFold,
        kept: s.kept.palette,
        fresh: s.fresh === 'palette',
      });
      if (d === 'keep') return s.keep('palette');
      if (d) {
        shift = true;
        s.foldForDrawer(d === 'unfold' ? undefined : d.fold);
        return;
      }
      const step = foldStep({
        canvas,
        window: window.innerWidth,
        shown: { list: takes('list'), palette: palette?.width },
        squeezed: s.squeezed,
        kept: s.kept,
        fresh: s.fresh,
      });
      if (!step || 'unfold' in step) {
        s.settled();
        // While the palette is folded for the drawer, nothing comes back
        // before the drawer closes: the list back would take that room again.
        if (step && s.drawerFold === undefined) {
          shift = true;
          s.unfold(step.unfold);
        }
        return;
      }
      if ('keep' in step) return s.keep(step.keep);
      shift = true;
      s.fold(step.fold, step.gave);
      if (performance.now() - since > QUIET_MS) toast('info', msg(`room.folded.${step.fold}`), 'room-fold');
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
    const ro = new ResizeObserver(resized);
    ro.observe(col);
    const unsubscribe = useRoom.subscribe(schedule);
    // The first look is taken now, before the first picture: a palette kept
    // open across a restart is drawn floating from its first frame, not
    // beside the canvas for one frame and then over it.
    check();
    return () => {
      ro.disconnect();
      unsubscribe();
      cancelAnimationFrame(frame);
      cancelAnimationFrame(fit);
    };
  }, [active, rf]);
  usePaletteClearance(active);
}

/** floatingPalette says whether the palette is on screen floating over the canvas. */
const floatingPalette = (s: RoomShown) => paletteShown(s) && s.paletteFloats;
type RoomShown = Parameters<typeof paletteShown>[0] & { paletteFloats: boolean };

/**
 * paletteClearance is how far to slide the view right (screen px) so the
 * steps on screen under the floating palette (p) come out from under it,
 * FIT_MARGIN clear: as far as the left-most of them needs, at most the
 * palette's width and margin (a palette beside the canvas moved them as
 * much); 0 when none is under it. steps and canvas are screen boxes.
 */
export function paletteClearance(p: Box, canvas: Box, steps: Box[]): number {
  let left = Infinity;
  for (const r of steps) {
    if (r.right <= canvas.left || r.left >= canvas.right || r.bottom <= canvas.top || r.top >= canvas.bottom) continue;
    if (r.left < p.right + FIT_MARGIN && r.bottom > p.top && r.top < p.bottom) left = Math.min(left, r.left);
  }
  if (left === Infinity) return 0;
  return Math.min(p.right + FIT_MARGIN - left, p.right - p.left + FIT_MARGIN);
}

/**
 * usePaletteClearance slides the view right when the palette comes on
 * screen floating over steps (opened, or back after the drawer closed), or
 * a funnel opens under the floating palette, so none is hidden under it; it
 * moves nothing when the steps are clear.
 */
function usePaletteClearance(active: boolean): void {
  const rf = useReactFlow();
  useEffect(() => {
    if (!active) return;
    let frame = 0;
    const clear = () => {
      frame = 0;
      const pal = document.querySelector('.fp-editor > .fp-palette.is-floating');
      const flow = document.querySelector('.fp-canvas .react-flow');
      if (!pal || !flow) return;
      const steps = [...flow.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
      const dx = paletteClearance(pal.getBoundingClientRect(), flow.getBoundingClientRect(), steps);
      if (dx <= 0) return;
      const vp = rf.getViewport();
      void rf.setViewport({ ...vp, x: vp.x + dx }, { duration: 200 });
    };
    const off = useRoom.subscribe((s, prev) => {
      if (!floatingPalette(s) || floatingPalette(prev)) return;
      cancelAnimationFrame(frame);
      // Two frames: the palette is on screen and floating by then.
      frame = requestAnimationFrame(() => (frame = requestAnimationFrame(clear)));
    });
    // A funnel opened while the palette floats comes back where it was left,
    // or fitted before the palette was measured: its steps may sit under the
    // palette. Once its first view has settled (a fit animates for 250 ms),
    // the view slides them clear the same way.
    let settle = 0;
    const opened = () => {
      window.clearTimeout(settle);
      settle = window.setTimeout(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(clear);
      }, 400);
    };
    opened();
    const offEditor = useEditor.subscribe((s, prev) => {
      if (s.flowId !== prev.flowId) opened();
    });
    return () => {
      off();
      offEditor();
      window.clearTimeout(settle);
      cancelAnimationFrame(frame);
    };
  }, [active, rf]);
}

/** selectedStep is the id of the one selected step, if exactly one is. */
function selectedStep(): string | undefined {
  const sel = useEditor.getState().nodes.filter((n) => n.selected && n.type === 'step');
  return sel.length === 1 ? sel[0].id : undefined;
}

/**
 * useDrawerClearance slides the view left when the step just selected lies
 * under the floating drawer, so the step being set up stays in sight. It
 * moves nothing when the drawer takes its own room (the canvas narrows
 * instead) or the step is already clear of it.
 */
export function useDrawerClearance(active: boolean): void {
  const rf = useReactFlow();
  useEffect(() => {
    if (!active) return;
    let last = selectedStep();
    let frame = 0;
    const check = () => {
      frame = 0;
      // A step found with Ctrl+F is being centred clear of the drawer already.
      if (!useRoom.getState().drawerFloats || !last || isCentring()) return;
      const drawer = document.querySelector<HTMLElement>('.fp-editor > .fp-drawer.is-floating');
      const node = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(last)}"]`);
      if (!drawer || !node) return;
      const over = node.getBoundingClientRect().right + 24 - drawer.getBoundingClientRect().left;
      if (over <= 0) return;
      const vp = rf.getViewport();
      void rf.setViewport({ ...vp, x: vp.x - over }, { duration: 200 });
    };
    const later = () => {
      cancelAnimationFrame(frame);
      // Two frames: the drawer is on screen and floating by then.
      frame = requestAnimationFrame(() => (frame = requestAnimationFrame(check)));
    };
    const offEditor = useEditor.subscribe(() => {
      const now = selectedStep();
      if (now === last) return;
      last = now;
      later();
    });
    const offRoom = useRoom.subscribe((s, prev) => {
      if (s.drawerFloats && !prev.drawerFloats) later();
    });
    return () => {
      offEditor();
      offRoom();
      cancelAnimationFrame(frame);
    };
  }, [active, rf]);
}
