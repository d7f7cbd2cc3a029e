// A read-only picture of a funnel with a run's numbers on it: steps at their
// saved positions, counts on each step, the share of a step's exits on each
// link (thicker where more contacts go), and a contact's path lit up.
import { Background, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type Edge } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';
import type { Flow } from '../../api/types';
import { flowAriaLabels } from '../../i18n/flowAria';
import { useT } from '../../i18n/useT';
import { summaryText } from '../../features/funnel/canvas/summary';
import { useCatalogue } from '../../stores/catalogue';
import { portKey, type NodeNumbers, type PathHighlight, type SimOverlay, type StepChange } from '../../stores/simulationModel';
import { fmtInt, fmtPercent } from './format';
import { positions } from './layout';
import { SimNodeView, type SimNode } from './SimNodeView';

// Stable at module scope: re-created per render, every node would re-render.
const nodeTypes = { sim: SimNodeView };

const FIT = { padding: 0.12, maxZoom: 1.1 };

/** cardHeight estimates a step card's height from what it shows, to lay out funnels saved without positions. */
function cardHeight(n: NodeNumbers | undefined): number {
  if (!n) return 110;
  const chips = [n.waiting, n.errors, n.skipped, n.exited, n.jumped, n.stopped].filter((v) => v > 0).length;
  return 170 + Math.ceil(chips / 2) * 26 + (n.goal ? 26 : 0);
}

export interface FunnelPictureProps {
  flow: Flow;
  overlay?: SimOverlay | null;
  path?: PathHighlight | null;
  /** testId names the picture for tests (several can be on screen when comparing). */
  testId?: string;
  /** changes marks the steps added, removed or changed against another version. */
  changes?: Record<string, StepChange>;
}

/** FunnelPicture draws a funnel read-only, in its own React Flow instance. */
export function FunnelPicture(props: FunnelPictureProps) {
  return (
    <ReactFlowProvider>
      <Picture {...props} />
    </ReactFlowProvider>
  );
}

