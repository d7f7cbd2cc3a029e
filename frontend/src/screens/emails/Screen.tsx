// The emails section (placeholder until built).
import { useT } from '../../i18n/useT';

export function EmailsScreen() {
  const { t } = useT();
  return (
    <main className="fp-main fp-centre" data-testid="screen-emails">
      <div className="fp-empty">
        <p>{t('emails.placeholder')}</p>
      </div>
    </main>
  );
}

export function MailboxScreen() {
  const { t } = useT();
  return (
    <main className="fp-main fp-centre" data-testid="screen-mailbox">
      <div className="fp-empty">
        <p>{t('emails.placeholder')}</p>
      </div>
    </main>
  );
}

export function SettingsScreen() {
  const { t } = useT();
  return (
    <main className="fp-main fp-centre" data-testid="screen-settings">
      <div className="fp-empty">
        <p>{t('emails.placeholder')}</p>
      </div>
    </main>
  );
}
