// The Rules (Lua) screen: the workspace's scripts and the shipped library, a
// code editor that checks the script as you type, a test panel and the Lua
// reference at hand.
import { BookOpen, CircleAlert, CopyPlus, FlaskConical, Library, Loader2, Plus, Power, Save, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { SCRIPT_KINDS, type ScriptInfo, type ScriptKind } from '../../api/scripts';
import { engineText } from '../../api/engineText';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { MessageKey } from '../../i18n/dict';
import { useT } from '../../i18n/useT';
import { isScriptDirty, nameProblem, useScripts } from '../../stores/scripts';
import { CodeEditor, type CodeEditorHandle } from './CodeEditor';
import { scriptSummary, scriptTitle } from './header';
import { scriptProblems } from './lint';
import { Markdown } from './markdown';
import { KIND_LABEL, TestPanel } from './TestPanel';
import './scripts.css';
import { ScreenTitle } from '../../components/ScreenTitle';

export function ScriptsScreen() {
  const { t } = useT();
  const status = useScripts((s) => s.status);
  const loadError = useScripts((s) => s.loadError);
  const selected = useScripts((s) => s.selected);
  const [side, setSide] = useState<'test' | 'reference'>('test');
  const editor = useRef<CodeEditorHandle>(null);

  useEffect(() => {
    void useScripts.getState().load();
  }, []);

  return (
    <main className="fp-main fp-sc" data-testid="screen-scripts">
      <ScreenTitle screen="scripts" />
      <ScriptList />
      {status === 'error' ? (
        <div className="fp-centre fp-sc-span">
          <div className="fp-empty">
            <p className="fp-field-error">{t('scripts.loadFailed', { message: loadError ?? '' })}</p>
          </div>
        </div>
      ) : selected ? (
        <>
          <ScriptEditor editor={editor} />
          <aside className="fp-sc-side" aria-label={t('scripts.side')}>
            <div className="fp-tabs fp-sc-side-tabs" role="tablist">
              <button type="button" role="tab" aria-selected={side === 'test'} className={`fp-tab ${side === 'test' ? 'is-on' : ''}`} onClick={() => setSide('test')} data-testid="side-test">
                <FlaskConical size={14} /> {t('scripts.test.title')}
              </button>
              <button type="button" role="tab" aria-selected={side === 'reference'} className={`fp-tab ${side === 'reference' ? 'is-on' : ''}`} onClick={() => setSide('reference')} data-testid="side-reference">
                <BookOpen size={14} /> {t('scripts.reference.title')}
              </button>
            </div>
            <div className="fp-sc-side-body">
              {side === 'test' ? <TestPanel onGoToLine={(l) => editor.current?.goToLine(l)} /> : <Reference />}
            </div>
          </aside>
        </>
      ) : (
        <div className="fp-centre fp-sc-span">
          <div className="fp-empty">
            <p>{status === 'ready' ? t('scripts.none') : t('app.loading')}</p>
          </div>
        </div>
      )}
    </main>
  );
}

function ScriptList() {
  const { t, lang } = useT();
  const scripts = useScripts((s) => s.scripts);
  const selected = useScripts((s) => s.selected);
  const dirty = useScripts(isScriptDirty);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ScriptKind>('condition');
  const problem = name ? nameProblem(name, scripts) : null;
  const mine = scripts.filter((s) => !s.library);
  const library = scripts.filter((s) => s.library);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (nameProblem(name, scripts)) return;
    if (await useScripts.getState().create(name, kind)) {
      setCreating(false);
      setName('');
    }
  };

  const item = (s: ScriptInfo) => (
    <li key={s.name}>
      <button type="button" className={`fp-sc-item ${s.name === selected ? 'is-on' : ''}`} onClick={() => void useScripts.getState().select(s.name)} aria-current={s.name === selected} data-testid={`script-${s.name}`}>
        <span className="fp-sc-item-title">
          <HeaderWords said={scriptTitle(s, lang)} />
          {s.name === selected && dirty && <span className="fp-dot" title={t('scripts.status.unsaved')} />}
          {s.switched_off && (
            <span className="fp-kind is-off" data-testid="script-off-badge">
              {t('scripts.off.badge')}
            </span>
          )}
        </span>
        <span className="fp-sc-item-sub">
          <span className={`fp-kind is-${s.kind}`}>{KIND_LABEL[s.kind as ScriptKind] ? t(KIND_LABEL[s.kind as ScriptKind]) : s.kind}</span>
        </span>
      </button>
    </li>
  );

  return (
    <aside className="fp-sc-list" aria-label={t('scripts.list.title')}>
      <div className="fp-panel-head">
        <h2>{t('scripts.list.title')}</h2>
        <button type="button" className="fp-btn fp-btn-small fp-btn-primary" onClick={() => setCreating(true)} data-testid="new-script">
          <Plus size={14} /> {t('scripts.list.new')}
        </button>
      </div>
      {creating && (
        <form className="fp-em-new" onSubmit={submit}>
          <input
            className="fp-input fp-mono"
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('scripts.name.placeholder')}
            aria-label={t('scripts.name.label')}
            aria-invalid={!!problem}
            onKeyDown={(e) => e.key === 'Escape' && setCreating(false)}
            data-testid="new-script-name"
          />
          {problem && <p className="fp-field-error">{t(problem)}</p>}
          <select className="fp-input" value={kind} onChange={(e) => setKind(e.target.value as ScriptKind)} aria-label={t('scripts.kind.label')}>
            {SCRIPT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </select>
          <div className="fp-row">
            <button type="submit" className="fp-btn fp-btn-small fp-btn-primary" disabled={!name || !!problem} data-testid="new-script-create">
              {t('common.create')}
            </button>
            <button type="button" className="fp-btn fp-btn-small fp-btn-ghost" onClick={() => setCreating(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <div className="fp-sc-items">
        <h3 className="fp-sc-group">{t('scripts.list.mine')}</h3>
        {mine.length === 0 ? <p className="fp-hint">{t('scripts.list.mineEmpty')}</p> : <ul>{mine.map(item)}</ul>}
        <h3 className="fp-sc-group">
          <Library size={13} /> {t('scripts.list.library')}
        </h3>
        <ul>{library.map(item)}</ul>
      </div>
    </aside>
  );
}

function ScriptEditor({ editor }: { editor: RefObject<CodeEditorHandle | null> }) {
  const { t, lang } = useT();
  const name = useScripts((s) => s.selected)!;
  const info = useScripts((s) => s.scripts.find((x) => x.name === s.selected));
  const title = info ? scriptTitle(info, lang) : { text: name, own: true };
  const summary = info ? scriptSummary(info, lang) : { text: '', own: true };
  const source = useScripts((s) => s.source);
  const kind = useScripts((s) => s.kind);
  const diagnostics = useScripts((s) => s.diagnostics);
  const checked = useScripts((s) => s.checkedSource === s.source);
  const result = useScripts((s) => s.result);
  const testedSource = useScripts((s) => s.testedSource);
  const saving = useScripts((s) => s.saving);
  const dirty = useScripts(isScriptDirty);
  const scripts = useScripts((s) => s.scripts);
  const [copying, setCopying] = useState(false);
  const [copyName, setCopyName] = useState('');
  const [deleting, setDeleting] = useState(false);
  const copyProblem = copyName ? nameProblem(copyName, scripts) : null;
  const testLabel = t('scripts.test.title');

  const problems = useMemo(() => scriptProblems(diagnostics, result, testedSource, source, testLabel, lang), [diagnostics, result, testedSource, source, testLabel, lang]);

  let status: { key: MessageKey; cls: string; vars?: Record<string, number> };
  if (saving) status = { key: 'scripts.status.saving', cls: 'is-busy' };
  else if (dirty) status = { key: 'scripts.status.unsaved', cls: 'is-dirty' };
  else status = { key: 'scripts.status.saved', cls: 'is-saved' };

  const startCopy = () => {
    let n = `${name}_copy`;
    for (let i = 2; scripts.some((s) => s.name === n); i++) n = `${name}_copy${i}`;
    setCopyName(n);
    setCopying(true);
  };

  return (
    <section className="fp-sc-editor" aria-label={t('scripts.editor')} data-testid="script-editor">
      <div className="fp-sc-head">
        <div className="fp-sc-titles">
          <h2 title={title.text} {...(title.own ? { 'data-user-content': '' } : {})}>
            {title.text}
          </h2>
          {/* The key is how a script and the command line name the rule:
              shown where the script is edited, nowhere else. */}
          <span className="fp-muted fp-small" title={t('scripts.key.hint')} data-testid="script-key">
            <span>{t('scripts.key')}</span> <code>{name}</code>
          </span>
        </div>
        <span className={`fp-status ${status.cls}`} data-testid="script-status">
          {status.cls === 'is-busy' && <Loader2 size={14} className="fp-spin" />}
          {status.cls === 'is-dirty' && <span className="fp-dot" />}
          {t(status.key)}
        </span>
        <span className="fp-spacer" />
        <button type="button" className="fp-btn fp-btn-small fp-btn-primary" onClick={() => void useScripts.getState().save()} disabled={saving || !dirty} title={t('scripts.saveHint')} data-testid="script-save">
          <Save size={14} /> {t('common.save')}
        </button>
      </div>
      <div className="fp-sc-tools">
        <label className="fp-sc-kind-label" htmlFor="fp-script-kind">
          {t('scripts.kind.label')}
        </label>
        <select id="fp-script-kind" className="fp-input fp-input-small fp-sc-kind" value={kind} onChange={(e) => useScripts.getState().setKind(e.target.value)} data-testid="script-kind">
          {SCRIPT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(KIND_LABEL[k])}
            </option>
          ))}
        </select>
        <span className="fp-spacer" />
        <button type="button" className="fp-btn fp-btn-small" onClick={startCopy} title={t('scripts.copyHint')} data-testid="script-copy">
          <CopyPlus size={14} /> {t('scripts.copy')}
        </button>
        {!info?.library && (
          <button type="button" className="fp-btn fp-btn-small fp-btn-ghost fp-danger-text" onClick={() => setDeleting(true)} data-testid="script-delete">
            <Trash2 size={14} /> {t('common.delete')}
          </button>
        )}
      </div>
      {copying && (
        <form
          className="fp-sc-copy"
          onSubmit={(e) => {
            e.preventDefault();
            if (nameProblem(copyName, scripts)) return;
            void useScripts
              .getState()
              .copyAs(copyName)
              .then((ok) => ok && setCopying(false));
          }}
        >
          <label htmlFor="fp-copy-name">{t('scripts.copyName')}</label>
          <input id="fp-copy-name" className="fp-input fp-mono" autoFocus value={copyName} onChange={(e) => setCopyName(e.target.value)} aria-invalid={!!copyProblem} data-testid="copy-name" />
          <button type="submit" className="fp-btn fp-btn-small fp-btn-primary" disabled={!!copyProblem} data-testid="copy-create">
            {t('common.create')}
          </button>
          <button type="button" className="fp-btn fp-btn-small fp-btn-ghost" onClick={() => setCopying(false)}>
            {t('common.cancel')}
          </button>
          {copyProblem && <p className="fp-field-error">{t(copyProblem)}</p>}
        </form>
      )}
      {info?.library && (
        <p className="fp-callout is-info" data-testid="library-note">
          <Library size={15} /> <span>{t('scripts.libraryNote')}</span>
        </p>
      )}
      {info?.switched_off && (
        <div className="fp-sc-off" role="status" data-testid="script-off-note">
          <CircleAlert size={15} />
          <span className="fp-sc-off-text">{t('scripts.off.note', { failures: info.switched_off.failures, reason: engineText(info.switched_off.text, lang, info.switched_off.reason) })}</span>
          <button type="button" className="fp-btn fp-btn-small" onClick={() => void useScripts.getState().switchOn(name)} data-testid="script-switch-on">
            <Power size={14} /> {t('scripts.off.switchOn')}
          </button>
        </div>
      )}
      {summary.text && (
        <p className="fp-sc-summary" {...(summary.own ? { 'data-user-content': '' } : {})}>
          {summary.text}
        </p>
      )}
      <div className="fp-sc-code">
        <CodeEditor
          ref={editor}
          language="lua"
          value={source}
          onChange={(v) => useScripts.getState().setSource(v)}
          problems={problems}
          label={t('scripts.editor')}
          testId="script-code"
          onSave={() => void useScripts.getState().save()}
        />
      </div>
      <div className="fp-sc-diags" data-testid="script-diagnostics" aria-live="polite">
        {problems.length === 0 ? (
          <p className={checked ? 'fp-ok-text' : 'fp-muted'} data-testid="script-ok">
            {checked ? t('scripts.diag.none') : t('scripts.diag.checking')}
          </p>
        ) : (
          <ul>
            {problems.map((p, i) => (
              <li key={i} data-line={p.line} data-testid="script-diagnostic">
                <button type="button" onClick={() => p.line > 0 && editor.current?.goToLine(p.line)}>
                  <CircleAlert size={14} />
                  <span className="fp-sc-line">{p.line > 0 ? t('scripts.diag.line', { line: p.line }) : t('scripts.diag.script')}</span>
                  <span>{p.source ? `${p.source}: ` : ''}{p.message}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {deleting && (
        <ConfirmDialog
          title={t('scripts.deleteTitle', { name })}
          body={t('scripts.deleteBody')}
          confirm={t('common.delete')}
          onCancel={() => setDeleting(false)}
          onConfirm={() => {
            setDeleting(false);
            void useScripts.getState().remove(name);
          }}
        />
      )}
    </section>
  );
}

function Reference() {
  const { t } = useT();
  const reference = useScripts((s) => s.reference);
  const error = useScripts((s) => s.referenceError);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void useScripts.getState().loadReference();
  }, []);
  if (error) return <p className="fp-field-error">{t('scripts.reference.failed', { message: error })}</p>;
  if (reference === null) return <p className="fp-muted">{t('app.loading')}</p>;
  return (
    <div className="fp-sc-ref" ref={box} data-testid="script-reference">
      <p className="fp-card-help">{t('scripts.reference.help')}</p>
      <Markdown
        text={reference}
        idPrefix="fp-ref-"
        onAnchor={(id) => box.current?.querySelector(`#fp-ref-${CSS.escape(id)}`)?.scrollIntoView?.({ block: 'start', behavior: 'smooth' })}
      />
    </div>
  );
}

/** HeaderWords shows a rule's header text, marked as the user's own words when it is not translated. */
function HeaderWords({ said }: { said: { text: string; own: boolean } }) {
  return said.own ? <span data-user-content="">{said.text}</span> : <>{said.text}</>;
}
