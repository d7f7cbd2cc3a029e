// The one step of the simulation's picture: a read-only card drawn from the
// catalogue (icon, category colour, title, one handle per output) with the
// run's counts in large type — how many entered, are still waiting, failed,
// reached the goal or stopped here.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { NodeIcon } from '../../components/Icon';
import { portsOf } from '../../features/funnel/canvas/ports';
import { useT } from '../../i18n/useT';
import { useCatalogue } from '../../stores/catalogue';
import type { NodeNumbers, StepChange } from '../../stores/simulationModel';
import type { MessageKey } from '../../i18n/dict';
import { fmtInt, fmtShare } from './format';

export type SimNodeData = {
  nodeType: string;
  label?: string;
  config: Record<string, unknown>;
  /** summary is the step's one line ("Send “welcome-1”", "Wait 2d"). */
  summary: string;
  /** numbers are absent before a run. */
  numbers?: NodeNumbers;
  /** hasGoal tells whether the funnel measures conversions (stops are then drop-offs). */
  hasGoal: boolean;
  /** pathIndex is the step's place on the highlighted contact path (1-based). */
  pathIndex?: number;
  /** dim fades the steps off the highlighted path. */
  dim: boolean;
  /** change marks a step added, removed or changed against another version. */
  change?: StepChange;
};

export type SimNode = Node<SimNodeData, 'sim'>;

/** Width of a port's slot, so output labels never overlap. */
const PORT_SLOT = 72;

function SimNodeViewImpl({ id, data }: NodeProps<SimNode>) {
  const { lang, t, tx } = useT();
  const spec = useCatalogue((s) => s.byType[data.nodeType]);
  const ports = useMemo(() => (spec ? portsOf(spec, data.config) : [{ id: 'next', label: { en: '', fr: '' } }]), [spec, data.config]);
  const labelled = ports.length > 1 || (ports.length === 1 && ports[0]!.id !== 'next');
  const title = spec ? tx(spec.title) : data.nodeType;
  const summary = data.summary;
  const n = data.numbers;
  const goal = spec?.kind === 'goal';
  const stopped = n && n.stopped > 0;
  const minWidth = labelled ? Math.max(230, ports.length * PORT_SLOT + 20) : undefined;

  return (
    <div
      className={[
        'fp-sim-node',
        `fp-cat-${spec?.category ?? 'unknown'}`,
        goal ? 'is-goal' : '',
        data.dim ? 'is-dim' : '',
        data.pathIndex ? 'is-path' : '',
        stopped && data.hasGoal ? 'is-drop' : '',
        data.change ? `is-${data.change}` : '',
      ].join(' ')}
      style={minWidth ? { minWidth } : undefined}
      data-testid={`sim-node-${id}`}
    >
      {(spec?.input ?? true) && <Handle type="target" position={Position.Top} id="in" isConnectable={false} className="fp-sim-handle" />}
      {data.change && (
        <span className={`fp-sim-change is-${data.change}`} data-testid={`sim-change-${id}`}>
          {t(`sim.compare.change.${data.change}` as MessageKey)}
        </span>
      )}
      <div className="fp-sim-node-head">
        <span className="fp-sim-node-icon">
          <NodeIcon name={spec?.icon ?? ''} size={16} />
        </span>
        <span className="fp-sim-node-title" title={data.label ? `${data.label} — ${title}` : title}>
          {data.label || title}
        </span>
        {data.pathIndex !== undefined && (
          <span className="fp-sim-path-index" title={t('sim.why.stepNumber', { n: data.pathIndex })}>
            {data.pathIndex}
          </span>
        )}
      </div>
      {summary && (
        <div className="fp-sim-node-summary" title={summary}>
          {summary}
        </div>
      )}
      {n ? (
        <div className="fp-sim-node-body">
          <div className="fp-sim-entered" data-testid={`sim-entered-${id}`}>
            <strong>{fmtInt(n.entered, lang)}</strong>
            <span>{t('sim.node.entered')}</span>
          </div>
          {(n.waiting > 0 || n.errors > 0 || n.skipped > 0 || n.exited > 0 || n.jumped > 0 || stopped) && (
            <div className="fp-sim-chips">
              {n.waiting > 0 && <span className="fp-sim-chip is-waiting">{t('sim.node.waiting', { n: fmtInt(n.waiting, lang) })}</span>}
              {n.errors > 0 && <span className="fp-sim-chip is-error">{t('sim.node.errors', { n: fmtInt(n.errors, lang) })}</span>}
              {n.skipped > 0 && <span className="fp-sim-chip is-skipped">{t('sim.node.skipped', { n: fmtInt(n.skipped, lang) })}</span>}
              {n.exited > 0 && <span className="fp-sim-chip is-exited">{t('sim.node.exited', { n: fmtInt(n.exited, lang) })}</span>}
              {n.jumped > 0 && (
                <span className="fp-sim-chip is-jumped" title={t('sim.node.jumpedHint')}>
                  {t('sim.node.jumped', { n: fmtInt(n.jumped, lang) })}
                </span>
              )}
              {stopped && (
                <span
                  className={`fp-sim-chip fp-sim-stop ${data.hasGoal ? 'is-drop' : ''}`}
                  title={t(data.hasGoal ? 'sim.node.dropHint' : 'sim.node.endHint')}
                  data-testid={`sim-stop-${id}`}
                >
                  {t(data.hasGoal ? 'sim.node.drop' : 'sim.node.end', { n: fmtInt(n.stopped, lang), share: fmtShare(n.stoppedShare, lang) })}
                </span>
              )}
            </div>
          )}
          {n.goal && (
            <div className="fp-sim-goal" data-testid={`sim-goal-${id}`}>
              {t('sim.node.goal', { n: fmtInt(n.goal.reached, lang), share: fmtShare(n.goal.rate, lang) })}
            </div>
          )}
        </div>
      ) : null}
      <div className={`fp-sim-ports ${labelled ? 'is-labelled' : ''}`}>
        {ports.map((p) => (
          <div key={p.id} className={`fp-sim-port fp-sim-port-${p.id}`}>
            {labelled && <span className="fp-sim-port-label">{tx(p.label)}</span>}
            <Handle type="source" position={Position.Bottom} id={p.id} isConnectable={false} className="fp-sim-handle" />
          </div>
        ))}
      </div>
    </div>
  );
}

export const SimNodeView = memo(SimNodeViewImpl);
