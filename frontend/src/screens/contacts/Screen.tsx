// The contacts section (placeholder until built).
import { useT } from '../../i18n/useT';

export function ContactsScreen() {
  const { t } = useT();
  return (
    <main className="fp-main fp-centre" data-testid="screen-contacts">
      <div className="fp-empty">
        <p>{t('contacts.placeholder')}</p>
      </div>
    </main>
  );
}
