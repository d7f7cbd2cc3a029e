// The Emails screen: the list of email templates, the editor (subject,
// preheader, sender, blocks or raw HTML, plain-text version) with its
// problems, and the live preview.
import { CircleAlert, Copy, Loader2, Mail, Plus, Save, Trash2, TriangleAlert } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { EmailTemplate } from '../../api/emails';
import { BackToFunnel } from '../../components/BackToFunnel';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { MessageKey } from '../../i18n/dict';
import { useT } from '../../i18n/useT';
import { isDirty, useEmails, type EditMode } from '../../stores/emails';
import { CodeEditor, type CodeEditorHandle } from '../scripts/CodeEditor';
import { BLOCK_LABEL, BlockEditor, NO_BLOCKS } from './BlockEditor';
import { problemText } from './problemText';
import type { LocatedProblem } from './blocks';
import { InsertProvider, MergeFieldPicker, useInsertable, useInsertTarget } from './MergeFields';
import { PreviewPane } from './PreviewPane';
import { readableLiquid } from './readable';
import './emails.css';
import { SendTestButton } from '../../components/SendTest';
import { ScreenTitle } from '../../components/ScreenTitle';
import { focusSoon } from '../../components/focusSoon';

export function EmailsScreen() {
  const { t } = useT();
  const status = useEmails((s) => s.status);
  const loadError = useEmails((s) => s.loadError);
  const hasDraft = useEmails((s) => !!s.draft);

  useEffect(() => {
    void useEmails.getState().load();
    return () => {
      void useEmails.getState().flush();
    };
  }, []);

  useEffect(() => {
    const onHide = () => void useEmails.getState().flush();
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, []);

  return (
    <main
      className="fp-main fp-em"
      data-testid="screen-emails"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          void useEmails.getState().save();
        }
      }}
    >
      <ScreenTitle screen="emails" />
      <TemplateList />
      {status === 'error' ? (
        <div className="fp-em-span fp-centre">
          <div className="fp-empty">
            <p className="fp-field-error">{t('emails.loadFailed', { message: loadError ?? '' })}</p>
          </div>
        </div>
      ) : hasDraft ? (
        <InsertProvider>
          <Editor />
          <PreviewPane />
        </InsertProvider>
      ) : (
        <div className="fp-em-span fp-centre" data-testid="emails-empty">
          <div className="fp-empty">
            {status === 'ready' ? (
              <>
                <h2>{t('emails.empty.title')}</h2>
                <p>{t('emails.empty.body')}</p>
              </>
            ) : (
              <p>{t('app.loading')}</p>
            )}
          </div>
        </div>
      )}
    </main>
  );
}

function TemplateList() {
  const { t } = useT();
  const templates = useEmails((s) => s.templates);
  const selectedId = useEmails((s) => s.selectedId);
  const dirty = useEmails(isDirty);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [deleting, setDeleting] = useState<EmailTemplate | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    const id = await useEmails.getState().create(name);
    if (id) {
      setCreating(false);
      setName('');
      // The new email is open in the editor: its subject is what to write next.
      focusSoon('#fp-email-subject');
    }
  };

  return (
    <aside className="fp-em-list" aria-label={t('emails.list.title')}>
      <BackToFunnel />
      <div className="fp-panel-head">
        <h2>{t('emails.list.title')}</h2>
        <button type="button" className="fp-btn fp-btn-small fp-btn-primary" onClick={() => setCreating(true)} data-testid="new-email">
          <Plus size={14} /> {t('emails.list.new')}
        </button>
      </div>
      {creating && (
        <form className="fp-em-new" onSubmit={submit}>
          <input
            className="fp-input"
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('emails.list.newPlaceholder')}
            aria-label={t('emails.list.newLabel')}
            data-testid="new-email-name"
            onKeyDown={(e) => e.key === 'Escape' && setCreating(false)}
          />
          <div className="fp-row">
            <button type="submit" className="fp-btn fp-btn-small fp-btn-primary" disabled={!name.trim()} data-testid="new-email-create">
              {t('common.create')}
            </button>
            <button type="button" className="fp-btn fp-btn-small fp-btn-ghost" onClick={() => setCreating(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {templates.length === 0 && !creating && <p className="fp-hint">{t('emails.list.empty')}</p>}
      <ul className="fp-em-items">
        {templates.map((tpl) => (
          <li key={tpl.id} className={`fp-em-item ${tpl.id === selectedId ? 'is-on' : ''}`}>
            <button type="button" className="fp-em-open" onClick={() => void useEmails.getState().select(tpl.id)} data-testid={`email-${tpl.id}`} aria-current={tpl.id === selectedId}>
              <Mail size={14} aria-hidden="true" />
              <span className="fp-em-item-text">
                <span className="fp-em-item-name">
                  {tpl.name || tpl.id}
                  {tpl.id === selectedId && dirty && <span className="fp-dot" title={t('emails.status.unsaved')} />}
                </span>
                <span className="fp-em-item-sub">{tpl.subject ? readableLiquid(tpl.subject, t) : t('emails.preview.noSubject')}</span>
              </span>
            </button>
            <span className="fp-em-item-actions">
              <button type="button" className="fp-icon-btn" onClick={() => void useEmails.getState().duplicate(tpl.id)} aria-label={t('emails.list.duplicate', { name: tpl.name })} title={t('emails.list.duplicateShort')} data-testid={`duplicate-email-${tpl.id}`}>
                <Copy size={14} />
              </button>
              <button type="button" className="fp-icon-btn fp-icon-danger" onClick={() => setDeleting(tpl)} aria-label={t('emails.list.delete', { name: tpl.name })} title={t('common.delete')} data-testid={`delete-email-${tpl.id}`}>
                <Trash2 size={14} />
              </button>
            </span>
          </li>
        ))}
      </ul>
      {deleting && (
        <ConfirmDialog
          title={t('emails.deleteTitle', { name: deleting.name || deleting.id })}
          body={t('emails.deleteBody')}
          confirm={t('common.delete')}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(null);
            void useEmails.getState().remove(id);
          }}
        />
      )}
    </aside>
  );
}

