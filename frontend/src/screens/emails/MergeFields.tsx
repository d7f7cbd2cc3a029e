// The merge-field picker: it inserts Liquid such as
// {{ contact.first_name | default: "there" }} where the user last typed
// (a text field, a block, or the HTML editor).
import { Braces, ChevronDown } from 'lucide-react';
import { createContext, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/useT';
import { CONFIRM_LIQUID, insertAt, liquidField, UNSUBSCRIBE_LIQUID } from './blocks';
import { FIELD_LABELS } from '../../i18n/fields';

/** InsertTarget is somewhere text can be inserted at the caret. */
export interface InsertTarget {
  label: string;
  insert(text: string): void;
}

interface InsertContext {
  target: InsertTarget | null;
  setTarget(t: InsertTarget | null): void;
}

const Ctx = createContext<InsertContext>({ target: null, setTarget: () => {} });

export function InsertProvider({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<InsertTarget | null>(null);
  const value = useMemo(() => ({ target, setTarget }), [target]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** useInsertTarget gives the picker's current target and a way to set it. */
export function useInsertTarget(): InsertContext {
  return useContext(Ctx);
}

type Editable = HTMLInputElement | HTMLTextAreaElement;

/** useInsertable makes an input or textarea a target for the picker when it gets focus. */
export function useInsertable<T extends Editable>(label: string, value: string, onChange: (v: string) => void) {
  const ref = useRef<T>(null);
  const latest = useRef({ value, onChange, label });
  latest.current = { value, onChange, label };
  const { setTarget } = useInsertTarget();
  const target = useMemo<InsertTarget>(
    () => ({
      get label() {
        return latest.current.label;
      },
      insert(text) {
        const el = ref.current;
        const v = latest.current.value;
        const start = el?.selectionStart ?? v.length;
        const end = el?.selectionEnd ?? start;
        const r = insertAt(v, start, end, text);
        latest.current.onChange(r.value);
        requestAnimationFrame(() => {
          if (!el) return;
          el.focus();
          el.setSelectionRange(r.caret, r.caret);
        });
      },
    }),
    [],
  );
  return { ref, onFocus: () => setTarget(target) };
}

const FALLBACK_FIELDS = ['first_name', 'last_name', 'email', 'company'];

export function MergeFieldPicker({ fields }: { fields: readonly string[] }) {
  const { t } = useT();
  const { target } = useInsertTarget();
  const [open, setOpen] = useState(false);
  const [fallback, setFallback] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const list = fields.length > 0 ? fields : FALLBACK_FIELDS;
  const insert = (text: string) => {
    target?.insert(text);
    setOpen(false);
  };

  return (
    <div className="fp-mf" ref={box}>
      <button
        type="button"
        className="fp-btn fp-btn-small"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((v) => !v)}
        data-testid="merge-field-button"
        title={t('emails.merge.hint')}
      >
        <Braces size={14} /> {t('emails.merge.button')} <ChevronDown size={14} />
      </button>
      {open && (
        <div className="fp-mf-pop" id={id} role="dialog" aria-label={t('emails.merge.button')} data-testid="merge-field-menu">
          <p className="fp-mf-target">
            {target ? t('emails.merge.into', { field: target.label }) : t('emails.merge.noTarget')}
          </p>
          <label className="fp-mf-fallback">
            <span>{t('emails.merge.fallback')}</span>
            <input className="fp-input" value={fallback} onChange={(e) => setFallback(e.target.value)} placeholder={t('emails.merge.fallbackPlaceholder')} data-testid="merge-field-fallback" />
          </label>
          <ul className="fp-mf-list">
            {list.map((f) => (
              <li key={f}>
                <button type="button" disabled={!target} onClick={() => insert(liquidField(f, fallback))} data-testid={`merge-field-${f}`}>
                  <span>{FIELD_LABELS[f] ? t(FIELD_LABELS[f]) : f}</span>
                  <code>contact.{f}</code>
                </button>
              </li>
            ))}
            <li className="fp-mf-sep">
              <button type="button" disabled={!target} onClick={() => insert(UNSUBSCRIBE_LIQUID)} data-testid="merge-field-unsubscribe">
                <span>{t('emails.merge.unsubscribe')}</span>
                <code>unsubscribe_url</code>
              </button>
            </li>
            <li>
              <button type="button" disabled={!target} onClick={() => insert(CONFIRM_LIQUID)} data-testid="merge-field-confirm">
                <span>{t('emails.merge.confirm')}</span>
                <code>confirm_url</code>
              </button>
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}
