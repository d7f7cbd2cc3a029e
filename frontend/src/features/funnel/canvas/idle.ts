/**
 * whenIdle runs fn once the browser is idle, at the latest after timeout
 * ms; WebKitGTK (the desktop window) has no requestIdleCallback, so there it
 * runs after fallback ms instead. It returns how to cancel.
 */
export function whenIdle(fn: () => void, timeout: number, fallback: number): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(fn, fallback);
  return () => clearTimeout(id);
}
