// "Why did this contact go this way?": type a contact's number or email and
// read their way through this funnel, step by step — the step, the way out
// taken (Yes / No…), the engine's reason and when — while the canvas
// highlights the same path.
import { useReactFlow } from '@xyflow/react';
import { Loader2, Route, Search, X } from 'lucide-react';
import { useMemo, useState, type FormEvent } from 'react';
import type { PathStep } from '../../../api/funnels';
import { DEFAULT_PORT, portsOf } from '../canvas/ports';
import type { MessageKey } from '../../../i18n/dict';
import { useT } from '../../../i18n/useT';
import { specOf } from '../../../stores/catalogue';
import { useEditor } from '../stores/editor';
import { useFunnel } from '../stores/funnel';
import { failureText } from '../canvas/failureText';
import { engineText } from '../../../api/engineText';
import { formatWhen } from './when';

const OUTCOMES = ['ok', 'skipped', 'end', 'wait', 'exit', 'jump', 'error', 'failed', 'sent'];

/** Journey is one time through the funnel (a contact can go through it again). */
interface Journey {
  id: number;
  version: number;
  steps: PathStep[];
}

function journeys(steps: PathStep[]): Journey[] {
  const out: Journey[] = [];
  for (const s of steps) {
    let j = out.find((x) => x.id === s.enrollment_id);
    if (!j) out.push((j = { id: s.enrollment_id, version: s.version, steps: [] }));
    j.steps.push(s);
  }
  return out;
}

export function PathPanel() {
  const { t, tx, lang } = useT();
  const [who, setWho] = useState('');
  const loading = useFunnel((s) => s.pathLoading);
  const error = useFunnel((s) => s.pathError);
  const result = useFunnel((s) => s.pathResult);
  const rf = useReactFlow();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void useFunnel.getState().findPath(who);
  };

  const list = useMemo(() => (result ? journeys(result.steps) : []), [result]);

  const stepTitle = (id: string) => {
    const n = useEditor.getState().nodes.find((x) => x.id === id);
    if (!n || n.type !== 'step') return t('path.goneStep', { id });
    const spec = specOf(n.data.nodeType);
    return n.data.label || (spec ? tx(spec.title) : id);
  };

  const portLabel = (s: PathStep) => {
    if (!s.port || s.port === DEFAULT_PORT) return '';
    const n = useEditor.getState().nodes.find((x) => x.id === s.node);
    const spec = n && n.type === 'step' ? specOf(n.data.nodeType) : undefined;
    const p = spec && n?.type === 'step' ? portsOf(spec, n.data.config).find((x) => x.id === s.port) : undefined;
    return p ? tx(p.label) : s.port;
  };

  const what = (s: PathStep, last: boolean) => {
    const port = portLabel(s);
    if (s.outcome === 'ok' && port) return t('path.outcome.port', { port });
    if (s.outcome === 'wait') return last ? t('path.outcome.waitingNow') : t('path.outcome.waited');
    return t((OUTCOMES.includes(s.outcome) ? `path.outcome.${s.outcome}` : 'path.outcome.ok') as MessageKey);
  };

  const show = (id: string) => {
    const n = useEditor.getState().nodes.find((x) => x.id === id);
    if (!n) return;
    useEditor.getState().select([id]);
    void rf.setCenter(n.position.x + (n.measured?.width ?? 248) / 2, n.position.y + (n.measured?.height ?? 96) / 2, {
      zoom: Math.max(rf.getZoom(), 0.8),
      duration: 250,
    });
  };

  return (
    <section className="fp-side-panel" aria-label={t('path.title')} data-testid="path-panel">
      <div className="fp-panel-head">
        <h2>
          <Route size={15} aria-hidden="true" /> {t('path.title')}
        </h2>
        {result && (
          <button type="button" className="fp-icon-btn" onClick={() => useFunnel.getState().clearPath()} title={t('path.clear')} aria-label={t('path.clear')}>
            <X size={15} />
          </button>
        )}
      </div>
      <p className="fp-hint">{t('path.help')}</p>
      <form className="fp-path-form" onSubmit={submit}>
        <input
          className="fp-input"
          value={who}
          onChange={(e) => setWho(e.target.value)}
          placeholder={t('path.placeholder')}
          aria-label={t('path.who')}
          data-testid="path-who"
        />
        <button type="submit" className="fp-btn fp-btn-primary" disabled={loading} data-testid="path-go">
          {loading ? <Loader2 size={14} className="fp-spin" aria-hidden="true" /> : <Search size={14} aria-hidden="true" />} {t('path.show')}
        </button>
      </form>
      {error && (
        <p className="fp-field-error" role="alert" data-testid="path-error">
          {error}
        </p>
      )}
      {result && result.steps.length === 0 && (
        <p className="fp-muted" data-testid="path-none">
          {t('path.none', { contact: result.contactId })}
        </p>
      )}
      {list.map((j, ji) => (
        <div key={j.id} className="fp-journey">
          <h3 className="fp-journey-head">
            {list.length > 1 ? t('path.journeyN', { n: ji + 1, version: j.version }) : t('path.journey', { version: j.version })}
          </h3>
          <ol className="fp-path-steps" data-testid="path-steps">
            {j.steps.map((s, i) => (
              <li key={i} className={`fp-path-step is-${s.outcome}`}>
                <button type="button" className="fp-path-step-btn" onClick={() => show(s.node)} title={t('path.showStep')}>
                  <span className="fp-path-step-title">{stepTitle(s.node)}</span>
                  <span className="fp-path-step-what">{what(s, i === j.steps.length - 1)}</span>
                  {(s.text || s.reason) && (
                    <span className="fp-path-step-reason">{s.text ? engineText(s.text, lang) : failureText(s.reason, lang)}</span>
                  )}
                  <time className="fp-path-step-when" dateTime={s.at}>
                    {formatWhen(s.at, lang)}
                  </time>
                </button>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
