// Toasts in the bottom-right corner; errors are announced to screen readers.
import { X } from 'lucide-react';
import { useT } from '../i18n/useT';
import { useToasts } from '../stores/toasts';

export function Toasts() {
  const { t } = useT();
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="fp-toasts" aria-live="polite">
      {toasts.map((x) => (
        <div key={x.id} className={`fp-toast is-${x.kind}`} role={x.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${x.kind}`}>
          <span>{x.text}</span>
          <button type="button" className="fp-icon-btn" onClick={() => dismiss(x.id)} aria-label={t('common.close')}>
            <X size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