function SaveStatus() {
  const { t } = useT();
  const saving = useEmails((s) => s.saving);
  const saveError = useEmails((s) => s.saveError);
  const dirty = useEmails(isDirty);
  let key: MessageKey = 'emails.status.saved';
  let cls = 'is-saved';
  if (saving) [key, cls] = ['emails.status.saving', 'is-busy'];
  else if (saveError) [key, cls] = ['emails.status.failed', 'is-error'];
  else if (dirty) [key, cls] = ['emails.status.unsaved', 'is-dirty'];
  return (
    <span className={`fp-status ${cls}`} data-testid="email-save-status" title={saveError ?? undefined}>
      {cls === 'is-busy' && <Loader2 size={14} className="fp-spin" aria-hidden="true" />}
      {cls === 'is-dirty' && <span className="fp-dot" aria-hidden="true" />}
      {cls === 'is-error' && <CircleAlert size={14} aria-hidden="true" />}
      {t(key)}
    </span>
  );
}

function Editor() {
  const { t } = useT();
  const draft = useEmails((s) => s.draft)!;
  const mode = useEmails((s) => s.mode);
  const problems = useEmails((s) => s.problems);
  const fields = useEmails((s) => s.fields);
  const saving = useEmails((s) => s.saving);
  const [switching, setSwitching] = useState<EditMode | null>(null);
  const html = useRef<CodeEditorHandle>(null);
  const update = useEmails.getState().update;

  const of = (part: string) => problems.filter((p) => p.part === part);

  const goTo = (p: LocatedProblem) => {
    if (p.block !== undefined) {
      useEmails.getState().selectBlock([p.block]);
      document.querySelector<HTMLElement>(`[data-testid="block-${p.block}"]`)?.scrollIntoView?.({ block: 'nearest' });
    } else if (p.part === 'html' && mode === 'html' && p.line > 0) {
      html.current?.goToLine(p.line);
    } else {
      document.getElementById(`fp-email-${p.part}`)?.focus();
    }
  };

  return (
    <section className="fp-em-editor" aria-label={t('emails.editor.title')} data-testid="email-editor">
      <div className="fp-em-head">
        <NameInput key={draft.id} />
        <SaveStatus />
        <span className="fp-spacer" />
        <SendTestButton email={draft} />
        <button type="button" className="fp-btn fp-btn-primary" onClick={() => void useEmails.getState().save()} disabled={saving} title={t('emails.saveHint')} data-testid="email-save">
          <Save size={15} /> {t('common.save')}
        </button>
      </div>
      <div className="fp-em-scroll">
        <div className="fp-em-fields">
          <LineField id="fp-email-subject" label={t('emails.subject')} value={draft.subject} onChange={(subject) => update({ subject })} placeholder={t('emails.subjectPlaceholder')} problems={of('subject')} testId="email-subject" />
          <LineField
            id="fp-email-preheader"
            label={t('emails.preheader')}
            help={t('emails.preheaderHelp')}
            value={draft.preheader ?? ''}
            onChange={(preheader) => update({ preheader })}
            placeholder={t('emails.preheaderPlaceholder')}
            problems={of('preheader')}
            testId="email-preheader"
          />
          <div className="fp-em-pair">
            <LineField id="fp-email-from-name" label={t('emails.fromName')} value={draft.from_name ?? ''} onChange={(from_name) => update({ from_name })} placeholder={t('emails.fromNamePlaceholder')} problems={[]} testId="email-from-name" />
            <LineField id="fp-email-from-email" label={t('emails.fromEmail')} value={draft.from_email ?? ''} onChange={(from_email) => update({ from_email })} placeholder={t('emails.fromEmailPlaceholder')} problems={[]} testId="email-from-email" type="email" />
          </div>
          <p className="fp-field-help">{t('emails.fromHelp')}</p>
        </div>

        <div className="fp-em-toolbar">
          <div className="fp-tabs" role="tablist" aria-label={t('emails.mode.label')}>
            {(['blocks', 'html'] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="tab"
                aria-selected={mode === m}
                className={`fp-tab ${mode === m ? 'is-on' : ''}`}
                onClick={() => mode !== m && setSwitching(m)}
                data-testid={`mode-${m}`}
              >
                {t(m === 'blocks' ? 'emails.mode.blocks' : 'emails.mode.html')}
              </button>
            ))}
          </div>
          <span className="fp-spacer" />
          <MergeFieldPicker fields={fields} />
        </div>

        <ProblemList problems={problems} onPick={goTo} />

        {mode === 'blocks' ? (
          <BlockEditor problems={problems} />
        ) : (
          <HtmlEditor handle={html} problems={of('html')} />
        )}

        <TextPart key={draft.id} problems={of('text')} />
      </div>
      {switching && (
        <ConfirmDialog
          title={t(switching === 'html' ? 'emails.mode.toHtmlTitle' : 'emails.mode.toBlocksTitle')}
          body={t(switching === 'html' ? 'emails.mode.toHtmlBody' : 'emails.mode.toBlocksBody')}
          confirm={t('emails.mode.switch')}
          onCancel={() => setSwitching(null)}
          onConfirm={() => {
            const m = switching;
            setSwitching(null);
            void useEmails.getState().setMode(m);
          }}
        />
      )}
    </section>
  );
}

