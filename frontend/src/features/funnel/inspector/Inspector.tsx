// The inspector: a form generated from the selected step's spec (one
// renderer per field type, show_if respected), a note's text, or the flow's
// own settings when nothing is selected.
import { Trash2, X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import type { FieldSpec, Issue, NodeSpec } from '../../../api/types';
import { issueText } from '../canvas/issues';
import { NOTE_COLOURS } from '../canvas/NoteNodeView';
import { configValue, isShown, readStrings, toStr } from '../canvas/ports';
import { NodeIcon } from '../../../components/Icon';
import { RefCombobox } from '../../../components/RefCombobox';
import { SendTestButton } from '../../../components/SendTest';
import type { MessageKey } from '../../../i18n/dict';
import { useT } from '../../../i18n/useT';
import { useCatalogue } from '../../../stores/catalogue';
import { useEditor } from '../stores/editor';
import { refName, useRefs } from '../../../stores/refs';
import type { StepData, NoteData } from '../canvas/types';
import { fieldDomId, renderers } from './renderers';

const NO_ISSUES: Issue[] = [];

/** handledFocus is the last focus request applied. */
let handledFocus: unknown = null;

export function Inspector() {
  const { t } = useT();
  // A string selector: the inspector re-renders when the selection changes,
  // not on every drag step.
  // A selected frame has no settings of its own (its tab renames it).
  const selection = useEditor((s) =>
    s.nodes
      .filter((n) => n.selected && n.type !== 'frame')
      .map((n) => n.id)
      .join('\n'),
  );
  const focus = useEditor((s) => s.focus);
  const ref = useRef<HTMLDivElement>(null);
  const ids = selection ? selection.split('\n') : [];

  // A problem was clicked: focus its field once the form for it is shown.
  // Once per request: the drawer mounts the inspector again on each opening,
  // and an old request must not take the keyboard from the canvas then.
  useEffect(() => {
    if (!focus || focus === handledFocus) return;
    const frame = window.requestAnimationFrame(() => {
      const root = ref.current;
      if (!root) return;
      handledFocus = focus;
      const target =
        (focus.field && (document.getElementById(fieldDomId(focus.nodeId ?? 'flow', focus.field)) as HTMLElement | null)) ||
        root.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (target) {
        target.scrollIntoView?.({ block: 'center' });
        target.focus({ preventScroll: true });
      }
    });
    return () => window.cancelAnimationFrame(frame);
  }, [focus]);

  let body;
  if (ids.length === 0) body = <FlowSettingsForm />;
  else if (ids.length > 1)
    body = (
      <div className="fp-inspector-section">
        <h2>{t('inspector.many', { count: ids.length })}</h2>
        <p className="fp-muted">{t('inspector.manyHelp')}</p>
      </div>
    );
  else body = <NodeInspector id={ids[0]!} />;

  return (
    <div className="fp-inspector" ref={ref} data-testid="inspector">
      {body}
    </div>
  );
}

function NodeInspector({ id }: { id: string }) {
  // The node's data, not the node: dragging changes the node's position
  // but keeps its data, so the form does not re-render while dragging.
  const type = useEditor((s) => s.nodes.find((n) => n.id === id)?.type);
  const data = useEditor((s) => s.nodes.find((n) => n.id === id)?.data);
  if (!type || !data) return null;
  if (type === 'note') return <NoteInspector id={id} data={data as NoteData} />;
  return <StepInspector id={id} data={data as StepData} />;
}

/** StepInspector is the form of one step. */
export function StepInspector({ id, data }: { id: string; data: StepData }) {
  const { lang, t, tx } = useT();
  const spec = useCatalogue((s) => s.byType[data.nodeType]);
  const issues = useEditor((s) => s.issuesByNode[id]) ?? NO_ISSUES;
  const ed = useEditor.getState;

  if (!spec) {
    return (
      <div className="fp-inspector-section">
        <h2>{t('node.unknown', { type: data.nodeType })}</h2>
        <p className="fp-muted">{t('inspector.unknownType')}</p>
        <DeleteStep id={id} />
      </div>
    );
  }
  const general = issues.filter((i) => !i.field || !spec.fields.some((f) => f.name === i.field));
  return (
    <div className="fp-inspector-section" data-testid={`inspector-${id}`}>
      <header className={`fp-inspector-head fp-cat-${spec.category}`}>
        <span className="fp-node-icon">
          <NodeIcon name={spec.icon} size={18} />
        </span>
        <div>
          <h2>{tx(spec.title)}</h2>
          <p className="fp-muted">{tx(spec.help)}</p>
        </div>
      </header>
      {general.length > 0 && (
        <ul className="fp-issue-list">
          {general.map((i, k) => (
            <li key={k} className={`fp-issue is-${i.severity}`}>
              {issueText(i, lang, spec, data.config)}
            </li>
          ))}
        </ul>
      )}
      <div className="fp-field">
        <label className="fp-label" htmlFor={fieldDomId(id, '#label')}>
          {t('inspector.stepName')}
        </label>
        <input
          id={fieldDomId(id, '#label')}
          className="fp-input"
          value={data.label ?? ''}
          placeholder={t('inspector.stepNamePlaceholder')}
          onChange={(e) => ed().setLabel(id, e.target.value)}
        />
      </div>
      {spec.fields.length === 0 && <p className="fp-muted">{t('inspector.noFields')}</p>}
      {spec.fields.map((f) =>
        isShown(spec, f, data.config) ? (
          <FieldRow key={f.name} nodeId={id} spec={spec} field={f} config={data.config} issues={issues.filter((i) => i.field === f.name)} />
        ) : null,
      )}
      {data.nodeType === 'action.send_email' && (
        <div className="fp-field">
          <SendTestButton email={toStr(data.config.template) ? { id: toStr(data.config.template) } : null} testId={`send-test-${id}`} />
        </div>
      )}
      <DeleteStep id={id} />
    </div>
  );
}

function DeleteStep({ id }: { id: string }) {
  const { t } = useT();
  return (
    <button type="button" className="fp-btn fp-btn-danger-ghost" onClick={() => useEditor.getState().deleteElements([id], [])}>
      <Trash2 size={14} /> {t('inspector.deleteStep')}
    </button>
  );
}

/** FieldRow is one labelled control, drawn by the renderer of the field's type. */
export function FieldRow(props: { nodeId: string; spec: NodeSpec; field: FieldSpec; config: Record<string, unknown>; issues: Issue[] }) {
  const { nodeId, spec, field, config, issues } = props;
  const { lang, t, tx } = useT();
  const Renderer = renderers[field.type];
  const domId = fieldDomId(nodeId, field.name);
  const invalid = issues.some((i) => i.severity === 'error');
  const help = tx(field.help);
  const raw = config[field.name];
  // Complex values show their default in the control (branches, weekdays);
  // scalars show it as a placeholder.
  const value = raw === undefined && typeof field.default === 'object' ? configValue(spec, config, field.name) : raw;
  return (
    <div className={`fp-field ${invalid ? 'is-invalid' : ''}`} data-field={field.name} data-field-type={field.type}>
      {/* A checkbox carries its own label beside it. */}
      {field.type !== 'bool' && (
        <label className="fp-label" htmlFor={domId}>
          {tx(field.label)}
          {field.required && (
            <span className="fp-required" title={t('common.required')} aria-label={t('common.required')}>
              *
            </span>
          )}
        </label>
      )}
      {Renderer ? (
        <Renderer
          id={domId}
          field={field}
          value={value}
          invalid={invalid}
          nodeId={nodeId}
          lang={lang}
          t={t}
          onChange={(v) => useEditor.getState().updateConfig(nodeId, field.name, v)}
        />
      ) : (
        <input id={domId} className="fp-input" value={toStr(raw)} readOnly />
      )}
      {help && <p className="fp-field-help">{help}</p>}
      {issues.map((i, k) => (
        <p key={k} className={i.severity === 'error' ? 'fp-field-error' : 'fp-field-warning'} role={i.severity === 'error' ? 'alert' : undefined}>
          {issueText(i, lang, spec, config)}
        </p>
      ))}
    </div>
  );
}

function NoteInspector({ id, data }: { id: string; data: NoteData }) {
  const { t } = useT();
  const ed = useEditor.getState;
  return (
    <div className="fp-inspector-section">
      <h2>{t('inspector.note')}</h2>
      <div className="fp-field">
        <label className="fp-label" htmlFor={fieldDomId(id, 'text')}>
          {t('inspector.noteText')}
        </label>
        <textarea
          id={fieldDomId(id, 'text')}
          className="fp-input fp-textarea"
          rows={6}
          value={data.text}
          placeholder={t('note.placeholder')}
          onChange={(e) => ed().updateNote(id, { text: e.target.value })}
        />
      </div>
      <div className="fp-field">
        <span className="fp-label">{t('note.colour')}</span>
        <div className="fp-row">
          {NOTE_COLOURS.map((c) => (
            <button
              key={c}
              type="button"
              className={`fp-swatch fp-note-${c} ${(data.color ?? 'yellow') === c ? 'is-on' : ''}`}
              aria-pressed={(data.color ?? 'yellow') === c}
              aria-label={t(`note.colour.${c}` as MessageKey)}
              title={t(`note.colour.${c}` as MessageKey)}
              onClick={() => ed().updateNote(id, { color: c === 'yellow' ? undefined : c })}
            />
          ))}
        </div>
      </div>
      <button type="button" className="fp-btn fp-btn-danger-ghost" onClick={() => ed().deleteElements([id], [])}>
        <Trash2 size={14} /> {t('common.delete')}
      </button>
    </div>
  );
}

const REENTRY = ['once', 'always', 'per_period'] as const;

/** FlowSettingsForm edits the flow-wide settings (shown when nothing is selected). */
export function FlowSettingsForm() {
  const { lang, t } = useT();
  const meta = useEditor((s) => s.meta);
  const issues = useEditor((s) => s.issuesByNode['']) ?? NO_ISSUES;
  if (!meta) return null;
  const ed = useEditor.getState;
  const settings = meta.settings;
  const setSettings = (patch: Partial<typeof settings>) => ed().setMeta({ settings: { ...settings, ...patch } });
  const fieldIssues = (name: string) => issues.filter((i) => i.field === name);
  const exitOn = readStrings(settings.exit_on);
  return (
    <div className="fp-inspector-section" data-testid="flow-settings">
      <h2>{t('inspector.flowTitle')}</h2>
      <p className="fp-muted">{t('inspector.flowHelp')}</p>
      <div className="fp-field">
        <label className="fp-label" htmlFor={fieldDomId('flow', 'description')}>
          {t('inspector.description')}
        </label>
        <textarea
          id={fieldDomId('flow', 'description')}
          className="fp-input fp-textarea"
          rows={3}
          value={meta.description ?? ''}
          placeholder={t('inspector.descriptionPlaceholder')}
          onChange={(e) => ed().setMeta({ description: e.target.value || undefined })}
        />
      </div>
      <div className="fp-field">
        <label className="fp-label" htmlFor={fieldDomId('flow', 'reentry')}>
          {t('inspector.reentry')}
        </label>
        <select
          id={fieldDomId('flow', 'reentry')}
          className="fp-input"
          value={settings.reentry || 'once'}
          onChange={(e) => setSettings({ reentry: e.target.value })}
        >
          {REENTRY.map((r) => (
            <option key={r} value={r}>
              {t(`inspector.reentry.${r}` as MessageKey)}
            </option>
          ))}
        </select>
        <FlowIssues issues={fieldIssues('reentry')} lang={lang} />
      </div>
      {settings.reentry === 'per_period' && (
        <div className="fp-field">
          <label className="fp-label" htmlFor={fieldDomId('flow', 'reentry_period')}>
            {t('inspector.reentryPeriod')}
          </label>
          <input
            id={fieldDomId('flow', 'reentry_period')}
            className="fp-input"
            value={settings.reentry_period ?? ''}
            placeholder="30d"
            aria-invalid={fieldIssues('reentry_period').length > 0 || undefined}
            onChange={(e) => setSettings({ reentry_period: e.target.value || undefined })}
          />
          <FlowIssues issues={fieldIssues('reentry_period')} lang={lang} />
        </div>
      )}
      <div className="fp-field">
        <label className="fp-label" htmlFor={fieldDomId('flow', 'timezone')}>
          {t('inspector.timezone')}
        </label>
        <input
          id={fieldDomId('flow', 'timezone')}
          className="fp-input"
          value={settings.timezone ?? ''}
          placeholder={t('inspector.timezoneExample')}
          onChange={(e) => setSettings({ timezone: e.target.value || undefined })}
        />
        <p className="fp-field-help">{t('inspector.timezoneHelp')}</p>
      </div>
      <div className="fp-field">
        <label className="fp-label" htmlFor={fieldDomId('flow', 'exit_on')}>
          {t('inspector.exitOn')}
        </label>
        <EventList id={fieldDomId('flow', 'exit_on')} value={exitOn} onChange={(list) => setSettings({ exit_on: list.length ? list : undefined })} />
        <p className="fp-field-help">{t('inspector.exitOnHelp')}</p>
      </div>
    </div>
  );
}

/**
 * EventList edits a list of events: each chosen one by its name, with a
 * button to take it out, and a chooser to add another from the catalogue.
 */
function EventList(p: { id: string; value: string[]; onChange: (v: string[]) => void }) {
  const { lang, t } = useT();
  const refs = useRefs((s) => s.refs);
  return (
    <div className="fp-event-list">
      {p.value.length > 0 && (
        <ul className="fp-event-chips">
          {p.value.map((e) => (
            <li key={e} className="fp-event-chip">
              {refName(refs, 'event_type', e, lang) ?? e}
              <button type="button" className="fp-icon-btn" aria-label={t('common.remove')} title={t('common.remove')} onClick={() => p.onChange(p.value.filter((x) => x !== e))}>
                <X size={12} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <RefCombobox kind="event_type" id={p.id} value="" onChange={(v) => v && !p.value.includes(v) && p.onChange([...p.value, v])} placeholder={t('field.pick.placeholder')} />
    </div>
  );
}

function FlowIssues({ issues, lang }: { issues: Issue[]; lang: 'en' | 'fr' }) {
  return (
    <>
      {issues.map((i, k) => (
        <p key={k} className={i.severity === 'error' ? 'fp-field-error' : 'fp-field-warning'}>
          {issueText(i, lang)}
        </p>
      ))}
    </>
  );
}
