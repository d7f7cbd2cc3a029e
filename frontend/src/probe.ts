// The page side of the window end-to-end walk (build/window-e2e.sh, app/probe.go).
// The walk clicks and types with real X input; to know where, it asks the
// page for the rectangles of elements (CSS selector, optionally narrowed to
// those whose text contains a string). Go hands the question over only when
// the app runs with $FLIGHTPLAN_E2E_PROBE; the page only reads itself here.
import { ProbeAnswer } from '../wailsjs/go/app/Probe';

interface Query {
  id: number;
  /** name → selector and, optionally, text the element must contain. */
  find?: Record<string, { sel: string; text?: string }>;
  /** also return the visible text of the page. */
  body?: boolean;
}

declare global {
  interface Window {
    __flightplanProbe?: (q: Query) => void;
  }
}

let mouse = { x: -1, y: -1 };
// The last input events the page saw (type and target), to tell a click that
// did not take from one that landed elsewhere.
const events: string[] = [];
const name = (el: EventTarget | null) =>
  el instanceof Element ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('role') ? `[${el.getAttribute('role')}]` : ''}` : String(el);

/** scroller: the centre of the nearest box that scrolls el (where a wheel brings it into view). */
function scroller(el: Element): { x: number; y: number } | undefined {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowY;
    if ((o === 'auto' || o === 'scroll') && p.scrollHeight > p.clientHeight + 1) {
      const r = p.getBoundingClientRect();
      return { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) };
    }
  }
  return undefined;
}

function describe(el: Element) {
  const r = el.getBoundingClientRect();
  const cx = r.x + r.width / 2;
  const cy = r.y + r.height / 2;
  const top = document.elementFromPoint(cx, cy);
  return {
    x: Math.round(cx),
    y: Math.round(cy),
    w: Math.round(r.width),
    h: Math.round(r.height),
    left: Math.round(r.x),
    top: Math.round(r.y),
    text: (el.textContent ?? '').trim().slice(0, 200),
    value: el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement ? el.value : undefined,
    // Whether a click at the centre lands on this element (not on something over it).
    hit: top !== null && (top === el || el.contains(top)),
    focused: document.activeElement === el || el.contains(document.activeElement),
    scroller: scroller(el),
  };
}

/** startProbe listens for the walk's questions (inert without $FLIGHTPLAN_E2E_PROBE: Go never asks). */
export function startProbe(): void {
  window.addEventListener('mousemove', (e) => (mouse = { x: e.clientX, y: e.clientY }), { capture: true, passive: true });
  for (const type of ['mousedown', 'mouseup', 'click', 'input', 'focus', 'blur', 'keydown']) {
    window.addEventListener(type, (e) => events.push(`${type} ${name(e.target)}`) > 40 && events.shift(), { capture: true, passive: true });
  }
  window.__flightplanProbe = (q) => {
    const found: Record<string, ReturnType<typeof describe>[]> = {};
    for (const [name, { sel, text }] of Object.entries(q.find ?? {})) {
      found[name] = [...document.querySelectorAll(sel)]
        .filter((el) => !text || (el.textContent ?? '').includes(text))
        .map(describe)
        .filter((d) => d.w > 0 && d.h > 0);
    }
    const a = document.activeElement;
    void ProbeAnswer(
      JSON.stringify({
        id: q.id,
        found,
        mouse,
        events,
        view: { w: window.innerWidth, h: window.innerHeight },
        active: a ? { tag: a.tagName, id: a.id, testid: a.getAttribute('data-testid') } : null,
        body: q.body ? document.body.innerText : undefined,
      }),
    );
  };
}