function NameInput() {
  const { t } = useT();
  const name = useEmails((s) => s.draft?.name ?? '');
  return (
    <input
      className="fp-input fp-em-name"
      value={name}
      onChange={(e) => useEmails.getState().update({ name: e.target.value })}
      aria-label={t('emails.name')}
      placeholder={t('emails.name')}
      data-testid="email-name"
    />
  );
}

function LineField(props: {
  id: string;
  label: string;
  help?: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  problems: readonly LocatedProblem[];
  testId: string;
  type?: string;
}) {
  const ins = useInsertable<HTMLInputElement>(props.label, props.value, props.onChange);
  const message = useProblemMessage();
  const hasError = props.problems.some((p) => p.severity === 'error');
  return (
    <div className="fp-field">
      <label className="fp-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        ref={ins.ref}
        onFocus={props.type === 'email' ? undefined : ins.onFocus}
        className="fp-input"
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value.replace(/[\r\n]+/g, ' '))}
        aria-invalid={hasError}
        data-testid={props.testId}
      />
      {props.help && <p className="fp-field-help">{props.help}</p>}
      {props.problems.map((p, i) => (
        <p key={i} className={p.severity === 'error' ? 'fp-field-error' : 'fp-field-warning'} data-testid={`${props.testId}-problem`}>
          {message(p)}
        </p>
      ))}
    </div>
  );
}

const PART_LABEL: Record<string, MessageKey> = {
  subject: 'emails.part.subject',
  preheader: 'emails.part.preheader',
  html: 'emails.part.html',
  text: 'emails.part.text',
  blocks: 'emails.part.blocks',
};

/** useProblemMessage says a problem in the UI language (see problemText). */
export function useProblemMessage() {
  const { t } = useT();
  return (p: { code?: string; params?: Record<string, string>; message: string }): string => problemText(t, p);
}

