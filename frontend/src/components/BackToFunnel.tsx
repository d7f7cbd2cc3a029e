// "Back to the funnel": shown on a screen reached from a funnel step (an
// email made or opened from "Send an email"); it reopens the funnel with
// that step selected.
import { ArrowLeft } from 'lucide-react';
import { useT } from '../i18n/useT';
import { useReturnTo } from '../stores/returnTo';
import './combobox.css';

export function BackToFunnel() {
  const { t } = useT();
  const target = useReturnTo((s) => s.target);
  if (!target) return null;
  return (
    <div className="fp-back-to-funnel" role="note">
      <button type="button" className="fp-btn fp-btn-small fp-btn-primary" onClick={() => void useReturnTo.getState().back()} data-testid="back-to-funnel">
        <ArrowLeft size={14} /> {t('ref.back')}
      </button>
      <p className="fp-muted">{t('ref.backHint', { step: target.stepName, flow: target.flowName })}</p>
    </div>
  );
}
