// The sections besides the funnels load the first time they open, not at
// start-up: the script editor (CodeMirror), the contacts table and the
// email designer were about 450 kB of the 1.25 MB the window parsed before
// its first picture (issue #7: the window ready within 1.5 s).
import { lazy, Suspense, type ReactNode } from 'react';
import { useT } from '../i18n/useT';

export const ContactsScreen = lazy(() => import('./contacts/Screen').then((m) => ({ default: m.ContactsScreen })));
export const EmailsScreen = lazy(() => import('./emails/Screen').then((m) => ({ default: m.EmailsScreen })));
export const MailboxScreen = lazy(() => import('./emails/Screen').then((m) => ({ default: m.MailboxScreen })));
export const SettingsScreen = lazy(() => import('./emails/Screen').then((m) => ({ default: m.SettingsScreen })));
export const FormsScreen = lazy(() => import('./forms/Screen').then((m) => ({ default: m.FormsScreen })));
export const ScriptsScreen = lazy(() => import('./scripts/Screen').then((m) => ({ default: m.ScriptsScreen })));

/** Section shows a section, with a plain "Loading…" while its code arrives. */
export function Section({ name, children }: { name: string; children: ReactNode }) {
  const { t } = useT();
  return (
    <Suspense
      fallback={
        <main className="fp-main fp-centre" data-testid={`screen-${name}-loading`}>
          <p className="fp-muted">{t('app.loading')}</p>
        </main>
      }
    >
      {children}
    </Suspense>
  );
}
