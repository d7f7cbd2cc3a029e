// The test panel: run the script being edited against a sample contact (or a
// real one), an optional event and its parameters, and see what it returns,
// how long it took and what it printed.
import { ContactFinder, contactLabel } from '../../components/ContactFinder';
import { RefCombobox } from '../../components/RefCombobox';
import { CircleAlert, Loader2, Play } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';
import { SCRIPT_KINDS, type ScriptKind, type ScriptParam, type ScriptTestResult } from '../../api/scripts';
import { engineText } from '../../api/engineText';
import { en, type MessageKey } from '../../i18n/dict';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/useT';
import { defaultText, useScripts } from '../../stores/scripts';
import { paramHelp } from './header';

const NO_PARAMS: ScriptParam[] = [];

export const KIND_LABEL: Record<ScriptKind, MessageKey> = {
  condition: 'scripts.kind.condition',
  score: 'scripts.kind.score',
  action: 'scripts.kind.action',
};

export function TestPanel({ onGoToLine }: { onGoToLine: (line: number) => void }) {
  const { t, lang } = useT();
  const library = useScripts((s) => s.scripts.find((x) => x.name === s.selected)?.library ?? false);
  const id = useId();
  const test = useScripts((s) => s.test);
  const formError = useScripts((s) => s.testFormError);
  const testing = useScripts((s) => s.testing);
  const result = useScripts((s) => s.result);
  const callError = useScripts((s) => s.testCallError);
  const params = useScripts((s) => s.scripts.find((x) => x.name === s.selected)?.params) ?? NO_PARAMS;
  const stale = useScripts((s) => s.testedSource !== null && s.testedSource !== s.source);
  const { setTest, setParam } = useScripts.getState();

  return (
    <div className="fp-test" data-testid="test-panel">
      <p className="fp-card-help">{t('scripts.test.help')}</p>
      <div className="fp-field">
        <label className="fp-label" htmlFor={`${id}-kind`}>
          {t('scripts.test.kind')}
        </label>
        <select id={`${id}-kind`} className="fp-input" value={test.kind} onChange={(e) => setTest({ kind: e.target.value })} data-testid="test-kind">
          {SCRIPT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(KIND_LABEL[k])}
            </option>
          ))}
        </select>
      </div>

      <fieldset className="fp-fieldset">
        <legend>{t('scripts.test.contact')}</legend>
        <label className="fp-check">
          <input type="radio" name={`${id}-who`} checked={test.contact === 'sample'} onChange={() => setTest({ contact: 'sample' })} data-testid="test-contact-sample" />
          {t('scripts.test.sample')}
        </label>
        <label className="fp-check">
          <input type="radio" name={`${id}-who`} checked={test.contact === 'id'} onChange={() => setTest({ contact: 'id' })} data-testid="test-contact-id-choice" />
          {t('scripts.test.byId')}
        </label>
        {test.contact === 'id' && (
          <>
            <ContactFinder
              label={t('scripts.test.contactId')}
              onPick={(c) => setTest({ contactId: String(c.id), contactLabel: contactLabel(c) })}
              testId="test-contact-find"
            />
            {test.contactId && test.contactLabel && (
              <p className="fp-muted" data-testid="test-contact-picked">
                {t('scripts.test.picked', { who: test.contactLabel })}
              </p>
            )}
          </>
        )}
        {formError === 'contactId' && <p className="fp-field-error">{t('scripts.test.err.contactId')}</p>}
      </fieldset>

      <fieldset className="fp-fieldset">
        <legend>{t('scripts.test.event')}</legend>
        <label className="fp-check">
          <input type="checkbox" checked={test.eventOn} onChange={(e) => setTest({ eventOn: e.target.checked })} data-testid="test-event-on" />
          {t('scripts.test.withEvent')}
        </label>
        {test.eventOn && (
          <>
            <label className="fp-label" htmlFor={`${id}-etype`}>
              {t('scripts.test.eventType')}
            </label>
            <RefCombobox
              kind="event_type"
              id={`${id}-etype`}
              value={test.eventType}
              onChange={(v) => setTest({ eventType: v ?? '' })}
              freeText
              placeholder={t('field.pick.placeholder')}
              invalid={formError === 'eventType'}
              inputTestId="test-event-type"
            />
            {formError === 'eventType' && <p className="fp-field-error">{t('scripts.test.err.eventType')}</p>}
            <label className="fp-label" htmlFor={`${id}-eprops`}>
              {t('scripts.test.eventProps')}
            </label>
            <textarea
              id={`${id}-eprops`}
              className="fp-input fp-textarea fp-mono"
              rows={3}
              value={test.eventProps}
              onChange={(e) => setTest({ eventProps: e.target.value })}
              placeholder='{"path": "/pricing"}'
              aria-invalid={formError === 'eventProps'}
              data-testid="test-event-props"
            />
            {formError === 'eventProps' && <p className="fp-field-error">{t('scripts.test.err.eventProps')}</p>}
          </>
        )}
      </fieldset>

      {params.length > 0 && (
        <fieldset className="fp-fieldset">
          <legend>{t('scripts.test.params')}</legend>
          {params.map((p) => (
            <div className="fp-field" key={p.Name}>
              <label className="fp-label" htmlFor={`${id}-p-${p.Name}`}>
                <code>{p.Name}</code> <span className="fp-muted fp-small">{paramType(t, p.Type)}</span>
              </label>
              {p.Type === 'boolean' ? (
                <select id={`${id}-p-${p.Name}`} className="fp-input" value={test.params[p.Name] ?? ''} onChange={(e) => setParam(p.Name, e.target.value)} data-testid={`test-param-${p.Name}`}>
                  <option value="">{t('scripts.test.paramUnset')}</option>
                  <option value="true">{t('common.yes')}</option>
                  <option value="false">{t('common.no')}</option>
                </select>
              ) : (
                <input
                  id={`${id}-p-${p.Name}`}
                  className="fp-input"
                  inputMode={p.Type === 'number' ? 'decimal' : undefined}
                  value={test.params[p.Name] ?? ''}
                  onChange={(e) => setParam(p.Name, e.target.value)}
                  data-testid={`test-param-${p.Name}`}
                />
              )}
              {p.Description && (
                <p className="fp-field-help" {...(paramHelp(p, library, lang).own ? { 'data-user-content': '' } : {})}>
                  {paramHelp(p, library, lang).text}
                </p>
              )}
              {p.Default !== null && p.Default !== undefined && <p className="fp-field-help">{t('common.default', { value: defaultText(p.Default) })}</p>}
            </div>
          ))}
        </fieldset>
      )}

      <button type="button" className="fp-btn fp-btn-primary" onClick={() => void useScripts.getState().runTest()} disabled={testing} data-testid="test-run">
        {testing ? <Loader2 size={15} className="fp-spin" /> : <Play size={15} />} {t('scripts.test.run')}
      </button>

      {callError && (
        <div className="fp-callout is-error" role="alert" data-testid="test-call-error">
          <CircleAlert size={16} /> <p>{callError}</p>
        </div>
      )}
      {result && <TestResultView result={result} kind={test.kind} stale={stale} onGoToLine={onGoToLine} />}
    </div>
  );
}

