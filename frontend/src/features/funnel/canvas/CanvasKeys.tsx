// The canvas by keyboard and by screen reader (issue #22). On a step that
// has the focus: the arrow keys move along the links (down: next, up:
// previous, left/right: the other branches; Home/End: first and last),
// Enter opens its settings with the keyboard in the first field to fill
// (Esc comes back), A or + adds the next step after an output, L links an
// output to another step picked by its name, Delete removes it with the
// usual safeguard. Steps and links are named in plain words (a11yNames.ts);
// adding and removing steps is announced in the live region.
import { useReactFlow, type AriaLabelConfig } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { create } from 'zustand';
import { announce } from '../../../components/LiveRegion';
import { Combobox } from '../../../components/Combobox';
import { Modal } from '../../../components/Modal';
import { translate } from '../../../i18n/dict';
import { useT } from '../../../i18n/useT';
import { specOf } from '../../../stores/catalogue';
import { useRefs, type RefOption } from '../../../stores/refs';
import { useSettings } from '../../../stores/settings';
import { fieldDomId } from '../inspector/renderers';
import { requestDelete } from '../screen/deleting';
import { openPanel } from '../screen/Side';
import { useRoom } from '../screen/room';
import { useEditor } from '../stores/editor';
import { describe, linkName, moveFrom, outline, stepText, type Described, type Direction } from './a11yNames';
import { openAddMenu, useAddMenu } from './addMenu';
import { byKeyboard, focusLost, focusStep, setRevealer, stepElement, useCanvasFocus } from './keyboard';
import { NODE_HEIGHT, NODE_WIDTH } from './layout';
import { hasValue, isShown, portsOf } from './ports';
import type { CanvasEdge, CanvasNode } from './types';
import { revealStep } from './viewports';
import './keyboard.css';

const ARROWS: Record<string, Direction> = {
  ArrowDown: 'next',
  ArrowUp: 'previous',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  Home: 'first',
  End: 'last',
};

/** sameSteps tells whether two node lists hold the same steps with the same data (positions aside). */
function sameSteps(a: CanvasNode[], b: CanvasNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.type !== y.type || x.data !== y.data) return false;
  }
  return true;
}

interface Decorated {
  key: string;
  out: object;
}

/**
 * useA11yElements gives React Flow the steps and links as drawn (nodes,
 * edges) with their names, worked out from the funnel as edited
 * (aria-label), the word said for their role (« étape », « lien ») and one
 * Tab stop for the whole canvas (the current step; links are reached
 * through the steps). Names are worked out again only when the funnel's
 * steps, links or the language change — not on each frame of a drag — and
 * a node keeps its decorated object while its name and Tab stop hold, so
 * React Flow sees no change for it.
 */
