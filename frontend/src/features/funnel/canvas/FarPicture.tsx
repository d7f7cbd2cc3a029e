// The far-out picture's element (see farPicture.ts): a <canvas> over the
// canvas's pane, under its overlays, shown only while the view moves far
// out. Use it inside React Flow's provider.
import { useStoreApi, type NodeProps } from '@xyflow/react';
import { memo, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { Lang } from '../../../api/types';
import { translate, tx } from '../../../i18n/dict';
import { formatNumber } from '../../../i18n/format';
import { useT } from '../../../i18n/useT';
import { specOf } from '../../../stores/catalogue';
import { useRefs } from '../../../stores/refs';
import { useEditor, type EditorState } from '../stores/editor';
import { softHyphens } from './detail';
import { keepLight, liveOf, pictureOf, releaseInChunks, SETTLE_MS, watchPicture, type Look, type Pill } from './farPicture';
import { nodeName, StepNodeView } from './StepNodeView';
import { summaryText } from './summary';
import { RouteContext } from './RoutedEdge';
import type { CanvasEdge, CanvasNode, StepNode } from './types';

// The still far-out card's colours (styles.css: --cat-*-tint, --border-strong; funnels.css).
const TINT: Record<string, string> = { start: '#dcfce7', check: '#dbeafe', wait: '#fef3c7', do: '#ede9fe', finish: '#e2e8f0' };
const TINT_LINE: Record<string, string> = { wait: '#d97706' };
const BORDER = '#cbd5e1';
const ERROR_BORDER = '#f87171';
const ERROR = '#b91c1c';
const WARNING = '#f59e0b';
const PATH = '#0d9488';
const TEXT_DARK = '#0f172a';
const NOTE: [string, string] = ['#fef9c3', '#fde047'];
const FRAME: [string, string] = ['#f1f5f9', '#64748b'];

/** LookState is the editor's state the picture's look reads (EditorState's decorations, problems, path and steps). */
export type LookState = Pick<EditorState, 'nodes' | 'decor' | 'issuesByNode' | 'path'>;

/**
 * farTitleOf is what the still far-out card writes on a step
 * (StepNodeView's farTitle): its name, else what it does in words ("Wait
 * 2 days"), else its kind, in the UI's language.
 */
export function farTitleOf(n: StepNode, lang: Lang, ed: Pick<EditorState, 'nodes'>): string {
  const spec = specOf(n.data.nodeType);
  if (n.data.label) return n.data.label;
  if (!spec) return translate(lang, 'node.unknown', { type: n.data.nodeType });
  const summary = summaryText(spec, n.data.config, lang, {
    // References are named as the card names them (summary.ts knownName):
    // an email, segment or funnel gone reads as missing, never by its id.
    nodeName: (ref) => nodeName(ed, ref, lang),
  });
  return summary || tx(spec.title, lang);
}

/**
 * lookFor colours and names each node as the still far-out card does
 * (styles.css's tiny band): a step a square box tinted with its kind's
 * colour, its plain border (red with problems or failures, teal on a
 * path), its name in words as the card writes it, the counts above it
 * (how many reached it, wait, failed) when the canvas shows numbers, its
 * problem badge and its place on a path; a note yellow; a frame by its
 * title, an open one as an outline.
 */
export function lookFor(lang: Lang, state: () => LookState): Look {
  return (n: CanvasNode) => {
    if (n.type === 'note') return { fill: NOTE[0], line: NOTE[1], name: '' };
    if (n.type === 'frame') return { fill: FRAME[0], line: FRAME[1], name: n.data.title, open: !n.data.collapsed };
    const ed = state();
    const spec = specOf(n.data.nodeType);
    const fill = TINT[spec?.category ?? 'finish'] ?? TINT.finish!;
    // With the card's soft hyphens: a word too wide for a line breaks between its syllables.
    const name = softHyphens(farTitleOf(n, lang, ed));
    const look: ReturnType<Look> & object = { fill, line: BORDER, name };
    if (!spec) look.dashed = true;
    const decor = ed.decor[n.id];
    const issues = ed.issuesByNode[n.id];
    if (issues?.length) {
      const error = issues.some((i) => i.severity === 'error');
      look.badge = { text: String(issues.length), fill: error ? ERROR : WARNING };
      if (error) look.border = ERROR_BORDER;
    }
    const pills: Pill[] = [];
    const num = decor?.numbers;
    if (num) {
      pills.push({ text: formatNumber(num.entered, lang), fill: TEXT_DARK, icon: true });
      if (num.waiting > 0) pills.push({ text: formatNumber(num.waiting, lang), fill: TINT_LINE.wait!, icon: true });
      if (num.errors > 0) pills.push({ text: formatNumber(num.errors, lang), fill: ERROR, icon: true });
    }
    if (decor?.failure) {
      pills.push({ text: translate(lang, 'failures.badge', { count: formatNumber(decor.failure.count, lang) }), fill: ERROR, icon: true });
      look.border = ERROR;
    }
    if (pills.length) look.pills = pills;
    if (decor?.pathIndex !== undefined) {
      look.index = decor.pathIndex;
      look.border = PATH;
    } else if (ed.path) look.faded = true;
    return look;
  };
}

// Over React Flow's renderer (z-index 4, before it in the page; under it,
// the picture cost twice as much a frame in the desktop window), under the
// overlays (5). Never in the way of the pointer.
const STYLE = { display: 'none', position: 'absolute', top: 0, left: 0, width: '100%', height: '100%', zIndex: 4, pointerEvents: 'none' } as const;

/**
 * ALL_BUT is how many steps may still be undrawn for a move over the picture
 * to draw them all (onWhole): so many mounted at once cost about a frame.
 */
const ALL_BUT = 40;

/**
 * FarPicture draws the funnel as one picture while the view moves far out.
 * onWhole(true) says the picture shows while (nearly) every step is drawn
 * already: the canvas then keeps them all for the move instead of drawing
 * only those in view (React Flow's onlyRenderVisibleElements), which
 * mounted and unmounted the steps at the edges at every frame of a pan
 * (about 1,600 step renders in 3 s at 1,000 steps, whole funnel), for
 * nothing painted. onWhole(false) once the view holds still after it went.
 */
export const FarPicture = memo(function FarPicture({ onWhole }: { onWhole?: (whole: boolean) => void }) {
  const store = useStoreApi<CanvasNode, CanvasEdge>();
  const routes = useContext(RouteContext);
  const { lang } = useT();
  const ref = useRef<HTMLCanvasElement>(null);
  const whole = useRef(onWhole);
  whole.current = onWhole;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const look = lookFor(lang, useEditor.getState);
    const right = () => useEditor.getState().meta?.direction === 'right';
    // A drag starts when the editor's flag goes up (its first move), with the steps it moves.
    const drags = (cb: (ids: string[] | null) => void) =>
      useEditor.subscribe((e, prev) => {
        if (e.dragging && !prev.dragging) cb(e.nodes.filter((n) => n.dragging).map((n) => n.id));
        else if (!e.dragging && prev.dragging) cb(null);
      });
    // The steps off screen are let go once the view has held still for
    // SETTLE_MS after the picture went: not while zooming in across its
    // threshold, where unmounting 900 steps took a 230–330 ms frame. Even
    // then, letting them all go in one frame took 370 ms: they go a chunk
    // per idle moment (releaseInChunks), their cards first.
    let release: ReturnType<typeof setTimeout> | undefined;
    let stopWatching: (() => void) | undefined;
    let stopReleasing: (() => void) | undefined;
    // While they are kept, those the view leaves are lightened (keepLight).
    let stopLight: (() => void) | undefined;
    const handBack = () => {
      stopReleasing = undefined;
      stopLight?.();
      stopLight = undefined;
      whole.current?.(false);
      lightened.clear();
    };
    const letGo = () => {
      stopWatching?.();
      stopWatching = undefined;
      stopReleasing = releaseInChunks(store, { lighten: (ids) => lightened.add(ids), done: handBack, light: lightened.ids });
    };
    const shown = (on: boolean) => {
      clearTimeout(release);
      stopWatching?.();
      stopWatching = undefined;
      // A move during the release hands the steps back already (releaseInChunks).
      stopReleasing?.();
      stopReleasing = undefined;
      if (!whole.current) return;
      if (!on) {
        release = setTimeout(letGo, SETTLE_MS);
        stopWatching = store.subscribe((s, prev) => {
          if (s.transform !== prev.transform) {
            clearTimeout(release);
            release = setTimeout(letGo, SETTLE_MS);
          }
        });
        return;
      }
      const s = store.getState();
      let drawable = 0;
      for (const n of s.nodeLookup.values()) if (!n.hidden) drawable++;
      const drawn = s.domNode?.querySelectorAll('.react-flow__node').length ?? 0;
      if (drawable - drawn <= ALL_BUT) {
        whole.current(true);
        stopLight ??= keepLight(store, { light: lightened.ids, lighten: (ids) => lightened.add(ids), restore: (ids) => lightened.remove(ids) });
      }
    };
    const stop = watchPicture(store, el, {
      take: (s, leaveOut) => pictureOf(s, look, routes?.all() ?? new Map(), right(), leaveOut),
      live: (s, ids) => liveOf(s, look, ids, right()),
      drags,
      shown,
      // Problems, counts, a path and the names of emails or lists change the look, not React Flow's store.
      changes: (cb) => {
        const offEditor = useEditor.subscribe((e, prev) => {
          if (e.decor !== prev.decor || e.issuesByNode !== prev.issuesByNode || e.path !== prev.path) cb();
        });
        const offRefs = useRefs.subscribe((r, prev) => {
          if (r.version !== prev.version) cb();
        });
        return () => {
          offEditor();
          offRefs();
        };
      },
    });
    return () => {
      stop();
      clearTimeout(release);
      stopWatching?.();
      stopReleasing?.();
      stopLight?.();
      lightened.clear();
    };
  }, [store, routes, lang]);
  return <canvas ref={ref} className="fp-far-picture" data-testid="far-picture" data-showing="false" aria-hidden="true" style={STYLE} />;
});

