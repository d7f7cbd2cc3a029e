// The map of funnels: each funnel a box, each "Go to another funnel" step an
// arrow to the funnel it sends contacts to. A click on a box opens it.
import { Background, BackgroundVariant, Controls, Handle, MarkerType, Position, ReactFlow, ReactFlowProvider, type Edge, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import { Image, Loader2, Shapes } from 'lucide-react';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { FlowLink } from '../../../api/funnels';
import type { FlowInfo } from '../../../api/types';
import { Modal } from '../../../components/Modal';
import { flowAriaLabels } from '../../../i18n/flowAria';
import { useT } from '../../../i18n/useT';
import { useEditor } from '../stores/editor';
import { useFlows } from '../stores/flows';
import { exportMap } from './exporting';
import { useFunnelUi } from './ui';

type FunnelBox = Node<{ name: string; live: number; missing?: boolean; open?: boolean }, 'funnel'>;

const BOX_W = 200;
const BOX_H = 64;

function FunnelBoxViewImpl({ data }: NodeProps<FunnelBox>) {
  const { t } = useT();
  return (
    <div className={`fp-map-box ${data.live > 0 ? 'is-live' : ''} ${data.missing ? 'is-missing' : ''} ${data.open ? 'is-open' : ''}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="fp-map-name">{data.name}</div>
      <div className="fp-map-state">{data.missing ? t('map.missing') : data.live > 0 ? t('flows.live', { version: data.live }) : t('flows.draft')}</div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const mapNodeTypes: NodeTypes = { funnel: memo(FunnelBoxViewImpl) };

/** mapGraph lays funnels out in columns: a funnel sits one column right of the funnels that send it contacts. */
export function mapGraph(items: FlowInfo[], links: FlowLink[], openId: string | null): { nodes: FunnelBox[]; edges: Edge[] } {
  const ids = new Set(items.map((f) => f.id));
  const missing = [...new Set(links.map((l) => l.to).filter((id) => !ids.has(id)))];
  const all = [...items.map((f) => ({ id: f.id, name: f.name || f.id, live: f.published_version, missing: false })), ...missing.map((id) => ({ id, name: id, live: 0, missing: true }))];
  // Column = distance from a funnel nobody sends contacts to (breadth
  // first, so a loop back to an earlier funnel does not push it right).
  const col = new Map<string, number>();
  const into = new Set(links.filter((l) => l.from !== l.to).map((l) => l.to));
  const queue = all.filter((f) => !into.has(f.id)).map((f) => f.id);
  for (const id of queue) col.set(id, 0);
  const visit = () => {
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const l of links) {
        if (l.from === id && !col.has(l.to)) {
          col.set(l.to, col.get(id)! + 1);
          queue.push(l.to);
        }
      }
    }
  };
  visit();
  // Funnels only reachable through a loop start their own column 0.
  for (const f of all) {
    if (col.has(f.id)) continue;
    col.set(f.id, 0);
    queue.push(f.id);
    visit();
  }
  const rows = new Map<number, number>();
  const nodes: FunnelBox[] = all.map((f) => {
    const c = col.get(f.id) ?? 0;
    const r = rows.get(c) ?? 0;
    rows.set(c, r + 1);
    return {
      id: f.id,
      type: 'funnel',
      position: { x: c * (BOX_W + 96), y: r * (BOX_H + 32) },
      data: { name: f.name, live: f.live, missing: f.missing, open: f.id === openId },
      draggable: false,
      connectable: false,
    };
  });
  const seen = new Map<string, number>();
  for (const l of links) seen.set(`${l.from}\u0000${l.to}`, (seen.get(`${l.from}\u0000${l.to}`) ?? 0) + 1);
  const edges: Edge[] = [...seen.entries()].map(([k, n]) => {
    const [from, to] = k.split('\u0000') as [string, string];
    return {
      id: `${from}->${to}`,
      source: from,
      target: to,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
      label: n > 1 ? `×${n}` : undefined,
      selectable: false,
    };
  });
  return { nodes, edges };
}

export function FlowsMap() {
  const { t, lang } = useT();
  const ariaLabels = useMemo(() => flowAriaLabels(lang), [lang]);
  const close = useFunnelUi((s) => s.close);
  const items = useFlows((s) => s.items);
  const links = useFlows((s) => s.links);
  const openId = useEditor((s) => s.flowId);

  useEffect(() => {
    void useFlows.getState().loadLinks();
  }, []);

  const mapRef = useRef<HTMLDivElement>(null);
  const root = () => mapRef.current?.querySelector<HTMLElement>('.react-flow') ?? null;
  const graph = useMemo(() => mapGraph(items.filter((f) => !f.error), links ?? [], openId), [items, links, openId]);

  return (
    <Modal title={t('map.title')} onClose={close} wide className="fp-map-modal" testId="flows-map">
      <p className="fp-muted fp-map-help">{t('map.help')}</p>
      {links !== null && items.length > 0 && (
        <div className="fp-map-exports">
          <button type="button" className="fp-btn fp-btn-small" onClick={() => void exportMap('png', root())} data-testid="map-export-png">
            <Image size={14} aria-hidden="true" /> {t('map.export.png')}
          </button>
          <button type="button" className="fp-btn fp-btn-small" onClick={() => void exportMap('svg', root())} data-testid="map-export-svg">
            <Shapes size={14} aria-hidden="true" /> {t('map.export.svg')}
          </button>
        </div>
      )}
      <div className="fp-map" ref={mapRef}>
        {links === null ? (
          <p className="fp-muted">
            <Loader2 size={14} className="fp-spin" aria-hidden="true" /> {t('app.loading')}
          </p>
        ) : items.length === 0 ? (
          <p className="fp-muted">{t('flows.empty')}</p>
        ) : (
          <ReactFlowProvider>
            <ReactFlow
              ariaLabelConfig={ariaLabels}
              nodes={graph.nodes}
              edges={graph.edges}
              nodeTypes={mapNodeTypes}
              fitView
              fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
              nodesDraggable={false}
              nodesConnectable={false}
              elementsSelectable={false}
              proOptions={{ hideAttribution: true }}
              onNodeClick={(_e, n) => {
                if ((n as FunnelBox).data.missing) return;
                close();
                void useEditor.getState().open(n.id);
              }}
              aria-label={t('map.title')}
            >
              <Background variant={BackgroundVariant.Dots} gap={16} size={1} color="#cbd5e1" />
              <Controls showInteractive={false} />
            </ReactFlow>
          </ReactFlowProvider>
        )}
      </div>
      {links !== null && links.length === 0 && items.length > 0 && <p className="fp-muted fp-map-help">{t('map.noLinks')}</p>}
    </Modal>
  );
}
