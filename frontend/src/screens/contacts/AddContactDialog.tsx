// A small form to add one contact by hand: the same checks as an import,
// and the sign-up (and list) events, so funnels start for them.
import { RefCombobox } from '../../components/RefCombobox';
import { useRef, useState } from 'react';
import { useDialogFocus } from '../../components/useDialogFocus';
import { useT } from '../../i18n/useT';
import { useContactProfile } from '../../stores/contactsProfile';
import { useContactsTable } from '../../stores/contactsTable';
import { fieldLabel } from './labels';

const FIELDS = ['email', 'first_name', 'last_name', 'company', 'country'] as const;

export function AddContactDialog({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  const [values, setValues] = useState<Record<string, string>>({});
  const [list, setList] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  const box = useRef<HTMLFormElement>(null);
  useDialogFocus(box, { initial: () => first.current, onEscape: onClose });

  const submit = async () => {
    setBusy(true);
    const res = await useContactsTable.getState().addContact(values, list ? [list] : []);
    setBusy(false);
    if ('error' in res) {
      setError(res.error);
      return;
    }
    onClose();
    void useContactProfile.getState().open(res.id);
  };

  return (
    <div className="fp-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form
        ref={box}
        className="fp-modal fp-ct-addform"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ct-add-title"
        data-testid="add-contact-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="ct-add-title">{t('contacts.add.title')}</h2>
        {FIELDS.map((f, i) => (
          <label key={f} className="fp-ct-field">
            <span>{fieldLabel(t, f)}</span>
            <input
              ref={i === 0 ? first : undefined}
              className="fp-input"
              type={f === 'email' ? 'email' : 'text'}
              required={f === 'email'}
              value={values[f] ?? ''}
              onChange={(e) => setValues({ ...values, [f]: e.target.value })}
              data-testid={`add-${f}`}
            />
          </label>
        ))}
        <label className="fp-ct-field">
          <span>{t('contacts.add.list')}</span>
          <RefCombobox kind="list" id="ct-add-list" value={list} onChange={(v) => setList(v ?? '')} freeText placeholder={t('contacts.import.listPlaceholder')} />
        </label>
        {error && (
          <p className="fp-field-error" role="alert" data-testid="add-error">
            {error}
          </p>
        )}
        <div className="fp-modal-actions">
          <button type="button" className="fp-btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="fp-btn fp-btn-primary" disabled={busy || !(values.email ?? '').trim()} data-testid="add-save">
            {t('contacts.add.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
