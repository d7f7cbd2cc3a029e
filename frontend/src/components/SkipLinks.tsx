// "Skip to the canvas" and "Skip to the step's settings" (issue #22): the
// first things Tab reaches on the funnels screen, shown only while they
// have the keyboard. The canvas link lands on the step that has the
// keyboard there (or the first one); the settings link opens the drawer.
import type { MouseEvent } from 'react';
import { useT } from '../i18n/useT';
import { outline } from '../features/funnel/canvas/a11yNames';
import { focusStep, useCanvasFocus } from '../features/funnel/canvas/keyboard';
import { openPanel } from '../features/funnel/screen/Side';
import { useEditor } from '../features/funnel/stores/editor';

/** skipToCanvas gives the keyboard to the canvas: its current step, else the first, else the canvas itself. */
export function skipToCanvas(): void {
  const ed = useEditor.getState();
  const current = useCanvasFocus.getState().current;
  const to = current && ed.nodes.some((n) => n.id === current) ? current : outline(ed.nodes, ed.edges).order[0];
  if (to) focusStep(to);
  else document.querySelector<HTMLElement>('.fp-canvas .react-flow')?.focus();
}

/** skipToInspector opens the settings drawer and puts the keyboard in it. */
export function skipToInspector(): void {
  openPanel('settings');
  let frames = 0;
  const tick = () => {
    const el = document.querySelector<HTMLElement>('.fp-drawer [data-testid=inspector] input, .fp-drawer [data-testid=inspector] select, .fp-drawer [data-testid=inspector] textarea, .fp-drawer [data-testid=inspector] button');
    if (el) return el.focus();
    if (++frames < 30) window.requestAnimationFrame(tick);
  };
  window.requestAnimationFrame(tick);
}

export function SkipLinks() {
  const { t } = useT();
  const open = useEditor((s) => !!s.meta);
  if (!open) return null;
  const run = (fn: () => void) => (e: MouseEvent) => {
    e.preventDefault();
    fn();
  };
  return (
    <nav className="fp-skip-links" aria-label={t('a11y.skipLabel')}>
      <a href="#fp-canvas" className="fp-skip" onClick={run(skipToCanvas)} data-testid="skip-canvas">
        {t('a11y.skipCanvas')}
      </a>
      <a href="#fp-side" className="fp-skip" onClick={run(skipToInspector)} data-testid="skip-inspector">
        {t('a11y.skipInspector')}
      </a>
    </nav>
  );
}
