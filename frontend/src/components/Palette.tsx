// The palette: every step type, grouped by category in plain words, with a
// search box. Drag a step onto the canvas (pointer events, as in the xyflow
// drag-and-drop example) or click it to add it. Where beside the canvas it
// would leave it under two thirds of the window, it floats over the canvas's
// left edge (is-floating, funnels.css), and zoom to fit keeps the steps clear
// of it.
import { Search, X } from 'lucide-react';
import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { search } from '../features/funnel/canvas/stepSearch';
import { useRoom } from '../features/funnel/screen/room';
import { CATEGORIES, type NodeSpec } from '../api/types';
import type { MessageKey } from '../i18n/dict';
import { useT } from '../i18n/useT';
import { useAddStep } from '../features/funnel/hooks/useAddStep';
import { useCatalogue } from '../stores/catalogue';
import { useEditor } from '../features/funnel/stores/editor';
import { NodeIcon } from './Icon';
import { useAnnounceCount } from './LiveRegion';

/** DRAG_THRESHOLD is how far the pointer moves before a press becomes a drag. */
const DRAG_THRESHOLD = 5;

/** matches tells whether a spec matches a search, in either language (see stepSearch.ts). */
export { matches } from '../features/funnel/canvas/stepSearch';

export function Palette() {
  const { t, tx } = useT();
  const specs = useCatalogue((s) => s.specs);
  const open = useEditor((s) => !!s.meta);
  const [query, setQuery] = useState('');
  const { addAt, addNext } = useAddStep();
  const suppressClick = useRef(false);
  // Over the canvas's left edge where beside it it would squeeze the canvas (screen/room.ts).
  const floats = useRoom((s) => s.paletteFloats);

  // Without a query, by category; with one, best match first (Enter adds it).
  const found = useMemo(() => search(specs, query), [specs, query]);
  useAnnounceCount(query, found.length);
  const groups = useMemo(
    () =>
      query.trim()
        ? found.length > 0
          ? [{ category: null, specs: found }]
          : []
        : CATEGORIES.map((c) => ({ category: c, specs: specs.filter((s) => s.category === c) })).filter((g) => g.specs.length > 0),
    [specs, query, found],
  );

  function onPointerDown(e: ReactPointerEvent<HTMLButtonElement>, spec: NodeSpec) {
    if (e.button !== 0 || !open) return;
    const start = { x: e.clientX, y: e.clientY };
    let ghost: HTMLDivElement | null = null;
    const move = (ev: PointerEvent) => {
      if (!ghost && Math.hypot(ev.clientX - start.x, ev.clientY - start.y) > DRAG_THRESHOLD) {
        ghost = document.createElement('div');
        ghost.className = `fp-drag-ghost fp-cat-${spec.category}`;
        ghost.textContent = tx(spec.title);
        document.body.appendChild(ghost);
        document.body.classList.add('fp-dragging');
      }
      if (ghost) ghost.style.transform = `translate(${ev.clientX + 10}px, ${ev.clientY + 10}px)`;
    };
    const up = (ev: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      if (!ghost) return; // a click: onClick adds the step
      ghost.remove();
      document.body.classList.remove('fp-dragging');
      suppressClick.current = true;
      window.setTimeout(() => (suppressClick.current = false), 0);
      if (ev.type === 'pointercancel') return;
      const over = document.elementFromPoint(ev.clientX, ev.clientY);
      if (over?.closest('.react-flow') && !over.closest('.react-flow__panel')) {
        addAt(spec.type, { x: ev.clientX, y: ev.clientY });
      }
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  }

  return (
    <aside className={`fp-palette${floats ? ' is-floating' : ''}`} aria-label={t('palette.title')} data-testid="palette">
      <div className="fp-panel-head">
        <h2>{t('palette.title')}</h2>
        <button
          type="button"
          className="fp-icon-btn"
          onClick={() => useRoom.getState().setPalette(false)}
          title={t('palette.collapse')}
          aria-label={t('palette.collapse')}
          data-testid="palette-close"
        >
          <X size={16} />
        </button>
      </div>
      <label className="fp-search">
        <Search size={14} aria-hidden="true" />
        <input
          type="search"
          autoFocus
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && query.trim() && found[0] && open) {
              e.preventDefault();
              addNext(found[0].type);
              setQuery('');
            } else if (e.key === 'Escape' && query) {
              // Clears the search; the drawer stays.
              e.preventDefault();
              setQuery('');
            }
          }}
          placeholder={t('palette.search')}
          aria-label={t('palette.search')}
          data-testid="palette-search"
        />
      </label>
      <p className="fp-hint">{t('palette.hint')}</p>
      <div className="fp-palette-list">
        {groups.length === 0 && <p className="fp-muted">{t('palette.noResult', { query })}</p>}
        {groups.map((g) => (
          <section key={g.category ?? 'found'} className="fp-palette-group">
            {g.category && <h3 className={`fp-cat-title fp-cat-${g.category}`}>{t(`palette.cat.${g.category}` as MessageKey)}</h3>}
            {g.specs.map((spec) => (
              <button
                key={spec.type}
                type="button"
                className={`fp-palette-item fp-cat-${spec.category}`}
                disabled={!open}
                onPointerDown={(e) => onPointerDown(e, spec)}
                onClick={() => {
                  if (suppressClick.current) return;
                  addNext(spec.type);
                }}
                data-testid={`palette-${spec.type}`}
                title={tx(spec.help)}
              >
                <span className="fp-palette-icon">
                  <NodeIcon name={spec.icon} />
                </span>
                <span className="fp-palette-text">
                  <span className="fp-palette-title">{tx(spec.title)}</span>
                  <span className="fp-palette-help">{tx(spec.help)}</span>
                </span>
              </button>
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
}
