// What the live region says on its own (issue #22): the progress of long
// work (an import, a simulation) at each quarter and at the end, and the
// problems left when a publish is refused. After a publish the keyboard
// goes back to the Publish button if it fell to the page.
import { translate, type MessageKey } from '../i18n/dict';
import { useContactImport } from '../stores/contactsImport';
import { useSimulation } from '../stores/simulation';
import { useSettings } from '../stores/settings';
import { useEditor } from '../features/funnel/stores/editor';
import { focusLost } from '../features/funnel/canvas/keyboard';
import { announce } from './LiveRegion';

const say = (key: MessageKey, vars?: Record<string, string | number>) => translate(useSettings.getState().lang, key, vars);

/** quarter is the last quarter (0–4) of a fraction reached. */
const quarter = (f: number) => Math.floor(Math.min(Math.max(f, 0), 1) * 4);

/** problemsText says how many problems stand in the way of publishing (empty when none). */
export function problemsText(errors: number): string {
  if (errors <= 0) return '';
  return errors === 1 ? say('a11y.problemsOne') : say('a11y.problems', { count: errors });
}

/** watchLongWork starts the announcements; it returns the function that stops them. */
export function watchLongWork(): () => void {
  const stops = [
    useContactImport.subscribe((s, prev) => {
      const what = say('a11y.import');
      if (s.step === 'done' && prev.step !== 'done') return announce(say('a11y.done', { what }));
      if (s.step !== 'importing' || !s.progress || s.progress.total <= 0) return;
      const was = prev.step === 'importing' && prev.progress && prev.progress.total > 0 ? quarter(prev.progress.done / prev.progress.total) : -1;
      if (quarter(s.progress.done / s.progress.total) > was) announce(say('a11y.working', { what, done: s.progress.done.toLocaleString(), total: s.progress.total.toLocaleString() }));
    }),
    useSimulation.subscribe((s, prev) => {
      const what = say('a11y.simulation');
      if (!s.running && prev.running) return announce(say('a11y.done', { what }));
      if (!s.running) return;
      const was = prev.running ? quarter(prev.progress) : -1;
      const now = quarter(s.progress);
      if (now > was) announce(say('a11y.working', { what, done: `${now * 25} %`, total: '100 %' }));
    }),
    useEditor.subscribe((s, prev) => {
      if (s.publishing || !prev.publishing) return;
      const errors = s.issues.filter((i) => i.severity === 'error').length;
      if (errors > 0) announce(problemsText(errors));
      // The button was disabled while publishing, so the dialog could not give it the keyboard back.
      window.requestAnimationFrame(() => {
        if (focusLost()) document.querySelector<HTMLElement>('[data-testid=publish]')?.focus();
      });
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
