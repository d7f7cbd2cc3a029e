// The problems list: every issue of the flow; a click selects the step and
// focuses the field at fault.
import { useReactFlow } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { CircleAlert, CircleCheck, TriangleAlert } from 'lucide-react';
import type { Issue } from '../api/types';
import { issueText } from '../features/funnel/canvas/issues';
import { nodeName } from '../features/funnel/canvas/StepNodeView';
import { useT } from '../i18n/useT';
import { specOf } from '../stores/catalogue';
import { useEditor } from '../features/funnel/stores/editor';
import { RunFailures } from './RunFailures';

export function Problems() {
  const { lang, t } = useT();
  // A problem found for a step since removed (an undo while the check ran)
  // waits out the next check unseen: it has no step to name or to open.
  const ids = useEditor(useShallow((s) => s.nodes.map((n) => n.id)));
  const all = useEditor((s) => s.issues);
  const issues = all.filter((i) => !i.node_id || ids.includes(i.node_id));
  const checking = useEditor((s) => s.checkedSeq !== s.changeSeq);
  const rf = useReactFlow();
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;

  const open = (issue: Issue) => {
    const ed = useEditor.getState();
    ed.focusIssue(issue);
    const n = issue.node_id ? ed.nodes.find((x) => x.id === issue.node_id) : undefined;
    if (n) {
      const w = n.measured?.width ?? 248;
      const h = n.measured?.height ?? 96;
      void rf.setCenter(n.position.x + w / 2, n.position.y + h / 2, { zoom: Math.max(rf.getZoom(), 0.8), duration: 250 });
    }
  };

  return (
    <section className="fp-problems" aria-label={t('problems.title')} data-testid="problems">
      <div className="fp-panel-head">
        <h2>{t('problems.title')}</h2>
        <span className="fp-problem-counts">
          {errors > 0 && <span className="fp-pill is-error">{t('problems.errors', { count: errors })}</span>}
          {warnings > 0 && <span className="fp-pill is-warning">{t('problems.warnings', { count: warnings })}</span>}
        </span>
      </div>
      <RunFailures />
      {issues.length === 0 && checking ? (
        <p className="fp-problems-checking" data-testid="problems-checking">
          {t('problems.checking')}
        </p>
      ) : issues.length === 0 ? (
        <p className="fp-problems-none">
          <CircleCheck size={16} aria-hidden="true" /> {t('problems.none')}
        </p>
      ) : (
        <ul className="fp-problem-list">
          {issues.map((i, k) => {
            const node = i.node_id ? useEditor.getState().nodes.find((n) => n.id === i.node_id) : undefined;
            const spec = node?.type === 'step' ? specOf(node.data.nodeType) : undefined;
            const config = node?.type === 'step' ? node.data.config : undefined;
            const where = i.node_id ? (nodeName(useEditor.getState(), i.node_id, lang) ?? i.node_id) : t('problems.flow');
            return (
              <li key={`${i.node_id}-${i.code}-${i.field}-${i.port}-${k}`}>
                <button type="button" className={`fp-problem is-${i.severity}`} onClick={() => open(i)} data-code={i.code} data-node={i.node_id ?? ''}>
                  {i.severity === 'error' ? (
                    <CircleAlert size={15} aria-label={t('problems.error')} />
                  ) : (
                    <TriangleAlert size={15} aria-label={t('problems.warning')} />
                  )}
                  <span className="fp-problem-text">
                    <span className="fp-problem-where">{where}</span>
                    <span>{issueText(i, lang, spec, config)}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
