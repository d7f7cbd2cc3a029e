// Ctrl+F on the canvas: find a step by its name or by what it does (its
// type's title, in either language) and centre the view on it, selected, in
// the part of the canvas the floating palette and drawer leave in sight.
// On a funnel of a hundred steps this is how one gets to "Lesson 4".
import { Panel, useReactFlow } from '@xyflow/react';
import { Search } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { tx } from '../../../i18n/dict';
import { useT } from '../../../i18n/useT';
import { specOf } from '../../../stores/catalogue';
import { useEditor } from '../stores/editor';
import { centring, uncoveredCentre } from './viewports';
import { useAnnounceCount } from '../../../components/LiveRegion';
import { nodeName } from './StepNodeView';
import { isStep, type CanvasNode } from './types';

/** FIND_LIMIT is how many matches the list shows. */
const FIND_LIMIT = 8;

/** Match is a step that answers the query, with how it is called. */
export interface Match {
  id: string;
  name: string;
  type: string;
}

// Words that name the same thing, in both languages, so "courriel" finds an
// email step whose title says "email".
const SYNONYMS = [
  ['email', 'courriel', 'e-mail', 'mail'],
  ['wait', 'delay', 'attente', 'attendre', 'delai'],
  ['end', 'finish', 'fin'],
];

function variants(w: string): string[] {
  const g = SYNONYMS.find((l) => l.includes(w));
  return g ?? [w];
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * findSteps lists the steps whose name or type's title (English or French)
 * holds every word of the query: names that start with the query first,
 * then other name matches, then matches by type, each in the canvas's order.
 */
export function findSteps(nodes: CanvasNode[], query: string, lang: 'en' | 'fr'): Match[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const ranked: { m: Match; rank: number; i: number }[] = [];
  const state = { nodes };
  nodes.forEach((n, i) => {
    if (!isStep(n)) return;
    const spec = specOf(n.data.nodeType);
    const name = nodeName(state, n.id, lang) ?? n.data.label ?? '';
    const type = spec ? tx(spec.title, lang) : '';
    const fname = fold(name);
    const ftypes = fold(spec ? `${spec.title.en} ${spec.title.fr}` : '');
    const inName = words.every((w) => fname.includes(w));
    const inType = words.every((w) => variants(w).some((v) => ftypes.includes(v) || fname.includes(v)));
    if (!inName && !inType) return;
    const rank = fname.startsWith(words.join(' ')) ? 0 : inName ? 1 : 2;
    ranked.push({ m: { id: n.id, name, type }, rank, i });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
  return ranked.map((r) => r.m);
}

/** FindStep is the find box; it opens on Ctrl+F (⌘F) and closes on Esc. */
export function FindStep() {
  const { t, lang } = useT();
  const rf = useReactFlow();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const nodes = useEditor((s) => (open ? s.nodes : null));
  const matches = useMemo(() => (nodes ? findSteps(nodes, query, lang) : []), [nodes, query, lang]);
  useAnnounceCount(query, matches.length);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        setOpen(true);
        window.requestAnimationFrame(() => input.current?.select());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const go = (m: Match | undefined) => {
    if (!m) return;
    const n = rf.getNode(m.id);
    if (!n) return;
    useEditor.getState().select([m.id]);
    const w = n.measured?.width ?? 0;
    const h = n.measured?.height ?? 0;
    // Selecting opens the step's drawer, which narrows the canvas or floats
    // over its edge: centre once the canvas has its new width (two frames
    // later), in the part of it the palette and the drawer leave in sight.
    const centre = () => {
      const zoom = Math.max(rf.getZoom(), 0.9);
      const at = uncoveredCentre();
      if (!at) return;
      void rf.setViewport({ x: at.x - (n.position.x + w / 2) * zoom, y: at.y - (n.position.y + h / 2) * zoom, zoom }, { duration: 300 });
    };
    // On a busy machine the canvas may narrow after those two frames: it
    // leaves the centring alone meanwhile (a step centred in the wider
    // canvas is still in sight in the narrower one).
    centring(1200);
    window.requestAnimationFrame(() => window.requestAnimationFrame(centre));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(matches[active]);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, Math.min(matches.length, FIND_LIMIT) - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    }
  };

  if (!open) return null;
  return (
    <Panel position="top-left" className="fp-find" data-testid="find-step">
      <label className="fp-find-box">
        <Search size={14} aria-hidden="true" />
        <input
          ref={input}
          autoFocus
          className="fp-input"
          value={query}
          placeholder={t('find.placeholder')}
          aria-label={t('find.label')}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          onBlur={(e) => {
            if (!e.currentTarget.parentElement?.parentElement?.contains(e.relatedTarget as Node | null)) setOpen(false);
          }}
          data-testid="find-step-input"
        />
      </label>
      {query.trim() !== '' && (
        <ul className="fp-find-list" role="listbox" aria-label={t('find.label')}>
          {matches.length === 0 && <li className="fp-muted">{t('find.none')}</li>}
          {matches.slice(0, FIND_LIMIT).map((m, i) => (
            <li key={m.id} role="option" aria-selected={i === active}>
              <button type="button" className={`fp-find-item ${i === active ? 'is-active' : ''}`} onMouseDown={(e) => e.preventDefault()} onClick={() => go(m)} data-testid={`find-${m.id}`}>
                <span className="fp-find-name">{m.name}</span>
                {m.type && m.type !== m.name && <span className="fp-find-type">{m.type}</span>}
              </button>
            </li>
          ))}
          {matches.length > FIND_LIMIT && <li className="fp-muted">{t('find.more', { count: matches.length - FIND_LIMIT })}</li>}
        </ul>
      )}
    </Panel>
  );
}
