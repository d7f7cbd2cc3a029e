// The simulation section. Its charts (recharts) and picture export weigh
// about 400 kB: they load the first time the section opens, not at start-up.
import { lazy, Suspense } from 'react';
import { useT } from '../../i18n/useT';

const SimulationView = lazy(() => import('./View').then((m) => ({ default: m.SimulationView })));

export function SimulationScreen() {
  const { t } = useT();
  return (
    <Suspense
      fallback={
        <main className="fp-main fp-centre" data-testid="screen-simulate-loading">
          <p className="fp-muted">{t('app.loading')}</p>
        </main>
      }
    >
      <SimulationView />
    </Suspense>
  );
}
