// The import wizard: choose a CSV file, match its columns to fields, pick
// the options, import with a progress bar, then read the result — every
// rejected row with its line and reason, downloadable to fix.
import { CheckCircle2, Download, FileUp, FlaskConical, RotateCcw, Users } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ImportResult, MergePolicy } from '../../api/contacts';
import { Combobox } from '../../components/Combobox';
import type { MessageKey } from '../../i18n/dict';
import { useT } from '../../i18n/useT';
import { useContactFields } from '../../stores/contactsFields';
import { mappingProblems, useContactImport, type ImportStep } from '../../stores/contactsImport';
import { useContactsNav } from '../../stores/contactsNav';
import { useContactsTable } from '../../stores/contactsTable';
import { useRefs } from '../../stores/refs';
import { toast } from '../../stores/toasts';
import { MappingTable } from './MappingTable';
import { fieldLabel, formatNumber, plural } from './labels';
import { msg } from '../../i18n/message';
import { engineText } from '../../api/engineText';

const STEPS: { id: 'choose' | 'map' | 'importing' | 'done'; key: 'contacts.import.step.choose' | 'contacts.import.step.map' | 'contacts.import.step.import' | 'contacts.import.step.result' }[] = [
  { id: 'choose', key: 'contacts.import.step.choose' },
  { id: 'map', key: 'contacts.import.step.map' },
  { id: 'importing', key: 'contacts.import.step.import' },
  { id: 'done', key: 'contacts.import.step.result' },
];

function stepIndex(s: ImportStep): number {
  return s === 'reading' ? 0 : STEPS.findIndex((x) => x.id === s);
}

export function ImportTab() {
  const { t } = useT();
  const step = useContactImport((s) => s.step);
  const current = stepIndex(step);
  return (
    <div className="fp-ct-scrollpane">
      <div className="fp-ct-import" data-testid="import-wizard" data-step={step}>
        <ol className="fp-ct-stepper" aria-label={t('contacts.import.steps')}>
          {STEPS.map((s, i) => (
            <li key={s.id} className={i < current ? 'is-done' : i === current ? 'is-current' : ''} aria-current={i === current ? 'step' : undefined}>
              <span className="fp-ct-stepper-n">{i + 1}</span>
              {t(s.key)}
            </li>
          ))}
        </ol>
        {(step === 'choose' || step === 'reading') && <ChooseFile />}
        {step === 'map' && <MapColumns />}
        {step === 'importing' && <Progress />}
        {step === 'done' && <Result />}
      </div>
    </div>
  );
}

