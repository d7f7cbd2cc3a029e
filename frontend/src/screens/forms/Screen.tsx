// The Forms screen: the workspace's sign-up forms on the left, the form
// builder on the right (fields picked from the contact fields, lists and
// tags picked by name, double opt-in, what happens after sending), and the
// embed dialog with the code to paste into a website. The form's public key
// never shows; a form is named by its name.
import { ClipboardList, Code2, Plus, Trash2, X } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/backend';
import { contactsApi } from '../../api/contacts';
import { emailsApi } from '../../api/emails';
import { formsApi, type FormProblem, type FormSnippets, type SignupForm } from '../../api/forms';
import { refsApi } from '../../api/refs';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Modal } from '../../components/Modal';
import { RefCombobox } from '../../components/RefCombobox';
import { ScreenTitle } from '../../components/ScreenTitle';
import { translate, type MessageKey } from '../../i18n/dict';
import { formatNumber } from '../../i18n/format';
import { plural } from '../contacts/labels';
import { useT } from '../../i18n/useT';
import { refName, useRefs } from '../../stores/refs';
import { toast } from '../../stores/toasts';
import { uniqueId } from '../../stores/emails';
import { CONFIRM_LIQUID } from '../emails/blocks';
// The list column is the mailbox's (emails.css): the same look, one set of rules.
import '../emails/emails.css';
import './forms.css';
import { msg } from '../../i18n/message';

/** blankForm is a new form: the email and the first name, in lang. */
export function blankForm(name: string, lang: string): SignupForm {
  return {
    key: '',
    name,
    lang,
    title: '',
    intro: '',
    submit: '',
    fields: [
      { name: 'email', label: '', required: true },
      { name: 'first_name', label: '', required: false },
    ],
    lists: [],
    tags: [],
    double_opt_in: false,
    success: '',
    redirect: '',
    submissions: 0,
    spam: 0,
  };
}

/** fieldKey makes a custom field's name from the label typed ("Job level" → job_level). */
export function fieldKey(label: string): string {
  const k = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return /^[a-z]/.test(k) ? k : `field_${k}`;
}

