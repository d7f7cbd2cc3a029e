// Toasts in the bottom-right corner; errors are announced to screen readers.
// Each is written in the language of the moment, so a switch to French
// turns the toasts already on screen into French too. A toast under the
// pointer stays until the pointer leaves (then it has its time again).
import { X } from 'lucide-react';
import { useT } from '../i18n/useT';
import { toastText, useToasts } from '../stores/toasts';

export function Toasts() {
  const { t, lang } = useT();
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  const hold = useToasts((s) => s.hold);
  const release = useToasts((s) => s.release);
  return (
    <div className="fp-toasts" aria-live="polite">
      {toasts.map((x) => (
        // A toast stays while the pointer is on it: it is being read.
        <div
          key={x.id}
          className={`fp-toast is-${x.kind}`}
          role={x.kind === 'error' ? 'alert' : 'status'}
          data-testid={`toast-${x.kind}`}
          onMouseEnter={() => hold(x.id)}
          onMouseLeave={() => release(x.id)}
        >
          <span>{toastText(x, lang)}</span>
          <button type="button" className="fp-icon-btn" onClick={() => dismiss(x.id)} aria-label={t('common.close')}>
            <X size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