function ChooseFile() {
  const { t } = useT();
  const step = useContactImport((s) => s.step);
  const error = useContactImport((s) => s.error);
  const fileName = useContactImport((s) => s.fileName);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const take = async (file: File | undefined) => {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    await useContactImport.getState().chooseFile(file.name, bytes);
  };

  return (
    <div
      className={`fp-ct-drop ${over ? 'is-over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void take(e.dataTransfer.files?.[0]);
      }}
    >
      <FileUp size={32} aria-hidden="true" />
      <h2>{t('contacts.import.choose.title')}</h2>
      <p className="fp-muted">{t('contacts.import.choose.body')}</p>
      <input
        ref={input}
        type="file"
        accept=".csv,.txt,.tsv,text/csv,text/plain"
        className="fp-ct-sr"
        id="ct-import-file"
        // The button below opens it; the field itself is out of the Tab order
        // but named, for screen readers that reach it (issue #22).
        aria-label={t('contacts.import.choose.button')}
        tabIndex={-1}
        data-testid="import-file"
        onChange={(e) => {
          void take(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <button type="button" className="fp-btn fp-btn-primary" onClick={() => input.current?.click()} disabled={step === 'reading'} data-testid="import-choose">
        {step === 'reading' ? t('contacts.import.reading', { name: fileName }) : t('contacts.import.choose.button')}
      </button>
      <p className="fp-muted fp-small">{t('contacts.import.choose.drop')}</p>
      {error && (
        <p className="fp-field-error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
    </div>
  );
}

function separatorName(t: ReturnType<typeof useT>['t'], sep: string): string {
  switch (sep) {
    case ',':
      return t('contacts.import.sep.comma');
    case ';':
      return t('contacts.import.sep.semicolon');
    case '\t':
      return t('contacts.import.sep.tab');
    case '|':
      return t('contacts.import.sep.pipe');
  }
  return sep;
}

function MapColumns() {
  const { t, lang } = useT();
  const info = useContactImport((s) => s.info);
  const fileName = useContactImport((s) => s.fileName);
  const mapping = useContactImport((s) => s.mapping);
  const choices = useContactImport((s) => s.choices);
  const error = useContactImport((s) => s.error);
  const fields = useContactFields((s) => s.fields);
  const refLists = useRefs((s) => s.refs.lists);
  const listOptions = useMemo(
    () => refLists.map((l) => ({ key: l.key, name: l.name, detail: l.count === undefined ? undefined : l.count === 1 ? t('ref.count.one') : t('ref.count', { count: l.count }) })),
    [refLists, t],
  );
  const tags = useContactsTable((s) => s.lookups.tags);
  const [tagText, setTagText] = useState(choices.tags.join(', '));
  const imp = useContactImport.getState;
  if (!info) return null;
  const problems = mappingProblems(mapping);

  const policies: MergePolicy[] = ['skip', 'update', 'fill'];
  return (
    <div className="fp-ct-map">
      <div className="fp-ct-filecard" data-testid="import-file-info">
        <div>
          <strong>{fileName}</strong>
          <p className="fp-muted fp-small" data-testid="import-facts">
            {t('contacts.import.facts', { rows: formatNumber(info.rows, lang), sep: separatorName(t, info.separator), encoding: info.encoding })}
            {info.empty_lines > 0 && ` · ${plural(t, info.empty_lines, 'contacts.import.emptyLine', 'contacts.import.emptyLines')}`}
          </p>
        </div>
        <button type="button" className="fp-btn fp-btn-small" onClick={() => imp().reset()} data-testid="import-back">
          <RotateCcw size={14} aria-hidden="true" />
          {t('contacts.import.back')}
        </button>
      </div>
      {info.remembered && (
        <p className="fp-ct-note is-info" data-testid="import-remembered">
          {t('contacts.import.remembered')}
        </p>
      )}
      <div className="fp-ct-map-grid">
        <section className="fp-ct-card">
          <h2>{t('contacts.import.mapTitle')}</h2>
          <p className="fp-muted fp-small">{t('contacts.import.mapHelp')}</p>
          <MappingTable columns={info.columns} sample={info.sample} mapping={mapping} fields={fields} onChange={(h, f) => imp().setMapping(h, f)} />
          {problems.map((p) => (
            <p key={p.code === 'duplicate' ? p.field : p.code} className="fp-field-error" role="alert" data-testid={`mapping-problem-${p.code}`}>
              {p.code === 'no_email'
                ? t('contacts.import.problem.no_email')
                : t('contacts.import.problem.duplicate', { headers: p.headers.map((h) => `“${h}”`).join(', '), field: fieldLabel(t, p.field, fields) })}
            </p>
          ))}
        </section>
        <section className="fp-ct-card fp-ct-options">
          <h2>{t('contacts.import.options')}</h2>
          <fieldset>
            <legend>{t('contacts.import.policy')}</legend>
            {policies.map((p) => (
              <label key={p} className="fp-ct-radio">
                <input type="radio" name="ct-policy" value={p} checked={choices.policy === p} onChange={() => imp().setChoice('policy', p)} data-testid={`policy-${p}`} />
                <span>
                  {t(`contacts.import.policy.${p}`)}
                  <small>{t(`contacts.import.policy.${p}.help`)}</small>
                </span>
              </label>
            ))}
          </fieldset>
          <label className="fp-ct-field">
            <span>{t('contacts.import.list')}</span>
            <Combobox
              id="ct-import-list"
              value={choices.list}
              options={listOptions}
              ready
              freeText
              onChange={(v) => imp().setChoice('list', v ?? '')}
              onOpen={() => void useRefs.getState().refresh()}
              missingText={choices.list}
              placeholder={t('contacts.import.listPlaceholder')}
              emptyText={t('ref.empty')}
              create={{ needsName: true, label: (q) => t('ref.create.list', { name: q }), run: async (q) => q }}
              inputTestId="import-list"
            />
            <small className="fp-field-help">{t('contacts.import.listHelp')}</small>
          </label>
          <label className="fp-ct-field">
            <span>{t('contacts.import.tags')}</span>
            <input
              className="fp-input"
              list="ct-tags"
              value={tagText}
              placeholder={t('contacts.import.tagsPlaceholder')}
              onChange={(e) => {
                setTagText(e.target.value);
                imp().setChoice(
                  'tags',
                  e.target.value
                    .split(',')
                    .map((x) => x.trim())
                    .filter(Boolean),
                );
              }}
              data-testid="import-tags"
            />
            <datalist id="ct-tags">
              {tags.map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
          </label>
          <details className="fp-ct-more">
            <summary>{t('contacts.import.more')}</summary>
          <div className="fp-ct-field-row">
            <label className="fp-ct-field">
              <span>{t('contacts.import.country')}</span>
              <input
                className="fp-input fp-input-number"
                value={choices.defaultCountryCode}
                placeholder={t('contacts.import.countryPlaceholder')}
                onChange={(e) => imp().setChoice('defaultCountryCode', e.target.value)}
              />
            </label>
            <label className="fp-ct-field">
              <span>{t('contacts.import.dateOrder')}</span>
              <select className="fp-input" value={choices.dateOrder} onChange={(e) => imp().setChoice('dateOrder', e.target.value === 'mdy' || e.target.value === 'ymd' ? e.target.value : 'dmy')}>
                <option value="dmy">{t('contacts.import.dateOrder.dmy')}</option>
                <option value="mdy">{t('contacts.import.dateOrder.mdy')}</option>
                <option value="ymd">{t('contacts.import.dateOrder.ymd')}</option>
              </select>
            </label>
          </div>
          <label className="fp-ct-check">
            <input type="checkbox" checked={choices.quiet} onChange={(e) => imp().setChoice('quiet', e.target.checked)} />
            {t('contacts.import.quiet')}
          </label>
          </details>
          <label className="fp-ct-check">
            <input type="checkbox" checked={choices.dryRun} onChange={(e) => imp().setChoice('dryRun', e.target.checked)} data-testid="import-dry-run" />
            {t('contacts.import.dryRun')}
          </label>
          {error && (
            <p className="fp-field-error" role="alert" data-testid="import-error">
              {t('contacts.import.refused', { message: error })}
            </p>
          )}
          <button
            type="button"
            className="fp-btn fp-btn-primary fp-ct-go"
            disabled={problems.length > 0 || info.rows === 0}
            onClick={() => void imp().start()}
            data-testid="import-start"
          >
            {choices.dryRun ? <FlaskConical size={15} aria-hidden="true" /> : <FileUp size={15} aria-hidden="true" />}
            {t(choices.dryRun ? 'contacts.import.startDry' : 'contacts.import.start', { count: formatNumber(info.rows, lang) })}
          </button>
        </section>
      </div>
    </div>
  );
}

function Progress() {
  const { t, lang } = useT();
  const progress = useContactImport((s) => s.progress);
  const dry = useContactImport((s) => s.choices.dryRun);
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="fp-ct-card fp-ct-progress" data-testid="import-progress">
      <h2>{t(dry ? 'contacts.import.checking' : 'contacts.import.importing')}</h2>
      <div className="fp-ct-bar" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <div className="fp-ct-bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <p className="fp-muted">{t('contacts.import.progress', { done: formatNumber(done, lang), total: formatNumber(total, lang) })}</p>
    </div>
  );
}

const COUNTS: { key: keyof ImportResult; label: MessageKey; tone: string }[] = [
  { key: 'created', label: 'contacts.import.result.created', tone: 'good' },
  { key: 'updated', label: 'contacts.import.result.updated', tone: 'good' },
  { key: 'unchanged', label: 'contacts.import.result.unchanged', tone: 'plain' },
  { key: 'skipped', label: 'contacts.import.result.skipped', tone: 'plain' },
  { key: 'merged', label: 'contacts.import.result.merged', tone: 'plain' },
  { key: 'rejects', label: 'contacts.import.result.rejected', tone: 'bad' },
  { key: 'empty_lines', label: 'contacts.import.result.emptyLines', tone: 'plain' },
];

function Result() {
  const { t, lang } = useT();
  const result = useContactImport((s) => s.result);
  const fileName = useContactImport((s) => s.fileName);
  const error = useContactImport((s) => s.error);
  const fields = useContactFields((s) => s.fields);
  const imp = useContactImport.getState;
  const first = useRef<HTMLHeadingElement>(null);
  useEffect(() => first.current?.focus(), []);
  if (!result) return null;
  const rejects = result.rejects ?? [];
  const notes = [
    ...(result.skips ?? []).map((n) => ({ ...n, what: 'skip' })),
    ...(result.merges ?? []).map((n) => ({ ...n, what: 'merge' })),
    ...(result.conflicts ?? []).map((n) => ({ ...n, what: 'conflict' })),
  ].sort((a, b) => a.line - b.line);
  // A row as the spreadsheet numbers it, and the file's line when a value
  // spanning lines above makes them differ.
  const rowAt = (row: number, line: number) => (row && row !== line ? t('contacts.import.result.rowAt', { row, line }) : String(line));

  const download = async () => {
    const path = await imp().downloadRejects();
    if (path) toast('success', msg('contacts.import.result.saved', { path }), 'contacts-rejects');
  };

  return (
    <div className="fp-ct-result" data-testid="import-result">
      <div className={`fp-ct-card fp-ct-result-head ${result.dry_run ? 'is-dry' : ''}`}>
        <div className="fp-row">
          {result.dry_run ? <FlaskConical size={20} aria-hidden="true" /> : <CheckCircle2 size={20} aria-hidden="true" className="fp-ct-ok" />}
          <h2 tabIndex={-1} ref={first}>
            {t(result.dry_run ? 'contacts.import.result.titleDry' : 'contacts.import.result.title', { name: fileName })}
          </h2>
        </div>
        <p className="fp-muted fp-small">{t('contacts.import.result.rows', { rows: formatNumber(result.rows, lang) })}</p>
        <div className="fp-ct-counts">
          {COUNTS.map((c) => {
            const raw = result[c.key];
            const n = Array.isArray(raw) ? raw.length : typeof raw === 'number' ? raw : 0;
            return (
              <div key={c.key} className={`fp-ct-countbox is-${c.tone} ${n === 0 ? 'is-zero' : ''}`} data-testid={`result-${c.key}`}>
                <span className="fp-ct-countbox-n">{formatNumber(n, lang)}</span>
                <span className="fp-ct-countbox-label">{t(c.label)}</span>
              </div>
            );
          })}
        </div>
        {(result.new_fields ?? []).length > 0 && (
          <p className="fp-muted fp-small">{t('contacts.import.result.newFields', { names: (result.new_fields ?? []).join(', ') })}</p>
        )}
        <div className="fp-row fp-ct-actions">
          {result.dry_run && (
            <button type="button" className="fp-btn fp-btn-primary" onClick={() => void imp().importForReal()} data-testid="import-for-real">
              <FileUp size={14} aria-hidden="true" />
              {t('contacts.import.result.forReal')}
            </button>
          )}
          {!result.dry_run && (
            <button
              type="button"
              className="fp-btn fp-btn-primary"
              onClick={() => {
                useContactsTable.getState().reload();
                useContactsNav.getState().go('people');
              }}
              data-testid="import-see-contacts"
            >
              <Users size={14} aria-hidden="true" />
              {t('contacts.import.result.see')}
            </button>
          )}
          <button type="button" className="fp-btn" onClick={() => imp().reset()} data-testid="import-again">
            <RotateCcw size={14} aria-hidden="true" />
            {t('contacts.import.result.again')}
          </button>
        </div>
      </div>

      <section className="fp-ct-card" data-testid="import-rejects">
        <div className="fp-row fp-row-between">
          <h2>{t('contacts.import.result.rejects', { count: rejects.length })}</h2>
          {rejects.length > 0 && (
            <button type="button" className="fp-btn fp-btn-small" onClick={() => void download()} data-testid="download-rejects">
              <Download size={14} aria-hidden="true" />
              {t('contacts.import.result.download')}
            </button>
          )}
        </div>
        {error && <p className="fp-field-error">{error}</p>}
        {rejects.length === 0 ? (
          <p className="fp-muted">{t('contacts.import.result.noRejects')}</p>
        ) : (
          <>
            <p className="fp-muted fp-small">{t('contacts.import.result.rejectsHelp')}</p>
            <table className="fp-ct-rejects">
              <thead>
                <tr>
                  <th scope="col">{t('contacts.import.result.line')}</th>
                  <th scope="col">{t('contacts.import.result.reason')}</th>
                  <th scope="col">{t('contacts.import.result.values')}</th>
                </tr>
              </thead>
              <tbody>
                {rejects.map((r) => (
                  <tr key={r.line} data-testid="reject-row" data-line={r.line}>
                    <td className="fp-ct-num">{rowAt(r.row, r.line)}</td>
                    {/* The engine's words in the window's language (its English once showed in French). */}
                    <td>{r.text ? engineText(r.text, lang) : r.reason}</td>
                    <td className="fp-ct-values" title={(r.values ?? []).join(' | ')}>
                      {(r.values ?? []).join(' | ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      {notes.length > 0 && (
        <section className="fp-ct-card">
          <h2>{t('contacts.import.result.notes')}</h2>
          <table className="fp-ct-rejects">
            <thead>
              <tr>
                <th scope="col">{t('contacts.import.result.line')}</th>
                <th scope="col">{t('contacts.field.email')}</th>
                <th scope="col">{t('contacts.import.result.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {notes.map((n) => (
                <tr key={`${n.what}-${n.line}`} data-testid="import-note">
                  <td className="fp-ct-num">{rowAt(n.row, n.line)}</td>
                  <td>{n.email}</td>
                  <td>
                    {n.text
                      ? engineText(n.text, lang)
                      : n.what === 'conflict'
                        ? t(`contacts.import.result.conflictReason.${result.dry_run ? 'dry' : 'done'}`)
                        : n.reason}
                    {(n.conflicts ?? []).map((c) => (
                      <div key={c.field} className="fp-muted fp-small" data-testid="import-conflict">
                        {t('contacts.import.result.conflict', { field: fieldLabel(t, c.field, fields), kept: c.kept, dropped: c.dropped })}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