/**
 * lightened holds the steps being let go after a far-out move
 * (releaseInChunks): each is drawn as a bare box of its measured size, its
 * card unmounted, until React Flow's culling takes it away. All are off
 * screen.
 */
export const lightened = (() => {
  let ids = new Set<string>();
  const listeners = new Set<() => void>();
  const tell = () => {
    for (const l of listeners) l();
  };
  return {
    has: (id: string) => ids.has(id),
    ids: (): ReadonlySet<string> => ids,
    add(more: string[]) {
      ids = new Set([...ids, ...more]);
      tell();
    },
    remove(less: string[]) {
      ids = new Set(ids);
      for (const id of less) ids.delete(id);
      tell();
    },
    clear() {
      if (ids.size === 0) return;
      ids = new Set();
      tell();
    },
    subscribe(l: () => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
})();

/**
 * KeptStep is a step as the canvas draws it (StepNodeView), or a bare box
 * of its size while it is let go after a far-out move. Its size is kept so
 * that React Flow measures nothing again; its handles' places stay known.
 */
export const KeptStep = memo(function KeptStep(props: NodeProps<StepNode>) {
  const light = useSyncExternalStore(lightened.subscribe, () => lightened.has(props.id));
  const store = useStoreApi<CanvasNode, CanvasEdge>();
  if (light) {
    const m = store.getState().nodeLookup.get(props.id)?.measured;
    return <div className="fp-node-light" style={{ width: m?.width, height: m?.height }} />;
  }
  return <StepNodeView {...props} />;
},
// As StepNodeView: its size and position, which change when React Flow
// measures it and on each move of a drag, are not drawn.
(a, b) => a.id === b.id && a.data === b.data && a.selected === b.selected);