/** problemWhere says where a problem is, in the user's words. */
export function useProblemWhere() {
  const { t } = useT();
  const blocks = useEmails((s) => s.draft?.blocks) ?? NO_BLOCKS;
  return (p: LocatedProblem): string => {
    if (p.block !== undefined) {
      const b = blocks[p.block];
      return t('emails.where.block', { n: p.block + 1, label: b && BLOCK_LABEL[b.type] ? t(BLOCK_LABEL[b.type]) : '' }).trim();
    }
    const part = PART_LABEL[p.part] ? t(PART_LABEL[p.part]!) : p.part;
    return p.line > 0 && (p.part === 'html' || p.part === 'text') ? t('emails.where.line', { part, line: p.line }) : part;
  };
}

function ProblemList({ problems, onPick }: { problems: readonly LocatedProblem[]; onPick: (p: LocatedProblem) => void }) {
  const { t } = useT();
  const where = useProblemWhere();
  const message = useProblemMessage();
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const sorted = useMemo(() => [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)), [problems]);
  if (problems.length === 0) {
    return (
      <p className="fp-em-ok" data-testid="email-problems-none">
        {t('emails.problems.none')}
      </p>
    );
  }
  return (
    <div className="fp-em-problems" data-testid="email-problems">
      <div className="fp-row">
        <strong>{t('emails.problems.title')}</strong>
        {errors > 0 && <span className="fp-pill is-error">{t('emails.problems.errors', { count: errors })}</span>}
        {warnings > 0 && <span className="fp-pill is-warning">{t('emails.problems.warnings', { count: warnings })}</span>}
      </div>
      <ul>
        {sorted.map((p, i) => (
          <li key={i} className={p.severity === 'error' ? 'is-error' : 'is-warning'} data-severity={p.severity} data-part={p.part} data-line={p.line} data-block={p.block ?? ''}>
            <button type="button" onClick={() => onPick(p)}>
              {p.severity === 'error' ? <CircleAlert size={14} aria-label={t('problems.error')} /> : <TriangleAlert size={14} aria-label={t('problems.warning')} />}
              <span className="fp-em-where">{where(p)}</span>
              <span>{message(p)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function HtmlEditor({ handle, problems }: { handle: RefObject<CodeEditorHandle | null>; problems: readonly LocatedProblem[] }) {
  const { t } = useT();
  const value = useEmails((s) => s.draft?.html ?? '');
  const { setTarget } = useInsertTarget();
  const lineProblems = useMemo(() => problems.filter((p) => p.line > 0).map((p) => ({ line: p.line, message: problemText(t, p), severity: p.severity })), [problems, t]);
  return (
    <div className="fp-em-html" data-testid="html-editor">
      <p className="fp-field-help">{t('emails.html.help')}</p>
      <CodeEditor
        ref={handle}
        language="html"
        wrap
        value={value}
        onChange={(html) => useEmails.getState().update({ html })}
        problems={lineProblems}
        label={t('emails.mode.html')}
        onSave={() => void useEmails.getState().save()}
        onFocus={() => setTarget({ label: t('emails.mode.html'), insert: (text) => handle.current?.insert(text) })}
      />
    </div>
  );
}

function TextPart({ problems }: { problems: readonly LocatedProblem[] }) {
  const { t } = useT();
  const message = useProblemMessage();
  const text = useEmails((s) => s.draft?.text ?? '');
  const [own, setOwn] = useState(text !== '');
  const onChange = (v: string) => useEmails.getState().update({ text: v });
  const ins = useInsertable<HTMLTextAreaElement>(t('emails.text.label'), text, onChange);
  return (
    <div className="fp-em-text">
      <label className="fp-check">
        <input
          type="checkbox"
          checked={own}
          onChange={(e) => {
            setOwn(e.target.checked);
            if (!e.target.checked) onChange('');
          }}
          data-testid="email-own-text"
        />
        {t('emails.text.own')}
      </label>
      <p className="fp-field-help">{t('emails.text.help')}</p>
      {own && (
        <>
          <textarea
            id="fp-email-text"
            ref={ins.ref}
            onFocus={ins.onFocus}
            className="fp-input fp-textarea fp-mono"
            rows={8}
            value={text}
            onChange={(e) => onChange(e.target.value)}
            aria-label={t('emails.text.label')}
            data-testid="email-text"
          />
          {problems.map((p, i) => (
            <p key={i} className={p.severity === 'error' ? 'fp-field-error' : 'fp-field-warning'}>
              {p.line > 0 ? t('emails.where.lineShort', { line: p.line }) + ' ' : ''}
              {message(p)}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
