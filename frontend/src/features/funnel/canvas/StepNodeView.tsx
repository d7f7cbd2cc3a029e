// The one node component of the canvas: every step type is drawn from its
// spec — input handle, one labelled output handle per port (Yes / No, Met /
// Timed out, one per split branch), icon, title, summary and problems.
//
// It is drawn for every step of a funnel, so it stays cheap (issue #7): one
// editor subscription, no re-render when React Flow measures or moves it,
// and the "+" under each output is only in the page while the step is
// hovered or selected (or the output is left unlinked) — an invisible
// button per output still costs its DOM and paint on every frame of a pan.
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { AlertTriangle, CircleX, Hourglass, Plus, UserRound } from 'lucide-react';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Issue, NodeSpec } from '../../../api/types';
import { NodeIcon, nodeIconClass } from '../../../components/Icon';
import { formatNumber } from '../../../i18n/format';
import { useT } from '../../../i18n/useT';
import { translate, tx } from '../../../i18n/dict';
import { isRefType, refName, useRefs } from '../../../stores/refs';
import { useCatalogue } from '../../../stores/catalogue';
import { useEditor, type EditorState } from '../stores/editor';
import { issueText } from './issues';
import { DEFAULT_PORT, INPUT_HANDLE, portsOf, toStr } from './ports';
import { MISSING, summaryText } from './summary';
import { failureText } from './failureText';
import { softHyphens } from './detail';
import { openAddMenu } from './addMenu';
import { liteHeight } from './size';
import type { StepNode } from './types';

const NO_ISSUES: Issue[] = [];

/**
 * renderStats counts renders of step views, for the canvas benchmark (how
 * many steps re-render while one is dragged). Counting costs nothing
 * measurable; `ids` is only filled while `track` is on.
 */
export const renderStats = { count: 0, track: false, ids: new Set<string>() };

/** Width of a port's slot at the bottom of a node, so labels never overlap. */
export const PORT_SLOT = 76;

/**
 * nodeName is how a step is called in sentences: its label, else the name
 * of the email it sends ("Opened “Welcome email”?"), else its type's title;
 * when other unnamed steps share that title, what its card says it does
 * ("Wait 3 days"), and only for one not set up yet a number ("Send an
 * email 2"). Never its id: ids are not shown to the user.
 */
export function nodeName(s: Pick<EditorState, 'nodes'>, id: string, lang: 'en' | 'fr'): string | undefined {
  const n = s.nodes.find((x) => x.id === id);
  if (!n || n.type !== 'step') return undefined;
  if (n.data.label) return n.data.label;
  const spec = useCatalogue.getState().byType[n.data.nodeType];
  if (!spec) return undefined;
  const email = spec.fields.find((f) => f.type === 'template');
  const key = email ? toStr(n.data.config[email.name]) : '';
  const emailName = key ? refName(useRefs.getState().refs, 'template', key, lang) : undefined;
  if (emailName) return emailName;
  const title = tx(spec.title, lang);
  const same = s.nodes.filter((x) => x.type === 'step' && !x.data.label && x.data.nodeType === n.data.nodeType);
  if (same.length <= 1) return title;
  // Several unnamed steps of one kind are told apart as their cards say
  // what they do ("Wait 3 days"); only one not set up yet, with nothing
  // of its own to say, is numbered among them.
  const said = summaryText(spec, n.data.config, lang, {
    nodeName: (ref) => {
      const other = s.nodes.find((x) => x.id === ref);
      return other?.type === 'step' ? other.data.label || undefined : undefined;
    },
    refName: (type, key) => (isRefType(type) ? refName(useRefs.getState().refs, type, key, lang) : undefined),
  });
  if (said && !said.includes(MISSING)) return said;
  return `${title} ${same.indexOf(n) + 1}`;
}

function refFields(spec: NodeSpec | undefined): string[] {
  return spec ? spec.fields.filter((f) => f.type === 'node').map((f) => f.name) : [];
}

/** HOVER_GRACE_MS keeps the "+" after the pointer leaves the step, so it can cross the gap to reach it. */
const HOVER_GRACE_MS = 300;

/**
 * useHover says whether the pointer is over the element (or was, less than
 * HOVER_GRACE_MS ago), with the handlers to put on it. A pointer that comes
 * in with a button down is dragging something (a step, a link) across: that
 * is no hover.
 */