/** resultText says what a script returned, in the user's words. */
/** paramType names a rule parameter's type in the UI language (the library's own word if unknown). */
function paramType(t: (k: MessageKey) => string, type: string): string {
  const key = `scripts.test.type.${type}`;
  return key in en ? t(key as MessageKey) : `(${type})`;
}

export function resultText(kind: string, value: unknown, t: (k: MessageKey, v?: Record<string, string | number>) => string): string {
  if (kind === 'condition' && typeof value === 'boolean') return t(value ? 'scripts.result.yes' : 'scripts.result.no');
  if (kind === 'score' && typeof value === 'number') return t('scripts.result.points', { points: Math.round(value * 100) / 100 });
  if (kind === 'action' && value && typeof value === 'object' && Object.keys(value).length === 0) return t('scripts.result.noChange');
  return JSON.stringify(value, null, 2) ?? String(value);
}

export function TestResultView({ result, kind, stale, onGoToLine }: { result: ScriptTestResult; kind: string; stale: boolean; onGoToLine: (line: number) => void }) {
  const { t, lang } = useT();
  const box = useRef<HTMLDivElement>(null);
  // A new result is below the form: bring it into view.
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [result]);
  const printed = result.printed ?? [];
  const ok = !result.error;
  const text = ok ? resultText(kind, result.result, t) : '';
  const multiline = text.includes('\n');
  return (
    <div ref={box} className={`fp-test-result ${ok ? 'is-ok' : 'is-error'}`} data-testid="test-result" data-ok={ok}>
      {stale && <p className="fp-field-warning">{t('scripts.result.stale')}</p>}
      {ok ? (
        <>
          <div className="fp-test-label">{t('scripts.result.returned')}</div>
          {multiline ? (
            <pre className="fp-plain fp-mono" data-testid="test-result-value">
              {text}
            </pre>
          ) : (
            <div className="fp-test-value" data-testid="test-result-value">
              {text}
            </div>
          )}
        </>
      ) : (
        <div data-testid="test-result-error">
          <div className="fp-test-label">{t('scripts.result.failed')}</div>
          <p className="fp-mono fp-small" data-testid="test-result-message">
            {engineText(result.error_text, lang, result.error)}
          </p>
          {/no event history/.test(result.error) && <p className="fp-small" data-testid="test-no-history">{t('scripts.result.noHistory')}</p>}
          {result.line > 0 && (
            <button type="button" className="fp-btn fp-btn-small" onClick={() => onGoToLine(result.line)} data-testid="test-result-line">
              {t('scripts.result.goToLine', { line: result.line })}
            </button>
          )}
        </div>
      )}
      <p className="fp-muted fp-small" data-testid="test-result-took">
        {t('scripts.result.took', { us: formatNumber(result.took_us, lang) })}
      </p>
      {printed.length > 0 && (
        <>
          <div className="fp-test-label">{t('scripts.result.printed')}</div>
          <pre className="fp-plain fp-mono" data-testid="test-result-printed">
            {printed.join('\n')}
          </pre>
        </>
      )}
    </div>
  );
}
