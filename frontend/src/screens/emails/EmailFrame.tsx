// An email's HTML shown as the contact would see it, isolated from the app.
//
// How link clicks reach the app, in Chromium and in the desktop window:
// the frame is sandboxed with allow-scripts only, so it has an opaque
// origin (it cannot reach the app, its bindings or its storage), submits no
// form and opens no window. A Content-Security-Policy put at the top of the
// email lets only our own small script run (by nonce): the email's scripts,
// inline handlers and javascript: links stay dead, as in a mail client. Our
// script catches clicks on links and posts them to the app, which follows
// tracked links from the Go side (FollowMailLink): the tracking server
// records the click and the journey moves on.
//
// Why not the simpler ways: WebKitGTK (the desktop window) does not run the
// app's own listeners on a frame sandboxed without allow-scripts (Chromium
// does), and it opens no window for target=_blank links; a fetch from the
// page (wails:// origin) to the loopback tracking server may be refused.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

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

/** MESSAGE_SOURCE marks the messages our script in the frame posts. */
export const MESSAGE_SOURCE = 'fp-email';

function nonce(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** The script put in the frame: report link clicks and the content's height. */
const FRAME_SCRIPT = `(function () {
  var post = function (m) { m.source = '${MESSAGE_SOURCE}'; parent.postMessage(m, '*'); };
  var onClick = function (e) {
    var t = e.target;
    while (t && t.nodeType !== 1) t = t.parentNode;
    var a = t && t.closest ? t.closest('a[href]') : null;
    if (!a) return;
    e.preventDefault();
    var href = a.getAttribute('href') || '';
    if (href.charAt(0) === '#') return;
    if (e.type === 'click') post({ kind: 'link', href: a.href || href });
  };
  document.addEventListener('click', onClick, true);
  document.addEventListener('auxclick', onClick, true);
  var fit = function () {
    var b = document.body;
    post({ kind: 'height', height: b ? b.scrollHeight : 0 });
  };
  document.addEventListener('DOMContentLoaded', function () {
    fit();
    if (window.ResizeObserver && document.body) new ResizeObserver(fit).observe(document.body);
  });
  window.addEventListener('load', fit);
})();`;

/**
 * frameDocument puts the policy and our script at the top of the email's
 * head (after the doctype, so the email keeps its rendering mode).
 */
export function frameDocument(html: string, n: string): string {
  const head =
    `<meta http-equiv="Content-Security-Policy" content="script-src 'nonce-${n}'; object-src 'none'; base-uri 'none'; form-action 'none'">` +
    `<script nonce="${n}">${FRAME_SCRIPT}</script>`;
  const m = /<head(\s[^>]*)?>/i.exec(html) ?? /<html(\s[^>]*)?>/i.exec(html);
  if (m) {
    const at = m.index + m[0].length;
    return html.slice(0, at) + head + html.slice(at);
  }
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  if (doctype) return doctype[0] + head + html.slice(doctype[0].length);
  return head + html;
}

export function EmailFrame({ html, title, width: minWidth, fill, onLink, testId }: EmailFrameProps) {
  const box = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const [boxWidth, setBoxWidth] = useState(minWidth);
  const [height, setHeight] = useState(400);
  const onLinkRef = useRef(onLink);
  onLinkRef.current = onLink;
  const width = fill ? Math.max(minWidth, boxWidth) : minWidth;
  const doc = useMemo(() => frameDocument(html, nonce()), [html]);

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

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (!frame.current || e.source !== frame.current.contentWindow) return;
      const d = e.data as { source?: string; kind?: string; href?: string; height?: number } | null;
      if (!d || d.source !== MESSAGE_SOURCE) return;
      if (d.kind === 'link' && typeof d.href === 'string') onLinkRef.current?.(d.href);
      // The body's height: the document is at least as tall as the frame,
      // so it would never shrink. The margin is the body's default.
      if (d.kind === 'height' && typeof d.height === 'number') setHeight(Math.max(200, Math.ceil(d.height) + 16));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  const scale = boxWidth > 0 && boxWidth < width ? boxWidth / width : 1;
  return (
    <div className="fp-frame-box" ref={box} style={{ height: height * scale }}>
      <iframe
        ref={frame}
        title={title}
        className="fp-frame"
        sandbox="allow-scripts"
        referrerPolicy="no-referrer"
        srcDoc={doc}
        data-testid={testId}
        style={{ width, height, transform: scale < 1 ? `scale(${scale})` : undefined }}
      />
    </div>
  );
}
