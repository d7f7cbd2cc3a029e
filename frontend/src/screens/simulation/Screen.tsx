// The simulation section (placeholder until built).
import { useT } from '../../i18n/useT';

export function SimulationScreen() {
  const { t } = useT();
  return (
    <main className="fp-main fp-centre" data-testid="screen-simulate">
      <div className="fp-empty">
        <p>{t('simulation.placeholder')}</p>
      </div>
    </main>
  );
}
