// The mini palette of the "+" under an output: the steps that can follow
// (everything but starts), grouped by category, with a search box. Picking
// one inserts it after that output, linked.
import { useReactFlow } from '@xyflow/react';
import { Search } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { CATEGORIES } from '../../../api/types';
import { NodeIcon } from '../../../components/Icon';
import { search } from './stepSearch';
import { revealStep } from './viewports';
import type { MessageKey } from '../../../i18n/dict';
import { useT } from '../../../i18n/useT';
import { useCatalogue } from '../../../stores/catalogue';
import { useEditor } from '../stores/editor';
import { closeAddMenu, useAddMenu } from './addMenu';
import { NODE_HEIGHT, NODE_WIDTH } from './layout';
import { useAnnounceCount } from '../../../components/LiveRegion';

const MENU_W = 280;
const MENU_H = 360;

export function AddStepMenu() {
  const request = useAddMenu((s) => s.request);
  if (!request) return null;
  // On the page's top layer: inside the canvas it would sit under toasts and panels.
  return createPortal(<Menu key={`${request.nodeId}:${request.port}`} />, document.body);
}

function Menu() {
  const { t, tx } = useT();
  const request = useAddMenu((s) => s.request)!;
  const specs = useCatalogue((s) => s.specs);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const rf = useReactFlow();

  // Without a query, by category; with one, best match first (Enter picks it).
  const choices = useMemo(() => search(specs.filter((s) => s.input), query), [specs, query]);
  useAnnounceCount(query, choices.length);
  const groups = useMemo(
    () =>
      query.trim()
        ? choices.length > 0
          ? [{ category: null, specs: choices }]
          : []
        : CATEGORIES.map((c) => ({ category: c, specs: choices.filter((s) => s.category === c) })).filter((g) => g.specs.length > 0),
    [choices, query],
  );
  const ordered = groups.flatMap((g) => g.specs);

  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) closeAddMenu();
    };
    window.addEventListener('pointerdown', onDown, true);
    return () => window.removeEventListener('pointerdown', onDown, true);
  }, []);

  const pick = (type: string) => {
    const id = useEditor.getState().insertAfter(request.nodeId, request.port, type);
    closeAddMenu();
    if (!id) return;
    // Bring the new step into view, clear of the overlays, keeping the zoom.
    window.requestAnimationFrame(() => {
      const n = useEditor.getState().nodes.find((x) => x.id === id);
      if (n) revealStep(rf, n.position, { width: NODE_WIDTH, height: NODE_HEIGHT });
    });
  };

  // Keep the menu on screen.
  const left = Math.max(8, Math.min(request.x - MENU_W / 2, window.innerWidth - MENU_W - 8));
  const top = request.y + MENU_H > window.innerHeight - 8 ? Math.max(8, request.y - MENU_H - 24) : request.y;

  return (
    <div
      ref={ref}
      className="fp-add-menu"
      style={{ left, top, width: MENU_W, maxHeight: MENU_H }}
      role="dialog"
      aria-label={t('addNext.title')}
      data-testid="add-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Meant for the menu only, not the drawer behind it.
          e.preventDefault();
          closeAddMenu();
        }
        else if (e.key === 'ArrowDown') {
          e.preventDefault();
          setActive((i) => Math.min(i + 1, ordered.length - 1));
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          setActive((i) => Math.max(i - 1, 0));
        } else if (e.key === 'Enter' && ordered[active]) {
          e.preventDefault();
          pick(ordered[active]!.type);
        }
      }}
    >
      <label className="fp-search">
        <Search size={14} aria-hidden="true" />
        <input
          autoFocus
          type="search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          placeholder={t('addNext.search')}
          aria-label={t('addNext.search')}
        />
      </label>
      <div className="fp-add-menu-list">
        {groups.length === 0 && <p className="fp-muted">{t('palette.noResult', { query })}</p>}
        {groups.map((g) => (
          <section key={g.category ?? 'found'}>
            {g.category && <h3 className={`fp-cat-title fp-cat-${g.category}`}>{t(`palette.cat.${g.category}` as MessageKey)}</h3>}
            {g.specs.map((spec) => {
              const i = ordered.indexOf(spec);
              return (
                <button
                  key={spec.type}
                  type="button"
                  className={`fp-add-menu-item fp-cat-${spec.category} ${i === active ? 'is-active' : ''}`}
                  onClick={() => pick(spec.type)}
                  onMouseEnter={() => setActive(i)}
                  title={tx(spec.help)}
                  data-testid={`add-${spec.type}`}
                >
                  <span className="fp-palette-icon">
                    <NodeIcon name={spec.icon} />
                  </span>
                  <span>{tx(spec.title)}</span>
                </button>
              );
            })}
          </section>
        ))}
      </div>
    </div>
  );
}
