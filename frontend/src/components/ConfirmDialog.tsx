// A small modal asking to confirm something that cannot be undone.
import { useRef } from 'react';
import { useT } from '../i18n/useT';
import { useDialogFocus } from './useDialogFocus';

/** tone "danger" (the default) is for what cannot be undone; "primary" for a choice to confirm. */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirm: string;
  onConfirm: () => void;
  onCancel: () => void;
  tone?: 'danger' | 'primary';
  testId?: string;
}) {
  const { t } = useT();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  // Cancel is the safe choice, so it has focus first.
  useDialogFocus(boxRef, { initial: () => cancelRef.current, onEscape: props.onCancel });
  return (
    <div className="fp-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onCancel()}>
      <div ref={boxRef} className="fp-modal" role="alertdialog" data-testid={props.testId} aria-modal="true" aria-labelledby="fp-confirm-title" aria-describedby="fp-confirm-body">
        <h2 id="fp-confirm-title">{props.title}</h2>
        <p id="fp-confirm-body">{props.body}</p>
        <div className="fp-modal-actions">
          <button type="button" className="fp-btn" ref={cancelRef} onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className={`fp-btn ${props.tone === 'primary' ? 'fp-btn-primary' : 'fp-btn-danger'}`} onClick={props.onConfirm} data-testid="confirm">
            {props.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