function useHover() {
  const [hovered, setHovered] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const onMouseEnter = useCallback((e: MouseEvent) => {
    window.clearTimeout(timer.current);
    if (e.buttons === 0) setHovered(true);
  }, []);
  const onMouseLeave = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setHovered(false), HOVER_GRACE_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return { hovered, onMouseEnter, onMouseLeave };
}

function StepNodeViewImpl({ id, data, selected }: NodeProps<StepNode>) {
  renderStats.count++;
  if (renderStats.track) renderStats.ids.add(id);
  const { lang, t, tx } = useT();
  const spec = useCatalogue((s) => s.byType[data.nodeType]);
  const refs = refFields(spec);
  // One editor subscription for everything drawn over the step: its
  // decoration (numbers, place on a path; the editor keeps the object while
  // unchanged), its problems, — for steps that name another step (an
  // engagement check names its email) — that step's name as a string, and
  // the funnel's direction, so the step re-renders only when one of these
  // changes.
  const [decor, ownIssues, refNames, right] = useEditor(
    useShallow((s) => [
      s.decor[id],
      s.issuesByNode[id],
      refs.length === 0 ? '' : refs.map((f) => nodeName(s, toStr(data.config[f]), lang) ?? '').join('\u0000'),
      // A left-to-right funnel has its input on the left edge and its
      // outputs, stacked, on the right (frames.ts, layout.ts).
      s.meta?.direction === 'right',
    ] as const),
  );
  const issues = ownIssues ?? NO_ISSUES;
  const { hovered, onMouseEnter, onMouseLeave } = useHover();
  const updateNodeInternals = useUpdateNodeInternals();

  const ports = useMemo(() => (spec ? portsOf(spec, data.config) : []), [spec, data.config]);
  // React Flow measures the handles again when the funnel turns.
  const turned = useRef(right);
  useEffect(() => {
    if (turned.current === right) return;
    turned.current = right;
    updateNodeInternals(id);
  }, [id, right, updateNodeInternals]);
  // When outputs come or go (a branch added), React Flow must measure the
  // handles again. Not on mount: React Flow measures new nodes itself, and an
  // early call per node would fit the first view to the first node only.
  const portKey = ports.map((p) => p.id).join('|');
  const measuredKey = useRef(portKey);
  useEffect(() => {
    if (measuredKey.current === portKey) return;
    measuredKey.current = portKey;
    updateNodeInternals(id);
  }, [id, portKey, updateNodeInternals]);

  const refsVersion = useRefs((s) => s.version);
  const summary = useMemo(() => {
    if (!spec) return '';
    const names = refNames.split('\u0000');
    return summaryText(spec, data.config, lang, {
      nodeName: (ref) => {
        const i = refs.findIndex((f) => toStr(data.config[f]) === ref);
        return i >= 0 && names[i] ? names[i] : undefined;
      },
      // References (an email…) are named by summary.ts's knownName: a
      // missing email, segment or funnel reads as missing, never by its id.
    });
    // refs derives from spec, so it is covered by spec; refsVersion
    // redraws the names of emails, lists… when they load or change.
  }, [spec, data.config, lang, refNames, refsVersion]);

  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity !== 'error');
  const category = spec?.category ?? 'unknown';
  const iconClass = nodeIconClass(spec?.icon ?? '', category);
  const labelled = ports.length > 1 || (ports.length === 1 && ports[0]!.id !== DEFAULT_PORT);
  const minWidth = labelled && !right ? Math.max(248, ports.length * PORT_SLOT + 24) : undefined;
  const title = spec ? tx(spec.title) : t('node.unknown', { type: data.nodeType });
  // Zoomed out, styles.css draws this larger over the card (see detail.ts):
  // the step's name, else what it does in words ("Wait 2 days" says more
  // than "Wait"), else its kind; a word too wide for a line is broken
  // between its syllables, at the band's size.
  const farTitle = useMemo(() => softHyphens(data.label || summary || title), [data.label, summary, title]);
  const style = minWidth ? { minWidth } : undefined;
  const problemList = issues.map((i) => issueText(i, lang, spec, data.config)).join('\n');
  const numbers = decor?.numbers;
  const failure = decor?.failure;
  // Emails in the failure reason are named as the user knows them: the
  // step redraws when the names load (refsVersion, above).
  const failureReason = failure ? failureText(failure.reason, lang, failure.text) : '';
  const failedPill = failure && (
    <span
      className="fp-num is-failed"
      title={t('failures.badgeLabel', { count: failure.count, reason: failureReason })}
      aria-label={t('failures.badgeLabel', { count: failure.count, reason: failureReason })}
      data-testid={`node-failed-${id}`}
    >
      <CircleX size={11} aria-hidden="true" />
      <span data-num="failed">{t('failures.badge', { count: formatNumber(failure.count, lang) })}</span>
    </span>
  );
  const onPath = decor?.pathIndex !== undefined;
  const plus = (e: MouseEvent<HTMLButtonElement>, port: string) => {
    e.stopPropagation();
    const r = e.currentTarget.getBoundingClientRect();
    openAddMenu({ nodeId: id, port, x: r.left + r.width / 2, y: r.bottom + 4 });
  };

  return (
    <div
      className={[
        'fp-node',
        `fp-cat-${category}`,
        selected ? 'is-selected' : '',
        errors.length ? 'has-errors' : warnings.length ? 'has-warnings' : '',
        spec ? '' : 'is-unknown',
        onPath ? 'is-on-path' : '',
        failure ? 'has-failures' : '',
        right ? 'is-lr' : '',
      ].join(' ')}
      style={style as CSSProperties | undefined}
      lang={lang}
      data-testid={`node-${id}`}
      data-node-type={data.nodeType}
      data-title={farTitle}
      onMouseEnter={onMouseEnter}
      onMouseLeave={onMouseLeave}
    >
      {(spec?.input ?? true) && (
        <Handle type="target" position={right ? Position.Left : Position.Top} id={INPUT_HANDLE} className="fp-handle fp-handle-in" title={t('node.input')} />
      )}
      {numbers && (
        <div className="fp-node-numbers" data-testid={`numbers-${id}`} aria-label={t('numbers.nodeLabel', { entered: numbers.entered, waiting: numbers.waiting, errors: numbers.errors })}>
          <span className="fp-num" title={t('numbers.entered')}>
            <UserRound size={11} aria-hidden="true" />
            <span data-num="entered">{formatNumber(numbers.entered, lang)}</span>
          </span>
          {numbers.waiting > 0 && (
            <span className="fp-num is-waiting" title={t('numbers.waiting')}>
              <Hourglass size={11} aria-hidden="true" />
              <span data-num="waiting">{formatNumber(numbers.waiting, lang)}</span>
            </span>
          )}
          {numbers.errors > 0 && (
            <span className="fp-num is-error" title={t('numbers.errors')}>
              <AlertTriangle size={11} aria-hidden="true" />
              <span data-num="errors">{formatNumber(numbers.errors, lang)}</span>
            </span>
          )}
          {failedPill}
        </div>
      )}
      {!numbers && failedPill && <div className="fp-node-numbers">{failedPill}</div>}
      {onPath && (
        <span className="fp-path-index" title={t('path.stepNumber', { n: decor!.pathIndex! })} data-testid={`path-index-${id}`}>
          {decor!.pathIndex}
        </span>
      )}
      <div className="fp-node-head">
        <span className={iconClass ? `fp-node-icon ${iconClass}` : 'fp-node-icon'}>{!iconClass && <NodeIcon name={spec?.icon ?? ''} />}</span>
        <div className="fp-node-titles">
          <div className="fp-node-title" title={title}>
            {data.label || title}
          </div>
          {data.label && <div className="fp-node-type">{title}</div>}
        </div>
        {issues.length > 0 && (
          <div className="fp-node-badges">
            <span
              className={`fp-problem-badge ${errors.length ? 'is-error' : 'is-warning'}`}
              title={problemList}
              aria-label={`${t('node.problems', { count: issues.length })}: ${problemList}`}
              data-testid={`node-problems-${id}`}
            >
              {issues.length}
            </span>
          </div>
        )}
      </div>
      {summary && (
        <div className="fp-node-summary" title={summary}>
          {summary}
        </div>
      )}
      {failure && (
        <div className="fp-node-failure" title={failureReason} data-testid={`node-failure-reason-${id}`}>
          {failureReason}
        </div>
      )}
      <div className={`fp-node-ports ${labelled ? 'is-labelled' : ''}`}>
        {ports.map((p) => {
          const unconnected = issues.some((i) => i.code === 'port_unconnected' && i.port === p.id);
          return (
            <div key={p.id} className={`fp-port fp-port-${p.id}`} data-port={p.id}>
              {labelled && (
                <span className={`fp-port-label ${unconnected ? 'is-open' : ''}`}>{tx(p.label)}</span>
              )}
              <Handle
                type="source"
                position={right ? Position.Right : Position.Bottom}
                id={p.id}
                className={`fp-handle fp-handle-out ${unconnected ? 'is-open' : ''}`}
                title={tx(p.label)}
                data-testid={`handle-${id}-${p.id}`}
              />
              {(hovered || selected || unconnected) && (
                <button
                  type="button"
                  className={`fp-port-plus nodrag nopan ${unconnected ? 'is-open' : ''}`}
                  onClick={(e) => plus(e, p.id)}
                  title={t('addNext.button', { port: labelled ? tx(p.label) : t('addNext.next') })}
                  aria-label={t('addNext.button', { port: labelled ? tx(p.label) : t('addNext.next') })}
                  data-testid={`plus-${id}-${p.id}`}
                >
                  <Plus size={12} aria-hidden="true" />
                </button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * LiteStep is a step as its far-out box while a funnel reopened far out
 * opens (opening.ts, opensLite): the tinted card with its name drawn over
 * it (data-title, as the full card zoomed out), its input and output dots
 * where the full card has them, so the links are drawn at once, and
 * nothing else: none of the words, icon, labels and buttons that far out
 * are laid out but hidden. Its height is a plain card's until the full
 * card replaces it.
 */
function LiteStep({ id, data }: NodeProps<StepNode>) {
  const lang = useT().lang;
  const spec = useCatalogue.getState().byType[data.nodeType];
  const ports = spec ? portsOf(spec, data.config) : [];
  const right = useEditor.getState().meta?.direction === 'right';
  const labelled = ports.length > 1 || (ports.length === 1 && ports[0]!.id !== DEFAULT_PORT);
  const title = spec ? tx(spec.title, lang) : translate(lang, 'node.unknown', { type: data.nodeType });
  let summary = '';
  if (!data.label && spec) {
    const refs = useRefs.getState();
    summary = summaryText(spec, data.config, lang, {
      nodeName: (ref) => nodeName(useEditor.getState(), ref, lang),
      refName: (type, key) => (isRefType(type) ? refName(refs.refs, type, key, lang) : undefined),
    });
  }
  const minWidth = labelled && !right ? Math.max(248, ports.length * PORT_SLOT + 24) : undefined;
  return (
    <div
      className={`fp-node fp-cat-${spec?.category ?? 'unknown'} is-lite${right ? ' is-lr' : ''}`}
      style={{ minWidth, height: liteHeight(labelled) }}
      lang={lang}
      data-testid={`node-${id}`}
      data-node-type={data.nodeType}
      data-title={softHyphens(data.label || summary || title)}
    >
      {(spec?.input ?? true) && <Handle type="target" position={right ? Position.Left : Position.Top} id={INPUT_HANDLE} className="fp-handle fp-handle-in" />}
      <div className={`fp-node-ports ${labelled ? 'is-labelled' : ''}`}>
        {ports.map((p) => (
          <div key={p.id} className={`fp-port fp-port-${p.id}`} data-port={p.id}>
            <Handle type="source" position={right ? Position.Right : Position.Bottom} id={p.id} className="fp-handle fp-handle-out" />
          </div>
        ))}
      </div>
    </div>
  );
}

function StepOrLite(props: NodeProps<StepNode>) {
  return props.data.lite ? <LiteStep {...props} /> : <StepNodeViewImpl {...props} />;
}

/**
 * A step draws from its id, data and selection only. React Flow also passes
 * its size and position, which change when it measures the step (every step
 * once after the first render) and on each move of a drag: ignoring them
 * saves a render of every step after the first one, and of the dragged one
 * on each move.
 */
function sameStep(a: NodeProps<StepNode>, b: NodeProps<StepNode>): boolean {
  return a.id === b.id && a.data === b.data && a.selected === b.selected;
}

export const StepNodeView = memo(StepOrLite, sameStep);
