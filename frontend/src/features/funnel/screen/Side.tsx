// The right-hand side of the funnel builder: a narrow rail of tabs (the
// step's settings with the problems list, the published versions, a
// contact's path) and a drawer that shows the chosen one. The drawer opens
// when a step or link is selected or a tab is clicked, and stays open (with
// nothing selected it shows the funnel's own settings and its problems);
// Esc or its close button closes it and gives the room back to the canvas.
// Open or closed and its width (dragged on its left edge) are remembered.
import { History, Route, SlidersHorizontal, X } from 'lucide-react';
import { useEffect, type ComponentType, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { Problems } from '../../../components/Problems';
import type { MessageKey } from '../../../i18n/dict';
import { useT } from '../../../i18n/useT';
import { Inspector } from '../inspector/Inspector';
import { isTyping } from '../hooks/useShortcuts';
import { focusStep, useCanvasFocus } from '../canvas/keyboard';
import { useEditor, type EditorState } from '../stores/editor';
import { useFunnel, type Panel } from '../stores/funnel';
import { HistoryPanel } from './HistoryPanel';
import { PathPanel } from './PathPanel';
import { clampDrawer, useRoom } from './room';

const TABS: { id: Panel; label: MessageKey; icon: ComponentType<{ size?: number }> }[] = [
  { id: 'settings', label: 'side.settings', icon: SlidersHorizontal },
  { id: 'history', label: 'side.history', icon: History },
  { id: 'path', label: 'side.path', icon: Route },
];

/** RESIZE_STEP is how far an arrow key moves the drawer's edge (px). */
const RESIZE_STEP = 16;

// A frame selected (to move it) does not open the drawer: it has no settings.
const hasSelection = (s: EditorState) => s.nodes.some((n) => n.selected && n.type !== 'frame') || s.edges.some((e) => e.selected);

/** openPanel shows a tab in the drawer, opening it. */
export function openPanel(id: Panel): void {
  useFunnel.getState().setPanel(id);
  useRoom.getState().setDrawerOpen(true);
}

/**
 * closeDrawer closes the drawer (the selection goes with it) and gives the
 * keyboard back to the canvas.
 */
export function closeDrawer(): void {
  useRoom.getState().setDrawerOpen(false);
  const ed = useEditor.getState();
  // The keyboard goes back to the step whose settings were open (issue #22).
  const selected = ed.nodes.filter((n) => n.selected);
  const back = selected.length === 1 ? selected[0]!.id : useCanvasFocus.getState().current;
  if (hasSelection(ed)) ed.select([]);
  const active = document.activeElement as HTMLElement | null;
  if (active?.closest('.fp-drawer')) active.blur();
  if (back && ed.nodes.some((n) => n.id === back)) focusStep(back);
  else document.querySelector<HTMLElement>('.react-flow')?.focus({ preventScroll: true });
}

/**
 * escapeCloses handles Esc for the drawer: it closes it when it is open and
 * the key was not meant for something else (a dialog, the "+" menu, an open
 * list in a field, a text box outside the drawer). It returns true when it did.
 */
export function escapeCloses(e: KeyboardEvent): boolean {
  if (e.key !== 'Escape' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return false;
  if (document.querySelector('.fp-modal-backdrop, .fp-add-menu, .fp-menu-list')) return false;
  const target = e.target as HTMLElement | null;
  if (isTyping(target) && !target?.closest?.('.fp-drawer')) return false;
  const ed = useEditor.getState();
  if (!ed.meta || !useRoom.getState().drawerOpen) return false;
  closeDrawer();
  return true;
}

export function FunnelSide() {
  const { t } = useT();
  const panel = useFunnel((s) => s.panel);
  const shown = useRoom((s) => s.drawerOpen);
  const width = useRoom((s) => s.drawerWidth);
  const floats = useRoom((s) => s.drawerFloats);
  const errors = useEditor((s) => s.issues.filter((i) => i.severity === 'error').length);
  const title = TABS.find((x) => x.id === panel)?.label ?? 'side.settings';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (escapeCloses(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      {shown && (
        <aside className={`fp-right fp-drawer ${floats ? 'is-floating' : ''}`} style={{ width }} aria-label={t('inspector.title')} data-testid="drawer">
          <Grip width={width} />
          <div className="fp-drawer-head">
            <h2>{t(title)}</h2>
            <button type="button" className="fp-icon-btn" onClick={closeDrawer} title={t('room.closeSide')} aria-label={t('room.closeSide')} data-testid="drawer-close">
              <X size={16} />
            </button>
          </div>
          {panel === 'settings' && (
            <>
              <Inspector />
              <Problems />
            </>
          )}
          {panel === 'history' && <HistoryPanel />}
          {panel === 'path' && <PathPanel />}
        </aside>
      )}
      <div className="fp-side-rail" id="fp-side" tabIndex={-1} role="tablist" aria-orientation="vertical" aria-label={t('side.label')}>
        {TABS.map(({ id, label, icon: Icon }) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={shown && panel === id}
            className={`fp-side-tab ${shown && panel === id ? 'is-on' : ''}`}
            onClick={() => openPanel(id)}
            title={t(label)}
            data-testid={`tab-${id}`}
          >
            <Icon size={16} />
            <span>{t(label)}</span>
            {id === 'settings' && errors > 0 && (
              <span className="fp-side-badge" aria-label={t('problems.title')}>
                {errors}
              </span>
            )}
          </button>
        ))}
      </div>
    </>
  );
}

/** Grip is the drawer's left edge: drag it (or use the arrow keys on it) to change the width. */
function Grip({ width }: { width: number }) {
  const { t } = useT();
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const startX = e.clientX;
    const startW = width;
    const move = (ev: PointerEvent) => useRoom.setState({ drawerWidth: clampDrawer(startW + startX - ev.clientX) });
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      document.body.classList.remove('fp-resizing');
      useRoom.getState().setDrawerWidth(useRoom.getState().drawerWidth);
    };
    document.body.classList.add('fp-resizing');
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  };
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowLeft') useRoom.getState().setDrawerWidth(width + RESIZE_STEP);
    else if (e.key === 'ArrowRight') useRoom.getState().setDrawerWidth(width - RESIZE_STEP);
    else return;
    e.preventDefault();
  };
  return (
    <div
      className="fp-drawer-grip"
      role="separator"
      aria-orientation="vertical"
      aria-valuenow={width}
      aria-label={t('room.resizeSide')}
      title={t('room.resizeSide')}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      data-testid="drawer-grip"
    />
  );
}

// A selection opens the drawer on the step's settings; so does a problem
// of the funnel itself (no step to select), asking for one of its fields.
useEditor.subscribe((s, prev) => {
  if (s.focus && s.focus !== prev.focus) {
    useFunnel.getState().setPanel('settings');
    useRoom.getState().setDrawerOpen(true);
    return;
  }
  if (useRoom.getState().drawerOpen || (s.nodes === prev.nodes && s.edges === prev.edges)) return;
  if (hasSelection(s) && !hasSelection(prev)) {
    useFunnel.getState().setPanel('settings');
    useRoom.getState().setDrawerOpen(true);
  }
});
