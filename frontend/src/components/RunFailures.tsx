// What failed while the published funnel ran, step by step, in the problems
// panel: how many, the reason, "Retry N failed" once the cause is fixed,
// and "Move N contacts to version V" for journeys still on an older
// version. A click on the step's name shows it on the canvas.
import { useReactFlow } from '@xyflow/react';
import { CircleX, RotateCcw, ArrowUpCircle } from 'lucide-react';
import { failureCount } from '../api/failures';
import { nodeName } from '../features/funnel/canvas/StepNodeView';
import { useT } from '../i18n/useT';
import { failureText } from '../features/funnel/canvas/failureText';
import { useEditor } from '../features/funnel/stores/editor';
import { useFailures } from '../stores/failures';
import { useRefs } from '../stores/refs';

export function RunFailures() {
  const { t, lang } = useT();
  const flowId = useEditor((s) => s.flowId);
  const report = useFailures((s) => (s.reportFor === flowId ? s.report : null));
  const busy = useFailures((s) => s.busy);
  useRefs((s) => s.version); // emails named once their names load
  const rf = useReactFlow();
  const steps = (report?.steps ?? []).filter((s) => failureCount(s) > 0);
  const older = report?.on_older_versions ?? 0;
  if (steps.length === 0) return null;

  const show = (id: string) => {
    const ed = useEditor.getState();
    const n = ed.nodes.find((x) => x.id === id);
    if (!n) return;
    ed.select([id]);
    void rf.setCenter(n.position.x + (n.measured?.width ?? 248) / 2, n.position.y + (n.measured?.height ?? 96) / 2, {
      zoom: Math.max(rf.getZoom(), 0.8),
      duration: 250,
    });
  };

  return (
    <div data-testid="run-failures">
      <div className="fp-panel-head">
        <h3>{t('failures.title')}</h3>
      </div>
      <p className="fp-failures-hint">{t('failures.fixHint')}</p>
      <ul className="fp-failures">
        {steps.map((s) => {
          const count = failureCount(s);
          return (
            <li key={s.node} className="fp-failure" data-node={s.node} data-testid={`failure-${s.node}`}>
              <button type="button" className="fp-failure-where" onClick={() => show(s.node)}>
                <CircleX size={14} aria-hidden="true" /> {nodeName(useEditor.getState(), s.node, lang) ?? s.node}
              </button>
              <span className="fp-failure-counts">
                {[
                  s.failed > 0 && t('failures.notSent', { count: s.failed }),
                  s.retrying > 0 && t('failures.retrying', { count: s.retrying }),
                  s.stopped > 0 && t('failures.stopped', { count: s.stopped }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              <p className="fp-failure-reason" data-testid={`failure-reason-${s.node}`}>
                {failureText(s.reason, lang, s.text)}
              </p>
              <div className="fp-failure-actions">
                <button
                  type="button"
                  className="fp-btn fp-btn-small fp-btn-primary"
                  disabled={busy !== null}
                  onClick={() => void useFailures.getState().retry(s.node)}
                  data-testid={`retry-${s.node}`}
                >
                  <RotateCcw size={13} aria-hidden="true" /> {busy === s.node ? t('failures.retryBusy') : t('failures.retry', { count })}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {older > 0 && (
        <div className="fp-failures-hint">
          <p>{t('failures.moveHelp')}</p>
          <button
            type="button"
            className="fp-btn fp-btn-small"
            disabled={busy !== null}
            onClick={() => void useFailures.getState().moveToLatest()}
            data-testid="move-to-latest"
          >
            <ArrowUpCircle size={13} aria-hidden="true" /> {t('failures.move', { count: older, version: report?.published_version ?? 0 })}
          </button>
        </div>
      )}
    </div>
  );
}
