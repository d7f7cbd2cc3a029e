// An email's HTML shown as the contact would see it, isolated from the app.
//
// The frame is sandboxed without allow-scripts: nothing in the email runs —
// no <script> wherever it sits in the file, no inline handler, no
// javascript: link, no form, no window, no navigation of the app. (A
// Content-Security-Policy inserted into the email's HTML used to stand in
// for this, and a script placed before the email's first <head> ran
// anyway.) allow-same-origin is kept, and only so that the app can read the
// frame's layout: with scripts off the email cannot use that origin.
//
// How link clicks reach the app, in Chromium and in the desktop window,
// with no script in the frame: WebKitGTK (the desktop window) runs no
// listener, not even the app's, on a document whose scripts are off, so a
// transparent layer over the frame takes the clicks, finds the link under
// the pointer with the frame's elementFromPoint, and hands its address to
// the app, which follows tracked links from the Go side (FollowMailLink).
// Links are rewritten to "#" before display (their address kept in
// LINK_ATTR), so a link reached with the keyboard goes nowhere either.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

export interface EmailFrameProps {
  html: string;
  title: string;
  /** width is the width the email is laid out at; the frame scales down to fit. */
  width: number;
  /** fill widens the frame to the space available (a desktop reading pane). */
  fill?: boolean;
  onLink?: (url: string) => void;
  testId?: string;
}

/** SANDBOX is the frame's sandbox: no allow-scripts, ever. */
export const SANDBOX = 'allow-same-origin';

/** LINK_ATTR holds a link's address once its href is made inert. */
export const LINK_ATTR = 'data-fp-href';

/**
 * frameDocument returns the email to put in the frame: the same document
 * with scripts, refresh and base elements removed (dead in the sandbox
 * anyway; removed so nothing depends on the sandbox alone) and every link's
 * address moved to LINK_ATTR. DOMParser builds an inert document: nothing
 * in it runs or loads while it is rewritten.
 */
export function frameDocument(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script, noscript, base, meta[http-equiv], object, embed').forEach((el) => el.remove());
  doc.querySelectorAll('a[href], area[href]').forEach((a) => {
    const href = a.getAttribute('href') ?? '';
    if (href.startsWith('#')) return;
    a.setAttribute(LINK_ATTR, href);
    a.setAttribute('href', '#');
  });
  const doctype = doc.doctype ? new XMLSerializer().serializeToString(doc.doctype) : '';
  return doctype + doc.documentElement.outerHTML;
}

/** linkAt returns the address of the link at a point of the frame's document, or null. */
export function linkAt(doc: Document | null | undefined, x: number, y: number): string | null {
  const el = doc?.elementFromPoint?.(x, y) ?? null;
  const a = el?.closest?.(`[${LINK_ATTR}]`) ?? null;
  return a?.getAttribute(LINK_ATTR) ?? null;
}

export function EmailFrame({ html, title, width: minWidth, fill, onLink, testId }: EmailFrameProps) {
  const box = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const [boxWidth, setBoxWidth] = useState(minWidth);
  const [height, setHeight] = useState(400);
  const [hover, setHover] = useState<string | null>(null);
  const width = fill ? Math.max(minWidth, boxWidth) : minWidth;
  const doc = useMemo(() => frameDocument(html), [html]);
  const scale = boxWidth > 0 && boxWidth < width ? boxWidth / width : 1;

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setBoxWidth(el.clientWidth || minWidth);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [minWidth]);

  // The body's height, read from here (the frame runs no script). The
  // document is at least as tall as the frame, so it would never shrink;
  // the margin is the body's default.
  const fit = useCallback(() => {
    const body = frame.current?.contentDocument?.body;
    if (body) setHeight(Math.max(200, Math.ceil(body.scrollHeight) + 16));
  }, []);
  useEffect(fit, [fit, width]);

  /** pointAt converts a pointer position to the frame document's coordinates. */
  const hrefAt = (clientX: number, clientY: number): string | null => {
    const f = frame.current;
    if (!f) return null;
    const r = f.getBoundingClientRect();
    return linkAt(f.contentDocument, (clientX - r.left) / scale, (clientY - r.top) / scale);
  };

  return (
    <div className="fp-frame-box" ref={box} style={{ height: height * scale }}>
      <iframe
        ref={frame}
        title={title}
        className="fp-frame"
        sandbox={SANDBOX}
        referrerPolicy="no-referrer"
        srcDoc={doc}
        tabIndex={-1}
        onLoad={fit}
        data-testid={testId}
        style={{ width, height, transform: scale < 1 ? `scale(${scale})` : undefined }}
      />
      <div
        className={`fp-frame-links${hover ? ' is-link' : ''}`}
        data-testid={testId ? `${testId}-links` : undefined}
        title={hover ?? undefined}
        onMouseMove={(e) => setHover(hrefAt(e.clientX, e.clientY))}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => {
          const href = hrefAt(e.clientX, e.clientY);
          if (href) onLink?.(href);
        }}
      />
    </div>
  );
}
