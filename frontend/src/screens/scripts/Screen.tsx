// The scripts section (placeholder until built).
import { useT } from '../../i18n/useT';

export function ScriptsScreen() {
  const { t } = useT();
  return (
    <main className="fp-main fp-centre" data-testid="screen-scripts">
      <div className="fp-empty">
        <p>{t('scripts.placeholder')}</p>
      </div>
    </main>
  );
}
