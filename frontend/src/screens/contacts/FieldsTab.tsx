// The fields tab: the built-in fields, the custom fields with their types
// and choices, and a form to add or change a custom field.
import { Lock, Pencil, Plus } from 'lucide-react';
import { useState } from 'react';
import { CUSTOM_FIELD_TYPES, type ContactFieldType, type FieldDef } from '../../api/contacts';
import { useT } from '../../i18n/useT';
import { RULE_ONLY_FIELDS, useContactFields } from '../../stores/contactsFields';
import { fieldNameFor } from '../../stores/contactsImport';
import { toast } from '../../stores/toasts';
import { fieldLabel, fieldTypeLabel } from './labels';
import { msg } from '../../i18n/message';

interface FormState {
  editing: boolean;
  name: string;
  nameTouched: boolean;
  label: string;
  type: ContactFieldType;
  choices: string;
}

const EMPTY_FORM: FormState = { editing: false, name: '', nameTouched: false, label: '', type: 'text', choices: '' };

export function FieldsTab() {
  const { t } = useT();
  const all = useContactFields((s) => s.fields).filter((f) => !RULE_ONLY_FIELDS.has(f.name));
  // Your own fields first: they are the ones to read and change.
  const fields = [...all.filter((f) => !f.identity), ...all.filter((f) => f.identity)];
  const [form, setForm] = useState<FormState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const edit = (f: FieldDef) => {
    setError(null);
    setForm({ editing: true, name: f.name, nameTouched: true, label: f.label, type: f.type, choices: (f.options ?? []).join('\n') });
  };
  const submit = async () => {
    if (!form) return;
    setBusy(true);
    const options = form.choices
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean);
    const err = await useContactFields.getState().define({ name: form.name.trim(), label: form.label.trim(), type: form.type, options, identity: false });
    setBusy(false);
    if (err) {
      setError(err);
      return;
    }
    toast('success', msg('contacts.fields.saved', { name: form.label || form.name }), 'contacts-field');
    setForm(null);
    setError(null);
  };

  return (
    <div className="fp-ct-scrollpane">
      <div className="fp-ct-fields">
        <div className="fp-ct-pagehead">
          <div>
            <h2>{t('contacts.fields.title')}</h2>
            <p className="fp-muted">{t('contacts.fields.help')}</p>
          </div>
          <button
            type="button"
            className="fp-btn fp-btn-primary"
            onClick={() => {
              setError(null);
              setForm(EMPTY_FORM);
            }}
            data-testid="new-field"
          >
            <Plus size={14} aria-hidden="true" />
            {t('contacts.fields.new')}
          </button>
        </div>

        {form && (
          <form
            className="fp-ct-card fp-ct-fieldform"
            data-testid="field-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <h3>{form.editing ? t('contacts.fields.editTitle', { name: form.label || form.name }) : t('contacts.fields.newTitle')}</h3>
            <div className="fp-ct-field-row">
              <label className="fp-ct-field fp-ct-grow">
                <span>{t('contacts.fields.form.label')}</span>
                <input
                  className="fp-input"
                  value={form.label}
                  placeholder={t('contacts.fields.form.labelPlaceholder')}
                  autoFocus
                  onChange={(e) => setForm({ ...form, label: e.target.value, name: form.nameTouched ? form.name : fieldNameFor(e.target.value) })}
                  data-testid="field-label"
                />
              </label>
              <label className="fp-ct-field fp-ct-grow">
                <span>{t('contacts.fields.form.name')}</span>
                <input
                  className="fp-input fp-ct-mono"
                  value={form.name}
                  readOnly={form.editing}
                  onChange={(e) => setForm({ ...form, name: e.target.value, nameTouched: true })}
                  data-testid="field-name"
                />
                <small className="fp-field-help">{t('contacts.fields.form.nameHelp')}</small>
              </label>
              <label className="fp-ct-field">
                <span>{t('contacts.fields.form.type')}</span>
                <select className="fp-input" value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value as ContactFieldType })} data-testid="field-type">
                  {CUSTOM_FIELD_TYPES.map((ty) => (
                    <option key={ty} value={ty}>
                      {fieldTypeLabel(t, ty)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {form.type === 'choice' && (
              <label className="fp-ct-field">
                <span>{t('contacts.fields.form.choices')}</span>
                <textarea className="fp-input fp-textarea" rows={4} value={form.choices} onChange={(e) => setForm({ ...form, choices: e.target.value })} data-testid="field-choices" />
              </label>
            )}
            {form.editing && <p className="fp-field-help">{t('contacts.fields.typeChangeNote')}</p>}
            {error && (
              <p className="fp-field-error" role="alert" data-testid="field-error">
                {error}
              </p>
            )}
            <div className="fp-row">
              <button type="submit" className="fp-btn fp-btn-primary" disabled={busy || !form.name.trim()} data-testid="field-save">
                {t('contacts.fields.form.save')}
              </button>
              <button type="button" className="fp-btn" onClick={() => setForm(null)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        )}

        <table className="fp-ct-fieldtable" data-testid="fields-table">
          <thead>
            <tr>
              <th scope="col">{t('contacts.fields.col.label')}</th>
              <th scope="col">{t('contacts.fields.col.name')}</th>
              <th scope="col">{t('contacts.fields.col.type')}</th>
              <th scope="col">{t('contacts.fields.col.choices')}</th>
              <th scope="col">
                <span className="fp-ct-sr">{t('contacts.fields.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.name} className={f.identity ? 'is-builtin' : ''} data-testid={`field-row-${f.name}`}>
                <td>{fieldLabel(t, f.name, fields)}</td>
                <td className="fp-ct-mono" data-verbatim>{f.name}</td>
                <td>{fieldTypeLabel(t, f.type)}</td>
                <td className="fp-ct-choices">{(f.options ?? []).join(', ')}</td>
                <td className="fp-ct-right">
                  {f.identity ? (
                    <span className="fp-ct-badge" title={t('contacts.fields.builtInHint')}>
                      <Lock size={11} aria-hidden="true" />
                      {t('contacts.fields.builtIn')}
                    </span>
                  ) : (
                    <button type="button" className="fp-btn fp-btn-small fp-btn-ghost" onClick={() => edit(f)} data-testid={`edit-field-${f.name}`}>
                      <Pencil size={13} aria-hidden="true" />
                      {t('contacts.fields.edit')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