export function useA11yElements(
  nodes: CanvasNode[],
  edges: CanvasEdge[],
  funnel: { nodes: CanvasNode[]; edges: CanvasEdge[] },
): { nodes: CanvasNode[]; edges: CanvasEdge[]; labels: Partial<AriaLabelConfig> } {
  const { t, lang } = useT();
  const refsVersion = useRefs((s) => s.version);
  const current = useCanvasFocus((s) => s.current);
  const cache = useRef<{ nodes: CanvasNode[]; edges: CanvasEdge[]; lang: string; refsVersion: number; d: Described } | null>(null);
  const decorated = useRef(new WeakMap<object, Decorated>());
  const c = cache.current;
  // Named from the funnel itself (a link drawn to a folded frame is still named by its real ends).
  const d =
    c && c.edges === funnel.edges && c.lang === lang && c.refsVersion === refsVersion && sameSteps(c.nodes, funnel.nodes) ? c.d : describe(funnel.nodes, funnel.edges, lang);
  cache.current = { nodes: funnel.nodes, edges: funnel.edges, lang, refsVersion, d };
  const stop = current && d.steps.has(current) ? current : d.outline.order[0];
  const stepWord = t('a11y.step');
  const linkWord = t('a11y.link');

  const shownNodes = nodes.map((n) => {
    const name = n.type === 'step' ? d.steps.get(n.id) : undefined;
    const tab = n.id === stop ? 0 : -1;
    const key = `${name}\u0000${tab}\u0000${stepWord}`;
    const was = decorated.current.get(n);
    if (was && was.key === key) return was.out as CanvasNode;
    const out = { ...n, ariaLabel: name, domAttributes: { tabIndex: tab, ...(n.type === 'step' ? { 'aria-roledescription': stepWord } : {}) } } as CanvasNode;
    decorated.current.set(n, { key, out });
    return out;
  });
  const shownEdges = edges.map((e) => {
    const name = d.links.get(e.id) ?? '';
    const key = `${name}\u0000${linkWord}`;
    const was = decorated.current.get(e);
    if (was && was.key === key) return was.out as CanvasEdge;
    const out = { ...e, ariaLabel: name, domAttributes: { tabIndex: -1, 'aria-roledescription': linkWord } } as CanvasEdge;
    decorated.current.set(e, { key, out });
    return out;
  });
  // The same links as last time are handed over as the same array: at each
  // move of a drag React Flow would otherwise take every link in again
  // (its connection lookup rebuilt, 1,000 links at 1,000 steps).
  const lastEdges = useRef<CanvasEdge[]>(shownEdges);
  if (!sameItems(lastEdges.current, shownEdges)) lastEdges.current = shownEdges;
  // The steps' help says this canvas's keys (arrows move between steps here, not the step itself).
  const labels = useMemo<Partial<AriaLabelConfig>>(
    () => ({
      'node.a11yDescription.default': t('a11y.stepHelp'),
      'node.a11yDescription.keyboardDisabled': t('a11y.stepHelp'),
      'node.a11yDescription.ariaLiveMessage': () => t('a11y.moved'),
    }),
    [t],
  );
  return { nodes: shownNodes, edges: lastEdges.current, labels };
}

