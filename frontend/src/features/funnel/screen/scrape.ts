// Reads a React Flow canvas as drawn — every box, route, label and icon in
// canvas coordinates — into a VPicture (vector.ts). Reading what is drawn
// rather than recomputing it keeps the export identical to the screen: the
// routes are the canvas's own, the titles and summaries the words the user
// reads, the colours the theme's.
import type { Lang } from '../../../api/types';
import { translate } from '../../../i18n/dict';
import type { VFrame, VLink, VNote, VStep } from './vector';

/** Drawn is what a canvas shows, without its title block and legend. */
export interface Drawn {
  steps: VStep[];
  frames: VFrame[];
  notes: VNote[];
  links: VLink[];
  /** categories are the step categories drawn, with their colour (for the legend). */
  categories: Map<string, string>;
  /** hasNumbers is true when at least one step carries a non-zero number. */
  hasNumbers: boolean;
}

/** scrapeCanvas reads the canvas under `root` (a .react-flow element). */
export function scrapeCanvas(root: HTMLElement, lang: Lang = 'en'): Drawn {
  const viewport = root.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('no canvas');
  const vr = viewport.getBoundingClientRect();
  // The viewport's transform is translate(x, y) scale(zoom): client boxes
  // divided by the zoom are canvas coordinates.
  const zoom = Number(/scale\(([\d.]+)\)/.exec(viewport.style.transform)?.[1] ?? 1) || 1;
  const box = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { x: (r.left - vr.left) / zoom, y: (r.top - vr.top) / zoom, w: r.width / zoom, h: r.height / zoom };
  };
  const txt = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  // The words of an element whose parts are separate elements ("<strong>2,000</strong><span>entered</span>").
  const words = (el: Element) => (el.children.length ? [...el.childNodes].map((c) => txt(c as Element)).filter(Boolean).join(' ') : txt(el));

  const steps: VStep[] = [];
  const categories = new Map<string, string>();
  let hasNumbers = false;
  for (const el of viewport.querySelectorAll<HTMLElement>('.react-flow__node .fp-node, .react-flow__node .fp-sim-node')) {
    const b = box(el);
    const cat = [...el.classList].find((c) => c.startsWith('fp-cat-'))?.slice(7) ?? 'unknown';
    const accent = getComputedStyle(el).getPropertyValue('--cat').trim() || '#64748b';
    categories.set(cat, accent);
    const icon = el.querySelector('.fp-node-icon svg, .fp-sim-node-icon svg');
    // Each counter in a few words ("1,204 entered"); the legend says what they count.
    // A simulated step writes its numbers in words already ("1,204 entered", "12 waiting").
    const simNumbers = [...el.querySelectorAll('.fp-sim-entered, .fp-sim-chip, .fp-sim-goal')].map((n) => ({ text: words(n), words: words(n) }));
    const numbers = simNumbers.length ? simNumbers : [...el.querySelectorAll('.fp-node-numbers .fp-num')].map((n) => {
      const text = txt(n);
      if (n.classList.contains('is-failed')) return { text, words: text };
      const key = n.classList.contains('is-waiting') ? 'picture.count.waiting' : n.classList.contains('is-error') ? 'picture.count.errors' : 'picture.count.entered';
      return { text, words: translate(lang, key, { n: text }) };
    });
    hasNumbers ||= numbers.some((n) => /[1-9]/.test(n.text));
    const ports = [...el.querySelectorAll('.fp-port-label, .fp-sim-port-label')].map((p) => {
      const pb = box(p);
      return { label: txt(p), x: pb.x + pb.w / 2, y: pb.y + pb.h - 3 };
    });
    steps.push({
      ...b,
      accent,
      icon: icon ? new XMLSerializer().serializeToString(icon) : '',
      title: txt(el.querySelector('.fp-node-title, .fp-sim-node-title')),
      type: txt(el.querySelector('.fp-node-type')) || undefined,
      summary: txt(el.querySelector('.fp-node-summary, .fp-sim-node-summary')) || undefined,
      counters: numbers.length ? numbers.map((n) => n.words) : undefined,
      countersInside: simNumbers.length > 0,
      ports,
    });
  }

  // The map of funnels: each funnel a box, named in full (the screen may
  // cut a long name with an ellipsis; the export does not).
  for (const el of viewport.querySelectorAll<HTMLElement>('.react-flow__node .fp-map-box')) {
    const cs = getComputedStyle(el);
    const state = el.classList.contains('is-missing') ? 'missing' : el.classList.contains('is-live') ? 'live' : 'draft';
    // The colour says live or not (the open funnel's blue outline is for the screen only).
    const accent = cs.getPropertyValue(state === 'live' ? '--success' : '--cat-finish').trim() || cs.borderLeftColor || '#64748b';
    steps.push({ ...box(el), state, accent, icon: '', title: txt(el.querySelector('.fp-map-name')), summary: txt(el.querySelector('.fp-map-state')) || undefined });
  }

  // Counters only when they say something: no "0" on every step of a
  // funnel nobody went through yet (a 0 among real numbers is news).
  if (!hasNumbers) for (const st of steps) st.counters = undefined;

  const frames: VFrame[] = [];
  for (const el of viewport.querySelectorAll<HTMLElement>('.react-flow__node .fp-frame-area, .react-flow__node .fp-frame-card')) {
    // Frames are drawn in the canvas's slate, whatever the selection.
    frames.push({ ...box(el), title: txt(el.querySelector('.fp-frame-title')), color: '#64748b' });
  }

  const notes: VNote[] = [];
  for (const el of viewport.querySelectorAll<HTMLElement>('.react-flow__node .fp-note')) {
    if (el.querySelector('.fp-note-placeholder')) continue;
    notes.push({ ...box(el), text: el.innerText || txt(el) });
  }

  const links: VLink[] = [];
  for (const g of viewport.querySelectorAll<SVGGElement>('.react-flow__edge')) {
    const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path');
    const d = path?.getAttribute('d');
    if (!path || !d) continue;
    const cs = getComputedStyle(path);
    const label = g.querySelector('.react-flow__edge-text');
    const lb = label ? box(label) : null;
    links.push({
      d,
      color: cs.stroke && cs.stroke !== 'none' ? cs.stroke : '#64748b',
      // A simulated link is as thick as the share of contacts who took it.
      width: Number.parseFloat(cs.strokeWidth) || undefined,
      dashed: !!cs.strokeDasharray && cs.strokeDasharray !== 'none',
      label: label && lb && txt(label) ? { text: txt(label), x: lb.x + lb.w / 2, y: lb.y + lb.h / 2 } : undefined,
    });
  }
  return { steps, frames, notes, links, categories, hasNumbers };
}
