// A modal dialog: a title bar with a close button, closed by Escape or a
// click outside. Focus goes inside on open, stays inside while it is open,
// and goes back where it was on close.
import { X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/useT';
import { useDialogFocus } from './useDialogFocus';

export function Modal(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; className?: string; testId?: string; actions?: ReactNode }) {
  const { t } = useT();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useDialogFocus(ref, { onEscape: () => onClose.current() });

  // A body taller than the window scrolls; it takes focus then, so the
  // arrow and page keys scroll it too (the print preview, issue #22).
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = body.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const check = () => {
      if (el.scrollHeight > el.clientHeight + 1) el.tabIndex = 0;
      else el.removeAttribute('tabindex');
    };
    const ro = new ResizeObserver(check);
    ro.observe(el);
    for (const child of Array.from(el.children)) ro.observe(child);
    check();
    return () => ro.disconnect();
  }, []);

  return (
    <div className="fp-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        ref={ref}
        tabIndex={-1}
        className={`fp-modal fp-modal-box ${props.wide ? 'is-wide' : ''} ${props.className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={props.testId}
      >
        <div className="fp-modal-head">
          <h2 id={titleId}>{props.title}</h2>
          {props.actions}
          <button type="button" className="fp-icon-btn fp-modal-x" onClick={props.onClose} aria-label={t('common.close')} title={t('common.close')}>
            <X size={16} />
          </button>
        </div>
        <div className="fp-modal-body" ref={body}>
          {props.children}
        </div>
      </div>
    </div>
  );
}
