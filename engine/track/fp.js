/* Flightplan website snippet: page views, time on page, links and
   downloads, under an anonymous visitor id kept by this site. No
   dependencies. flightplan('consent', true|false) gives or takes consent. */
(function (w, d) {
  var s = d.currentScript || d.querySelector('script[data-site]');
  if (!s || w.__fp) return;
  w.__fp = 1;
  var key = s.getAttribute('data-site'),
    needConsent = s.getAttribute('data-consent') === 'required',
    end = new URL(s.src).origin + '/t/e',
    ls = w.localStorage, start = 0, shown = 0, visible = 0, sentView = 0, token;

  function get(k) {
    try { var v = ls.getItem(k); if (v) return v; } catch (e) {}
    var m = d.cookie.match('(?:^|; )' + k + '=([^;]*)');
    return m ? m[1] : '';
  }
  function set(k, v) {
    try { ls.setItem(k, v); } catch (e) {}
    d.cookie = k + '=' + v + '; path=/; max-age=63072000; SameSite=Lax';
  }
  function allowed() { return !needConsent || get('fp_consent') === '1'; }
  function visitor() {
    var v = get('fp_v');
    if (!/^[\w-]{16,64}$/.test(v)) {
      var a = new Uint8Array(16);
      (w.crypto || w.msCrypto).getRandomValues(a);
      v = '';
      for (var i = 0; i < a.length; i++) v += (a[i] & 63).toString(36) + (a[i] >> 6);
      set('fp_v', v);
    }
    return v;
  }
  function send(t, data) {
    if (!allowed()) return;
    var b = { k: key, v: visitor(), e: [{ t: t, d: data }] };
    if (needConsent) b.cn = true;
    if (token) { b.c = token; token = ''; }
    var body = JSON.stringify(b);
    // text/plain: a simple request, no CORS preflight; a beacon survives
    // the page closing.
    if (!(navigator.sendBeacon && navigator.sendBeacon(end, new Blob([body], { type: 'text/plain' }))))
      fetch(end, { method: 'POST', body: body, keepalive: true, mode: 'cors', headers: { 'Content-Type': 'text/plain' } })['catch'](function () {});
  }
  function page() {
    return { url: location.href, path: location.pathname, title: d.title };
  }
  function view() {
    if (sentView || !allowed()) return;
    sentView = 1;
    var p = page(), now = Date.now(), last = +get('fp_t') || 0;
    p.referrer = d.referrer;
    // A visit is a run of pages with less than 30 minutes between them:
    // its first page says so, and "visits in 7 days" counts those.
    if (now - last > 18e5) p.visit = true;
    set('fp_t', String(now));
    send('page_visited', p);
    if (d.visibilityState !== 'hidden') { shown = Date.now(); visible = 1; }
  }
  function left() {
    if (!visible) return;
    visible = 0;
    start += Date.now() - shown;
    var p = page();
    p.seconds = Math.round(start / 1000);
    start = 0;
    send('page_left', p);
  }

  // An email link's fp_c names the contact: keep it for the next event,
  // and take it out of the address bar (and out of bookmarks and shares).
  try {
    var u = new URL(location.href);
    token = u.searchParams.get('fp_c') || '';
    if (token) { u.searchParams['delete']('fp_c'); history.replaceState(history.state, '', u.href); }
  } catch (e) {}

  d.addEventListener('visibilitychange', function () {
    if (d.visibilityState === 'hidden') left();
    else if (sentView && !visible) { shown = Date.now(); visible = 1; }
  });
  w.addEventListener('pagehide', left);
  d.addEventListener('click', function (e) {
    var a = e.target && e.target.closest && e.target.closest('a[href]');
    if (!a) return;
    var h = a.href;
    if (/\.(pdf|zip|docx?|xlsx?|pptx?|csv|epub|mp3|mp4)(\?|#|$)/i.test(h)) send('file_downloaded', { href: h, file: h.split(/[?#]/)[0].split('/').pop(), url: location.href });
    else if (a.origin !== location.origin) send('link_clicked', { href: h, url: location.href });
  }, true);

  function call(cmd, v) {
    if (cmd === 'consent') {
      set('fp_consent', v ? '1' : '0');
      if (v) view(); else visible = 0;
    }
  }
  var q = (w.flightplan && w.flightplan.q) || [];
  w.flightplan = function () { call.apply(null, arguments); };
  for (var i = 0; i < q.length; i++) call.apply(null, q[i]);
  view();
})(window, document);