function sameItems<T>(a: T[], b: T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** firstField picks where the keyboard goes in a step's settings: the first required field left empty, else the first field. */
function firstField(id: string): HTMLElement | null {
  const n = useEditor.getState().nodes.find((x) => x.id === id);
  const root = document.querySelector<HTMLElement>('.fp-drawer [data-testid=inspector]');
  if (!n || !root) return null;
  if (n.type === 'step') {
    const spec = specOf(n.data.nodeType);
    const shown = spec ? spec.fields.filter((f) => isShown(spec, f, n.data.config)) : [];
    const want = shown.find((f) => f.required && !hasValue(n.data.config[f.name])) ?? shown[0];
    const el = want ? document.getElementById(fieldDomId(id, want.name)) : null;
    if (el) return el;
  }
  return root.querySelector<HTMLElement>('input, select, textarea, [contenteditable="true"], button');
}

/** openSettings selects the step, shows its settings in the drawer and puts the keyboard in them. */
function openSettings(id: string): void {
  const ed = useEditor.getState();
  if (ed.nodes.some((n) => (n.id === id) !== !!n.selected)) ed.select([id]);
  openPanel('settings');
  let frames = 0;
  const tick = () => {
    const el = firstField(id);
    el?.focus();
    if (el && document.activeElement === el) return;
    if (++frames < 30) window.requestAnimationFrame(tick);
  };
  window.requestAnimationFrame(tick);
}

/** PortRequest asks which output of a step to add after, or to link. */
interface PortRequest {
  nodeId: string;
  purpose: 'add' | 'link';
  ports: { id: string; label: string }[];
}

/** LinkRequest is the link being made from the keyboard: from this output, to a step picked by its name. */
interface LinkRequest {
  nodeId: string;
  port: string;
}

const useKeysUi = create<{ ports: PortRequest | null; link: LinkRequest | null }>()(() => ({ ports: null, link: null }));

/** outputsOf lists a step's outputs with their labels in the UI language. */
function outputsOf(id: string): { id: string; label: string }[] {
  const n = useEditor.getState().nodes.find((x) => x.id === id);
  if (!n || n.type !== 'step') return [];
  const spec = specOf(n.data.nodeType);
  if (!spec) return [];
  const lang = useSettings.getState().lang;
  return portsOf(spec, n.data.config).map((p) => ({ id: p.id, label: p.label[lang] || p.label.en }));
}

/** addAfter opens the "+" menu of an output, under the step. */
function addAfter(nodeId: string, port: string): void {
  const r = stepElement(nodeId)?.getBoundingClientRect();
  openAddMenu({ nodeId, port, x: r ? r.left + r.width / 2 : window.innerWidth / 2, y: r ? r.bottom + 4 : window.innerHeight / 3 });
}

/** startOutput runs "add" or "link" on a step's output: at once for a single one, after asking which otherwise. */
function startOutput(nodeId: string, purpose: 'add' | 'link'): void {
  const ports = outputsOf(nodeId);
  if (ports.length === 0) return;
  if (ports.length > 1) {
    useKeysUi.setState({ ports: { nodeId, purpose, ports } });
    return;
  }
  if (purpose === 'add') addAfter(nodeId, ports[0]!.id);
  else useKeysUi.setState({ link: { nodeId, port: ports[0]!.id } });
}

/** moveKeyboard moves the focus from a step in a direction; with the drawer open, the selection follows. */
function moveKeyboard(id: string, dir: Direction): void {
  const ed = useEditor.getState();
  const lang = useSettings.getState().lang;
  const to = moveFrom(outline(ed.nodes, ed.edges), id, dir);
  if (!to || to === id) {
    if (dir === 'next') announce(translate(lang, 'a11y.noNext'));
    else if (dir === 'previous') announce(translate(lang, 'a11y.noPrevious'));
    else if (dir === 'left' || dir === 'right') announce(translate(lang, 'a11y.noSibling'));
    return;
  }
  if (useRoom.getState().drawerOpen && ed.nodes.some((n) => n.selected)) ed.select([to]);
  focusStep(to);
}

/** removeFrom deletes the focused step (or the selection it belongs to), asking first as the toolbar does. */
function removeFrom(id: string): void {
  const ed = useEditor.getState();
  if (!ed.nodes.find((n) => n.id === id)?.selected) ed.select([id]);
  requestDelete();
}

/** onCanvasKey handles a key pressed on a step; it returns true when it did something. */
export function onCanvasKey(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (!el?.classList?.contains('react-flow__node') || !el.closest('.fp-canvas')) return false;
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  const id = el.dataset.id;
  if (!id || !useEditor.getState().meta) return false;
  const dir = ARROWS[e.key];
  if (dir && !e.shiftKey) moveKeyboard(id, dir);
  else if (e.key === 'Enter') openSettings(id);
  else if (e.key === 'a' || e.key === 'A' || e.key === '+') startOutput(id, 'add');
  else if (e.key === 'l' || e.key === 'L') startOutput(id, 'link');
  else if (e.key === 'Delete' || e.key === 'Backspace') removeFrom(id);
  else return false;
  return true;
}

/**
 * watchSteps announces a step added or removed and, when the step that had
 * the keyboard goes, gives it to the step before it in reading order.
 */
function watchSteps() {
  return useEditor.subscribe((s, prev) => {
    if (s.nodes === prev.nodes || s.flowId !== prev.flowId || !prev.meta || !s.meta) return;
    const lang = useSettings.getState().lang;
    const had = new Set(prev.nodes.filter((n) => n.type === 'step').map((n) => n.id));
    const has = new Set(s.nodes.filter((n) => n.type === 'step').map((n) => n.id));
    const added = [...has].filter((id) => !had.has(id));
    const gone = [...had].filter((id) => !has.has(id));
    if (added.length === 1 && gone.length === 0) announce(translate(lang, 'a11y.added', { name: stepText(s.nodes, added[0]!, lang)?.short ?? '' }));
    if (gone.length === 1 && added.length === 0) announce(translate(lang, 'a11y.removedOne', { name: stepText(prev.nodes, gone[0]!, lang)?.short ?? '' }));
    else if (gone.length > 1 && added.length === 0) announce(translate(lang, 'a11y.removed', { count: gone.length }));
    const current = useCanvasFocus.getState().current;
    if (!current || has.has(current) || !had.has(current)) return;
    const order = outline(prev.nodes, prev.edges).order;
    const at = order.indexOf(current);
    const before = [...order.slice(0, at).reverse(), ...order.slice(at + 1)].find((id) => has.has(id)) ?? null;
    useCanvasFocus.setState({ current: before });
    // The step's element goes with the next render: then, if the keyboard fell to the page, it comes back here.
    window.requestAnimationFrame(() => window.requestAnimationFrame(() => before && focusLost() && focusStep(before)));
  });
}

/** watchAddMenu gives the keyboard back to the canvas when the "+" menu closes: to the step it added, else to where it was. */
function watchAddMenu() {
  return useAddMenu.subscribe((s, prev) => {
    if (s.request || !prev.request) return;
    const from = prev.request.nodeId;
    window.requestAnimationFrame(() => {
      if (!focusLost()) return;
      const picked = useEditor.getState().nodes.filter((n) => n.selected);
      focusStep(picked.length === 1 ? picked[0]!.id : from);
    });
  });
}

/**
 * CanvasKeys wires the keyboard into the canvas and draws its two small
 * dialogs (which output; link to which step). It lives inside React Flow.
 */
export function CanvasKeys() {
  const rf = useReactFlow();
  const ports = useKeysUi((s) => s.ports);
  const link = useKeysUi((s) => s.link);

  useEffect(() => {
    setRevealer((id) => {
      const n = useEditor.getState().nodes.find((x) => x.id === id);
      if (n) revealStep(rf, n.position, { width: n.measured?.width ?? NODE_WIDTH, height: n.measured?.height ?? NODE_HEIGHT });
    });
    // Before React Flow's own keys (arrows move a selected step there): on a step, these are ours.
    const onKey = (e: KeyboardEvent) => {
      if (onCanvasKey(e)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    const onFocusIn = (e: FocusEvent) => {
      const el = e.target as HTMLElement | null;
      if (el?.classList?.contains('react-flow__node') && el.closest('.fp-canvas') && el.dataset.id) useCanvasFocus.setState({ current: el.dataset.id });
    };
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocusIn);
    // A funnel opened from the keyboard (Enter on it in the list): the
    // keyboard goes into it — to its first step, or to the palette's
    // search box when it has none yet (the only way it can grow).
    // The canvas stays mounted from one funnel to the next: the same again
    // each time a funnel has loaded, not only when the canvas first appears.
    const enter = () => {
      if (!byKeyboard() || !(focusLost() || document.activeElement?.closest('.fp-sidebar'))) return;
      const ed = useEditor.getState();
      const first = outline(ed.nodes, ed.edges).order[0];
      if (first) return focusStep(first);
      // The palette opens on an empty funnel a frame or two later.
      let tries = 0;
      const search = () => {
        const box = document.querySelector<HTMLElement>('[data-testid=palette-search]');
        if (box) box.focus();
        else if (++tries < 30) window.requestAnimationFrame(search);
      };
      window.requestAnimationFrame(search);
    };
    // While the funnel loads, the steps are still the last funnel's: wait.
    if (!useEditor.getState().loading) enter();
    const stopLoads = useEditor.subscribe((s, prev) => {
      if (prev.loading && !s.loading && s.meta && !s.loadError) enter();
    });
    const stopSteps = watchSteps();
    const stopMenu = watchAddMenu();
    return () => {
      setRevealer(null);
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocusIn);
      stopSteps();
      stopMenu();
      stopLoads();
    };
  }, [rf]);

  return (
    <>
      {ports && <PortChooser request={ports} />}
      {link && <LinkPicker request={link} />}
    </>
  );
}

/** PortChooser asks which output of a step (Yes / No, a branch…) to add after or to link. */
function PortChooser({ request }: { request: PortRequest }) {
  const { t } = useT();
  const close = () => useKeysUi.setState({ ports: null });
  const choose = (port: string) => {
    close();
    // After the dialog has given the keyboard back to the step, not before:
    // the next menu takes it from there.
    window.requestAnimationFrame(() => {
      if (request.purpose === 'add') addAfter(request.nodeId, port);
      else useKeysUi.setState({ link: { nodeId: request.nodeId, port } });
    });
  };
  return (
    <Modal title={t(request.purpose === 'add' ? 'a11y.chooseOutputAdd' : 'a11y.chooseOutputLink')} onClose={close} testId="port-chooser">
      <div
        className="fp-port-choices"
        role="group"
        onKeyDown={(e) => {
          if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
          const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
          const i = items.indexOf(document.activeElement as HTMLButtonElement);
          const j = (i + (e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : -1) + items.length) % items.length;
          e.preventDefault();
          items[j]?.focus();
        }}
      >
        {request.ports.map((p) => (
          <button key={p.id} type="button" className="fp-btn" onClick={() => choose(p.id)} data-testid={`port-choice-${p.id}`}>
            {p.label}
          </button>
        ))}
      </div>
    </Modal>
  );
}

/**
 * LinkPicker links an output to another step picked by its name (a
 * combobox of the funnel's steps, never their ids). A link already leaving
 * that output is moved to the new step; a refused link says why.
 */
function LinkPicker({ request }: { request: LinkRequest }) {
  const { t, lang } = useT();
  const [error, setError] = useState('');
  const close = () => useKeysUi.setState({ link: null });
  const options = useMemo<RefOption[]>(() => {
    const { nodes } = useEditor.getState();
    const order = outline(nodes, useEditor.getState().edges).order;
    return order.filter((id) => id !== request.nodeId).map((id) => ({ key: id, name: stepText(nodes, id, lang)?.short ?? '' }));
  }, [request.nodeId, lang]);
  const from = stepText(useEditor.getState().nodes, request.nodeId, lang)?.short ?? '';
  const pick = (target: string | undefined) => {
    if (!target) return;
    const ed = useEditor.getState();
    const c = { source: request.nodeId, sourceHandle: request.port, target, targetHandle: 'in' };
    const old = ed.edges.find((e) => e.source === request.nodeId && (e.sourceHandle || 'next') === request.port);
    const why = old ? ed.reconnect(old.id, c) : ed.connect(c);
    if (why) {
      setError(t(`refuse.${why}` as Parameters<typeof t>[0]));
      return;
    }
    announce(t('a11y.linked', { name: linkName(useEditor.getState().nodes, { source: request.nodeId, sourceHandle: request.port, target }, lang) }));
    close();
    window.requestAnimationFrame(() => focusStep(request.nodeId));
  };
  return (
    <Modal title={t('a11y.linkTo', { from })} onClose={close} testId="link-picker">
      <Combobox
        id="fp-link-target"
        value={undefined}
        options={options}
        onChange={pick}
        missingText=""
        ready
        emptyText={t('a11y.linkNone')}
        placeholder={t('a11y.linkSearch')}
        ariaLabel={t('a11y.linkSearch')}
        inputTestId="link-target"
        invalid={!!error}
      />
      {error && (
        <p className="fp-field-error" role="alert" data-testid="link-error">
          {error}
        </p>
      )}
    </Modal>
  );
}
