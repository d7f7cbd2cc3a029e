// Reads a published funnel's live numbers every few seconds while the
// canvas is on screen and "Show numbers" is on.
import { useEffect } from 'react';
import { useEditor } from '../stores/editor';
import { LIVE_POLL_MS, useFunnel } from '../stores/funnel';

export function useLiveNumbers(): void {
  const flowId = useEditor((s) => s.flowId);
  const version = useEditor((s) => s.info?.published_version ?? 0);
  const show = useEditor((s) => s.showNumbers);

  useEffect(() => {
    if (!flowId || version === 0 || !show) return;
    const tick = () => {
      if (document.visibilityState !== 'hidden') void useFunnel.getState().refreshLive();
    };
    tick();
    const timer = window.setInterval(tick, LIVE_POLL_MS);
    const onVisible = () => document.visibilityState === 'visible' && tick();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [flowId, version, show]);
}