export function FormsScreen() {
  const { t, lang } = useT();
  const [list, setList] = useState<SignupForm[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<SignupForm | null>(null);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [embed, setEmbed] = useState<FormSnippets | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const load = useCallback(async () => {
    try {
      setList(await formsApi().list());
      setLoadError(null);
    } catch (err) {
      setLoadError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const edit = (patch: Partial<SignupForm>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  const save = async (): Promise<SignupForm | null> => {
    if (!draft) return null;
    setBusy(true);
    try {
      const res = await formsApi().save(draft);
      setProblems(res.problems ?? []);
      if (res.problems?.length) return null;
      setDraft(res.form);
      toast('success', msg('forms.saved'));
      await load();
      return res.form;
    } catch (err) {
      toast('error', msg('forms.saveFailed', { message: errorMessage(err) }));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const openEmbed = async () => {
    if (!draft?.key) return;
    try {
      setEmbed(await formsApi().snippets(draft.key));
    } catch (err) {
      toast('error', errorMessage(err));
    }
  };

  const remove = async () => {
    if (!draft) return;
    setConfirmDelete(false);
    if (draft.key) await formsApi().remove(draft.key);
    setDraft(null);
    setProblems([]);
    await load();
  };

  return (
    <main className="fp-main fp-mb fp-fm" data-testid="screen-forms">
      <ScreenTitle screen="forms" />
      <aside className="fp-mb-list" aria-label={t('forms.title')}>
        <div className="fp-panel-head">
          <h2>{t('forms.title')}</h2>
          <button
            type="button"
            className="fp-btn fp-btn-primary"
            data-testid="forms-new"
            onClick={() => {
              setProblems([]);
              setDraft(blankForm(t('forms.defaultName'), lang));
            }}
          >
            <Plus size={14} aria-hidden="true" /> {t('forms.new')}
          </button>
        </div>
        <p className="fp-hint">{t('forms.hint')}</p>
        {loadError && <p className="fp-field-error fp-pad">{t('forms.loadFailed', { message: loadError })}</p>}
        {list && list.length === 0 && !draft && (
          <div className="fp-mb-empty" data-testid="forms-empty">
            <ClipboardList size={28} aria-hidden="true" />
            <p>{t('forms.empty')}</p>
          </div>
        )}
        <ul className="fp-mb-items" data-testid="forms-list">
          {draft && !draft.key && (
            <li>
              <button type="button" className="fp-mb-item is-on">
                <span className="fp-mb-subject">{draft.name || t('forms.defaultName')}</span>
                <span className="fp-mb-row">{t('forms.unsaved')}</span>
              </button>
            </li>
          )}
          {(list ?? []).map((f) => (
            <li key={f.key}>
              <button
                type="button"
                className={`fp-mb-item ${draft?.key === f.key ? 'is-on' : ''}`}
                aria-current={draft?.key === f.key ? 'true' : undefined}
                data-testid="forms-item"
                onClick={() => {
                  setProblems([]);
                  setDraft(f);
                }}
              >
                <span className="fp-mb-subject">{f.name}</span>
                <span className="fp-mb-row">{t('forms.counts', { sent: plural(t, f.submissions, 'forms.sent.one', 'forms.sent'), spam: plural(t, f.spam, 'forms.spam.one', 'forms.spam') })}</span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      {draft ? (
        <FormEditor
          draft={draft}
          problems={problems}
          busy={busy}
          edit={edit}
          onSave={() => void save()}
          onEmbed={() => void openEmbed()}
          onDelete={() => setConfirmDelete(true)}
        />
      ) : (
        <section className="fp-fm-none">
          <h2>{t('forms.noneOpen.title')}</h2>
          <p className="fp-muted">{t('forms.noneOpen.body')}</p>
        </section>
      )}
      {embed && draft && <EmbedDialog name={draft.name} snippets={embed} onClose={() => setEmbed(null)} />}
      {confirmDelete && draft && (
        <ConfirmDialog
          title={t('forms.deleteTitle', { name: draft.name })}
          body={t('forms.deleteBody')}
          confirm={t('forms.delete')}
          testId="form-delete-confirm"
          onConfirm={() => void remove()}
          onCancel={() => setConfirmDelete(false)}
        />
      )}
    </main>
  );
}

interface EditorProps {
  draft: SignupForm;
  problems: FormProblem[];
  busy: boolean;
  edit(patch: Partial<SignupForm>): void;
  onSave(): void;
  onEmbed(): void;
  onDelete(): void;
}

function FormEditor({ draft, problems, busy, edit, onSave, onEmbed, onDelete }: EditorProps) {
  const { t, lang } = useT();
  const refs = useRefs((s) => s.refs);
  const [adding, setAdding] = useState<'list' | 'tag' | null>(null);
  const fields = draft.fields;
  const setField = (i: number, patch: Partial<SignupForm['fields'][number]>) => edit({ fields: fields.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  const problemText = (p: FormProblem) => t(`forms.problem.${p.code}` as MessageKey, { n: formatNumber(p.index + 1, lang) });
  const fieldName = (name: string) => (name ? (refName(refs, 'field', name, lang) ?? name) : '');

  const createField = {
    needsName: true,
    label: (q: string) => t('forms.field.create', { name: q }),
    run: async (q: string) => {
      const name = fieldKey(q);
      try {
        await contactsApi().defineField({ name, type: 'text', label: q.trim(), options: [], identity: false });
        await useRefs.getState().refresh();
        return name;
      } catch (err) {
        toast('error', errorMessage(err));
        return null;
      }
    },
  };

  return (
    <section className="fp-fm-editor" aria-label={draft.name} data-testid="form-editor">
      <div className="fp-fm-grid">
        <label className="fp-fm-row">
          <span>{t('forms.name')}</span>
          <input className="fp-input" value={draft.name} onChange={(e) => edit({ name: e.target.value })} data-testid="form-name" />
          <small className="fp-muted">{t('forms.nameHint')}</small>
        </label>
        <label className="fp-fm-row">
          <span>{t('forms.lang')}</span>
          <select className="fp-input" value={draft.lang} onChange={(e) => edit({ lang: e.target.value })} data-testid="form-lang">
            <option value="en">{t('forms.lang.en')}</option>
            <option value="fr">{t('forms.lang.fr')}</option>
          </select>
        </label>
        <label className="fp-fm-row">
          <span>{t('forms.heading')}</span>
          <input className="fp-input" value={draft.title} onChange={(e) => edit({ title: e.target.value })} data-testid="form-heading" />
        </label>
        <label className="fp-fm-row">
          <span>{t('forms.submit')}</span>
          <input
            className="fp-input"
            value={draft.submit}
            placeholder={t(draft.lang === 'fr' ? 'forms.submitDefault.fr' : 'forms.submitDefault.en')}
            onChange={(e) => edit({ submit: e.target.value })}
          />
        </label>
        <label className="fp-fm-row fp-fm-wide">
          <span>{t('forms.intro')}</span>
          <textarea className="fp-input" rows={2} value={draft.intro} onChange={(e) => edit({ intro: e.target.value })} />
        </label>
      </div>

      <h3>{t('forms.fields')}</h3>
      <table className="fp-fm-fields" data-testid="form-fields">
        <thead>
          <tr>
            <th scope="col">{t('forms.field.pick')}</th>
            <th scope="col">{t('forms.field.label')}</th>
            <th scope="col">{t('forms.field.required')}</th>
            <th scope="col">
              <span className="fp-sr-only">{t('common.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f, i) => (
            <tr key={i} data-testid="form-field-row">
              <td>
                {f.name === 'email' ? (
                  <span className="fp-fm-fixed" title={t('forms.field.emailNote')}>
                    {fieldName('email')}
                  </span>
                ) : (
                  <RefCombobox
                    kind="field"
                    id={`form-field-${i}`}
                    value={f.name}
                    onChange={(v) => setField(i, { name: v ?? '' })}
                    placeholder={t('forms.field.pickPlaceholder')}
                    ariaLabel={t('forms.field.pick')}
                    inputTestId={`form-field-pick-${i}`}
                    create={createField}
                    invalid={problems.some((p) => p.index === i && p.field !== undefined)}
                  />
                )}
              </td>
              <td>
                <input
                  className="fp-input"
                  value={f.label}
                  placeholder={fieldName(f.name)}
                  aria-label={t('forms.field.label')}
                  onChange={(e) => setField(i, { label: e.target.value })}
                  data-testid={`form-field-label-${i}`}
                />
              </td>
              <td className="fp-fm-check">
                <input
                  type="checkbox"
                  checked={f.required}
                  disabled={f.name === 'email'}
                  aria-label={t('forms.field.required')}
                  onChange={(e) => setField(i, { required: e.target.checked })}
                  data-testid={`form-field-required-${i}`}
                />
              </td>
              <td>
                {f.name !== 'email' && (
                  <button
                    type="button"
                    className="fp-icon-btn"
                    aria-label={t('forms.field.remove', { name: fieldName(f.name) })}
                    title={t('forms.field.remove', { name: fieldName(f.name) })}
                    onClick={() => edit({ fields: fields.filter((_, j) => j !== i) })}
                  >
                    <Trash2 size={14} />
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="fp-btn" onClick={() => edit({ fields: [...fields, { name: '', label: '', required: false }] })} data-testid="form-field-add">
        <Plus size={14} aria-hidden="true" /> {t('forms.field.add')}
      </button>

      <div className="fp-fm-grid">
        <NamePicks
          kind="list"
          title={t('forms.lists')}
          addLabel={t('forms.addList')}
          names={draft.lists}
          adding={adding === 'list'}
          setAdding={(on) => setAdding(on ? 'list' : null)}
          onChange={(lists) => edit({ lists })}
        />
        <NamePicks
          kind="tag"
          title={t('forms.tags')}
          addLabel={t('forms.addTag')}
          names={draft.tags}
          adding={adding === 'tag'}
          setAdding={(on) => setAdding(on ? 'tag' : null)}
          onChange={(tags) => edit({ tags })}
        />
      </div>

      <label className="fp-fm-opt">
        <input type="checkbox" checked={draft.double_opt_in} onChange={(e) => edit({ double_opt_in: e.target.checked })} data-testid="form-double-opt-in" />
        <span>
          {t('forms.doubleOptIn')}
          <small className="fp-muted">{t('forms.doubleOptInHint')}</small>
        </span>
      </label>
      {draft.double_opt_in && <ConfirmEmailPicker lang={draft.lang} value={draft.confirm_email ?? ''} onChange={(id) => edit({ confirm_email: id })} />}

      <h3>{t('forms.after')}</h3>
      <div className="fp-fm-grid">
        <label className="fp-fm-row">
          <span>{t('forms.success')}</span>
          <textarea className="fp-input" rows={2} value={draft.success} placeholder={t('forms.successPlaceholder')} onChange={(e) => edit({ success: e.target.value })} />
        </label>
        <label className="fp-fm-row">
          <span>{t('forms.redirect')}</span>
          <input className="fp-input" type="url" value={draft.redirect} placeholder={t('forms.redirectPlaceholder')} onChange={(e) => edit({ redirect: e.target.value })} />
        </label>
      </div>

      {problems.length > 0 && (
        <ul className="fp-fm-problems" role="alert" data-testid="form-problems">
          {problems.map((p, i) => (
            <li key={i}>{problemText(p)}</li>
          ))}
        </ul>
      )}

      <div className="fp-fm-actions">
        <button type="button" className="fp-btn fp-btn-primary" disabled={busy} onClick={onSave} data-testid="form-save">
          {t('forms.save')}
        </button>
        <button
          type="button"
          className="fp-btn"
          disabled={!draft.key}
          title={draft.key ? undefined : t('forms.embedNeedsSave')}
          onClick={onEmbed}
          data-testid="form-embed"
        >
          <Code2 size={14} aria-hidden="true" /> {t('forms.embed')}
        </button>
        <span className="fp-fm-spacer" />
        <button type="button" className="fp-btn fp-btn-danger" onClick={onDelete} data-testid="form-delete">
          <Trash2 size={14} aria-hidden="true" /> {t('forms.delete')}
        </button>
      </div>
    </section>
  );
}

/**
 * ConfirmEmailPicker chooses the email a double opt-in form sends: one of
 * the workspace's emails by name, or none for the built-in plain one. A new
 * one is made in place, in the form's language, with the confirmation link
 * as its button, and picked; the builder stays open.
 */
function ConfirmEmailPicker({ lang, value, onChange }: { lang: string; value: string; onChange(id: string): void }) {
  const { t } = useT();
  const formLang = lang === 'fr' ? 'fr' : 'en';
  const create = {
    label: (q: string) => (q ? t('forms.confirmEmailCreate', { name: q }) : t('forms.confirmEmailCreateBlank')),
    run: async (q: string) => {
      const name = q.trim() || translate(formLang, 'forms.confirmSample.name');
      const taken = (useRefs.getState().refs.emails).map((e) => e.key);
      const id = uniqueId(name, taken);
      try {
        await emailsApi().saveTemplate({
          id,
          name,
          subject: translate(formLang, 'forms.confirmSample.subject'),
          preheader: '',
          blocks: [
            { type: 'heading', level: 1, text: translate(formLang, 'emails.sample.greeting') },
            { type: 'text', text: translate(formLang, 'forms.confirmSample.text') },
            { type: 'button', text: translate(formLang, 'forms.confirmSample.button'), url: CONFIRM_LIQUID },
            { type: 'divider' },
            { type: 'text', text: translate(formLang, 'forms.confirmSample.footer'), color: '#6b7280' },
          ],
        });
        await useRefs.getState().refresh();
        return id;
      } catch (err) {
        toast('error', msg('ref.createFailed', { message: errorMessage(err) }));
        return null;
      }
    },
  };
  return (
    <div className="fp-fm-row fp-fm-confirm" data-testid="form-confirm-email">
      <label htmlFor="form-confirm-email">{t('forms.confirmEmail')}</label>
      <div className="fp-fm-confirm-pick">
        <RefCombobox
          kind="template"
          id="form-confirm-email"
          value={value || undefined}
          onChange={(v) => onChange(v ?? '')}
          placeholder={t('forms.confirmEmailBuiltIn')}
          ariaLabel={t('forms.confirmEmail')}
          inputTestId="form-confirm-email-input"
          create={create}
        />
        {value && (
          <button type="button" className="fp-btn fp-btn-small" onClick={() => onChange('')} data-testid="form-confirm-builtin">
            {t('forms.confirmEmailUseBuiltIn')}
          </button>
        )}
      </div>
      <small className="fp-muted">{value ? t('forms.confirmEmailHint') : t('forms.confirmEmailBuiltInHint')}</small>
    </div>
  );
}

/** NamePicks is a form's lists or tags: chips, and a picker to add one (or create it). */
function NamePicks(p: {
  kind: 'list' | 'tag';
  title: string;
  addLabel: string;
  names: string[];
  adding: boolean;
  setAdding(on: boolean): void;
  onChange(names: string[]): void;
}) {
  const { t } = useT();
  const add = (name: string | undefined) => {
    const n = (name ?? '').trim();
    if (n && !p.names.some((x) => x.toLowerCase() === n.toLowerCase())) p.onChange([...p.names, n]);
    p.setAdding(false);
  };
  const create =
    p.kind === 'list'
      ? {
          needsName: true,
          label: (q: string) => t('ref.create.list', { name: q }),
          run: async (q: string) => {
            try {
              const made = await refsApi().createList(q);
              await useRefs.getState().refresh();
              return made;
            } catch (err) {
              toast('error', msg('ref.createFailed', { message: errorMessage(err) }));
              return null;
            }
          },
        }
      : { needsName: true, label: (q: string) => t('ref.create.tag', { name: q }), run: async (q: string) => q };
  return (
    <div className="fp-fm-row" data-testid={`form-${p.kind}s`}>
      <span>{p.title}</span>
      <div className="fp-fm-chips">
        {p.names.map((n) => (
          <span key={n} className="fp-chip" data-testid={`form-${p.kind}-chip`}>
            {n}
            <button type="button" className="fp-chip-x" aria-label={t('forms.removeItem', { name: n })} title={t('forms.removeItem', { name: n })} onClick={() => p.onChange(p.names.filter((x) => x !== n))}>
              <X size={12} />
            </button>
          </span>
        ))}
      </div>
      {p.adding ? (
        <RefCombobox kind={p.kind} id={`form-add-${p.kind}`} value="" onChange={add} ariaLabel={p.addLabel} inputTestId={`form-add-${p.kind}-input`} create={create} />
      ) : (
        <button type="button" className="fp-btn fp-btn-small" onClick={() => p.setAdding(true)} data-testid={`form-add-${p.kind}`}>
          <Plus size={14} aria-hidden="true" /> {p.addLabel}
        </button>
      )}
    </div>
  );
}

/** EmbedDialog gives the code to paste: the plain form, the frame, the page's address. */
function EmbedDialog({ name, snippets, onClose }: { name: string; snippets: FormSnippets; onClose(): void }) {
  const { t } = useT();
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (what: string, text: string) => {
    if (await emailsApi().copyText(text)) setCopied(what);
    else toast('error', msg('forms.embed.copyFailed'));
  };
  const block = (what: string, title: string, text: string, rows: number, hint?: string) => (
    <section className="fp-fm-snippet" data-testid={`embed-${what}`}>
      <div className="fp-fm-snippet-head">
        <h3>{title}</h3>
        <button type="button" className="fp-btn fp-btn-small" onClick={() => void copy(what, text)} data-testid={`embed-copy-${what}`}>
          {copied === what ? t('forms.embed.copied') : t('forms.embed.copy')}
        </button>
      </div>
      {hint && <p className="fp-muted">{hint}</p>}
      <textarea className="fp-input fp-fm-code" readOnly rows={rows} value={text} onFocus={(e) => e.currentTarget.select()} data-testid={`embed-code-${what}`} aria-label={title} />
    </section>
  );
  return (
    <Modal title={t('forms.embed.title', { name })} onClose={onClose} wide testId="embed-dialog">
      {block('html', t('forms.embed.html'), snippets.html, 8, t('forms.embed.htmlHint'))}
      {block('iframe', t('forms.embed.iframe'), snippets.iframe, 3)}
      <section className="fp-fm-snippet" data-testid="embed-page">
        <div className="fp-fm-snippet-head">
          <h3>{t('forms.embed.page')}</h3>
          <button type="button" className="fp-btn fp-btn-small" onClick={() => void copy('page', snippets.page)} data-testid="embed-copy-page">
            {copied === 'page' ? t('forms.embed.copied') : t('forms.embed.copy')}
          </button>
          <button type="button" className="fp-btn fp-btn-small" onClick={() => emailsApi().openExternal(snippets.page)}>
            {t('forms.embed.open')}
          </button>
        </div>
        <input className="fp-input fp-fm-code" readOnly value={snippets.page} aria-label={t('forms.embed.page')} onFocus={(e) => e.currentTarget.select()} />
        <p className="fp-muted">{t('forms.embed.loopback')}</p>
      </section>
    </Modal>
  );
}