function Picture({ flow, overlay, path, testId, changes }: FunnelPictureProps) {
  const { lang, t } = useT();
  const ariaLabels = useMemo(() => flowAriaLabels(lang), [lang]);
  const byType = useCatalogue((s) => s.byType);
  const rf = useReactFlow();

  const pos = useMemo(() => positions(flow, (type) => byType[type]?.kind === 'trigger', (id) => cardHeight(overlay?.nodes[id])), [flow, byType, overlay]);
  const hasPath = !!path && Object.keys(path.nodes).length > 0;

  // Steps that name another step (an engagement check names its email) read
  // that step's label or email rather than its id.
  const summaries = useMemo(() => {
    const byId = new Map((flow.nodes ?? []).map((n) => [n.id, n]));
    const nodeName = (id: string) => {
      const ref = byId.get(id);
      const template = ref?.config?.template;
      return ref?.label || (typeof template === 'string' && template ? template : undefined);
    };
    const out: Record<string, string> = {};
    for (const n of flow.nodes ?? []) {
      const spec = byType[n.type];
      out[n.id] = spec ? summaryText(spec, n.config, lang, { nodeName }) : '';
    }
    return out;
  }, [flow, byType, lang]);

  const nodes = useMemo<SimNode[]>(
    () =>
      (flow.nodes ?? []).map((n) => {
        const data: SimNode['data'] = {
          nodeType: n.type,
          config: n.config ?? {},
          summary: summaries[n.id] ?? '',
          hasGoal: overlay?.hasGoal ?? false,
          dim: hasPath && !(n.id in path!.nodes),
        };
        if (n.label) data.label = n.label;
        const change = changes?.[n.id];
        if (change) data.change = change;
        const numbers = overlay?.nodes[n.id];
        if (numbers) data.numbers = numbers;
        const idx = path?.nodes[n.id];
        if (idx !== undefined) data.pathIndex = idx;
        return { id: n.id, type: 'sim', position: pos[n.id] ?? { x: 0, y: 0 }, data, draggable: false, selectable: false, connectable: false };
      }),
    [flow, pos, overlay, path, hasPath, summaries, changes],
  );

  const edges = useMemo<Edge[]>(() => {
    const enrolled = Math.max(1, overlay?.enrolled ?? 0);
    return (flow.edges ?? []).map((e) => {
      const port = e.port || 'next';
      const k = portKey(e.from, port);
      const num = overlay?.edges[k];
      const onPath = hasPath && path!.edges.has(k);
      const width = num ? 1.5 + 4.5 * Math.sqrt(Math.min(1, num.count / enrolled)) : 1.6;
      const edge: Edge = {
        id: `${e.from}:${port}->${e.to}`,
        source: e.from,
        sourceHandle: port,
        target: e.to,
        targetHandle: 'in',
        type: 'smoothstep',
        selectable: false,
        focusable: false,
        animated: onPath,
        className: ['fp-sim-edge', onPath ? 'is-path' : '', hasPath && !onPath ? 'is-dim' : ''].join(' '),
        // Colours inline: the PNG export does not resolve React Flow's CSS variables.
        style: { stroke: onPath ? '#2563eb' : '#94a3b8', strokeWidth: onPath ? Math.max(width, 3) : width },
      };
      if (num) {
        edge.label = t('sim.edge.label', { share: fmtPercent(num.percent, lang), n: fmtInt(num.count, lang) });
        edge.labelStyle = { fontSize: 15, fontWeight: 700, fill: '#0f172a' };
        edge.labelBgStyle = { fill: '#ffffff', fillOpacity: 0.95, stroke: '#cbd5e1' };
        edge.labelBgPadding = [6, 3];
        edge.labelBgBorderRadius = 4;
      }
      return edge;
    });
  }, [flow, overlay, path, hasPath, lang, t]);

  // The view is fitted when the funnel changes, when numbers appear (the
  // steps grow), when the picture changes size, and before printing. Steps
  // are measured after they render, so the fit is done again a moment later.
  const wrapper = useRef<HTMLDivElement>(null);
  const fitKey = `${flow.id}|${(flow.nodes ?? []).map((n) => n.id).join(',')}|${overlay ? 'numbers' : ''}`;
  useEffect(() => {
    const fit = () => void rf.fitView(FIT);
    const frame = window.requestAnimationFrame(fit);
    const later = window.setTimeout(fit, 150);
    return () => {
      window.cancelAnimationFrame(frame);
      window.clearTimeout(later);
    };
  }, [fitKey, rf]);
  useEffect(() => {
    const el = wrapper.current;
    let timer: number | undefined;
    const fit = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void rf.fitView(FIT), 60);
    };
    const ro = typeof ResizeObserver !== 'undefined' && el ? new ResizeObserver(fit) : null;
    if (el) ro?.observe(el);
    window.addEventListener('beforeprint', fit);
    return () => {
      ro?.disconnect();
      window.removeEventListener('beforeprint', fit);
      window.clearTimeout(timer);
    };
  }, [rf]);

  return (
    <div className="fp-sim-picture" ref={wrapper} data-testid={testId ?? 'sim-picture'}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        ariaLabelConfig={ariaLabels}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={FIT}
        minZoom={0.1}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        nodesFocusable={false}
        zoomOnDoubleClick={false}
        // The wheel scrolls the results page on to the charts (it zoomed the
        // picture to a speck under a marketer scrolling down); Ctrl+wheel,
        // a pinch and the + and − buttons still zoom.
        zoomOnScroll={false}
        preventScrolling={false}
        // Culling pays from about 500 steps; below, it makes panning worse in WebKitGTK.
        onlyRenderVisibleElements={nodes.length > 500}
        proOptions={{ hideAttribution: true }}
        aria-label={t('sim.picture.label', { name: flow.name })}
      >
        <Background gap={20} size={1} color="#e2e8f0" />
        <Controls showInteractive={false} fitViewOptions={FIT} className="fp-sim-noprint fp-sim-noexport" />
      </ReactFlow>
    </div>
  );
}
