// Reads the open funnel's failures every few seconds while it is published
// and on screen (whether or not numbers are shown: a failure is always
// drawn), and, app-wide, watches the workspace's failures to notify once
// when they start.
import { useEffect } from 'react';
import { useEditor } from '../stores/editor';
import { useFailures, WATCH_MS } from '../../../stores/failures';
import { LIVE_POLL_MS } from '../stores/funnel';
import { useRefs } from '../../../stores/refs';

export function useFailureBadges(): void {
  const flowId = useEditor((s) => s.flowId);
  const version = useEditor((s) => s.info?.published_version ?? 0);

  useEffect(() => {
    if (!flowId || version === 0) {
      void useFailures.getState().refresh(); // clears what a previous funnel drew
      return;
    }
    const tick = () => {
      if (document.visibilityState !== 'hidden') void useFailures.getState().refresh();
    };
    // Failures name emails: have the names at hand.
    if (useRefs.getState().status === 'idle') void useRefs.getState().refresh();
    tick();
    const timer = window.setInterval(tick, LIVE_POLL_MS);
    return () => window.clearInterval(timer);
  }, [flowId, version]);
}

export function useFailureWatch(): void {
  useEffect(() => {
    const tick = () => void useFailures.getState().watch();
    tick();
    const timer = window.setInterval(tick, WATCH_MS);
    return () => window.clearInterval(timer);
  }, []);
}
