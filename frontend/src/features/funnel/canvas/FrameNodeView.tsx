// A frame on the canvas. Open, it is a box drawn behind its steps with its
// name on a tab above the top-left corner: the tab moves the frame (and its
// steps), a double-click on the name renames it, its buttons collapse it or
// ungroup it; the rest of the box lets clicks through to the canvas. Collapsed,
// it is one card in its steps' place, with the number of steps inside and,
// when numbers are shown, how many reached the frame and wait inside; links
// entering or leaving its steps attach to its edges.
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { ChevronsDownUp, ChevronsUpDown, Hourglass, Ungroup, UserRound } from 'lucide-react';
import { memo, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useT } from '../../../i18n/useT';
import { useEditor } from '../stores/editor';
import { tn } from '../screen/plural';
import { FRAME_OUT } from './frames';
import type { FrameNode, Overlay } from './types';
import { INPUT_HANDLE } from './ports';
import './frames.css';

/** frameNumbers sums a frame's numbers: those who reached its entry steps (reached from outside it, or a start), and those waiting anywhere inside. */
export function frameNumbers(members: string[], overlay: Overlay | null, entriesOf: (id: string) => boolean): { entered: number; waiting: number } | null {
  if (!overlay) return null;
  let entered = 0;
  let waiting = 0;
  for (const id of members) {
    const n = overlay.nodes[id];
    if (!n) continue;
    if (entriesOf(id)) entered += n.entered;
    waiting += n.waiting;
  }
  return { entered, waiting };
}

function TitleInput({ id, title }: { id: string; title: string }) {
  const { t } = useT();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const done = (save: boolean) => {
    const ed = useEditor.getState();
    if (save && ref.current) ed.renameFrame(id, ref.current.value);
    ed.setEditingFrame(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation();
    if (e.key === 'Enter') done(true);
    if (e.key === 'Escape') done(false);
  };
  return <input ref={ref} className="fp-frame-input nodrag" defaultValue={title} aria-label={t('frame.titleLabel')} onKeyDown={onKeyDown} onBlur={() => done(true)} data-testid={`frame-title-input-${id}`} />;
}

function FrameNodeViewImpl({ id, data, selected }: NodeProps<FrameNode>) {
  const { t, lang } = useT();
  const editing = useEditor((s) => s.editingFrame === id);
  const right = useEditor((s) => s.meta?.direction === 'right');
  const overlay = useEditor((s) => (s.showNumbers && data.collapsed ? s.overlay : null));
  const edges = useEditor((s) => (data.collapsed ? s.edges : null));
  const numbers = useMemo(() => {
    if (!overlay || !edges) return null;
    const inside = new Set(data.members);
    const fromOutside = new Set(edges.filter((e) => inside.has(e.target) && !inside.has(e.source)).map((e) => e.target));
    const linkedTo = new Set(edges.map((e) => e.target));
    return frameNumbers(data.members, overlay, (m) => fromOutside.has(m) || !linkedTo.has(m));
  }, [overlay, edges, data.members]);
  // The card's handles move with the direction: React Flow measures them again.
  const update = useUpdateNodeInternals();
  useEffect(() => update(id), [id, right, data.collapsed, update]);

  const ed = useEditor.getState;
  const count = data.count ?? data.members.length;
  const stepsText = tn(lang, 'frame.steps', count);
  const title = editing ? (
    <TitleInput id={id} title={data.title} />
  ) : (
    <span className="fp-frame-title" title={t('frame.rename')} onDoubleClick={() => ed().setEditingFrame(id)} data-testid={`frame-title-${id}`}>
      {data.title}
    </span>
  );
  const buttons = (
    <>
      <button
        type="button"
        className="fp-frame-btn nodrag"
        onClick={() => void ed().setCollapsed(id, !data.collapsed)}
        title={data.collapsed ? t('frame.expand') : t('frame.collapse')}
        aria-label={data.collapsed ? t('frame.expand') : t('frame.collapse')}
        data-testid={`frame-toggle-${id}`}
      >
        {data.collapsed ? <ChevronsUpDown size={14} /> : <ChevronsDownUp size={14} />}
      </button>
      <button type="button" className="fp-frame-btn nodrag" onClick={() => ed().ungroup(id)} title={t('frame.ungroup')} aria-label={t('frame.ungroup')} data-testid={`frame-ungroup-${id}`}>
        <Ungroup size={14} />
      </button>
    </>
  );

  if (data.collapsed) {
    return (
      <div className={`fp-frame-card ${selected ? 'is-selected' : ''}`} role="group" aria-label={`${t('frame.label', { title: data.title })}, ${stepsText}`} data-testid={`frame-${id}`}>
        <Handle type="target" position={right ? Position.Left : Position.Top} id={INPUT_HANDLE} className="fp-handle fp-handle-in" isConnectable={false} />
        <div className="fp-frame-card-head">
          {title}
          <span className="fp-frame-buttons">{buttons}</span>
        </div>
        <div className="fp-frame-card-body">
          <span className="fp-frame-count" data-testid={`frame-count-${id}`}>
            {stepsText}
          </span>
          {numbers && (
            <span className="fp-frame-numbers" data-testid={`frame-numbers-${id}`}>
              <span className="fp-num" title={t('frame.reached')}>
                <UserRound size={11} aria-hidden="true" />
                <span data-num="entered">{numbers.entered.toLocaleString(lang)}</span>
              </span>
              {numbers.waiting > 0 && (
                <span className="fp-num is-waiting" title={t('frame.waiting')}>
                  <Hourglass size={11} aria-hidden="true" />
                  <span data-num="waiting">{numbers.waiting.toLocaleString(lang)}</span>
                </span>
              )}
            </span>
          )}
        </div>
        <Handle type="source" position={right ? Position.Right : Position.Bottom} id={FRAME_OUT} className="fp-handle fp-handle-out" isConnectable={false} />
      </div>
    );
  }
  return (
    <div className={`fp-frame-area ${selected ? 'is-selected' : ''}`} role="group" aria-label={`${t('frame.label', { title: data.title })}, ${stepsText}`} data-testid={`frame-${id}`}>
      <div className="fp-frame-tab" style={{ width: data.tabWidth }}>
        {title}
        <span className="fp-frame-buttons">{buttons}</span>
      </div>
      <div className="fp-frame-fill" />
    </div>
  );
}

/** FrameNodeView draws a frame, open or collapsed. */
export const FrameNodeView = memo(FrameNodeViewImpl);
