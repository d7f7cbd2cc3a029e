// The one polite live region of the app (issue #22): what changed without
// the focus moving — a step added or removed, how many steps a search
// found, the problems left after a save or a publish, the progress of long
// work — is said here, in the UI language, by whoever calls announce().
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { translate } from '../i18n/dict';
import { useSettings } from '../stores/settings';
import { watchLongWork } from './announcements';

interface LiveState {
  text: string;
  seq: number;
}

const useLive = create<LiveState>()(() => ({ text: '', seq: 0 }));

/**
 * announce has screen readers say text politely (after what they are
 * saying). The same sentence twice in a row is said twice.
 */
export function announce(text: string): void {
  if (!text) return;
  useLive.setState((s) => ({ text, seq: s.seq + 1 }));
}

/** lastAnnouncement is what was last given to announce (tests). */
export function lastAnnouncement(): string {
  return useLive.getState().text;
}

/** COUNT_AFTER_MS is how long typing pauses before a search's count is said (not at each letter). */
const COUNT_AFTER_MS = 500;

/**
 * useAnnounceCount says how many steps a search found, once typing pauses;
 * nothing for an empty query.
 */
export function useAnnounceCount(query: string, count: number): void {
  useEffect(() => {
    if (!query.trim()) return;
    const timer = window.setTimeout(() => {
      const lang = useSettings.getState().lang;
      announce(count === 0 ? translate(lang, 'a11y.resultsNone') : count === 1 ? translate(lang, 'a11y.resultsOne') : translate(lang, 'a11y.results', { count }));
    }, COUNT_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [query, count]);
}

/** LiveRegion is the region itself, rendered once in the shell. */
export function LiveRegion() {
  const { text, seq } = useLive();
  useEffect(() => watchLongWork(), []);
  // Emptied first, then filled on the next frame: a screen reader notices a
  // change of text, so a repeated sentence must leave and come back.
  const [shown, setShown] = useState('');
  useEffect(() => {
    setShown('');
    const frame = window.requestAnimationFrame(() => setShown(text));
    return () => window.cancelAnimationFrame(frame);
  }, [text, seq]);
  return (
    <div className="fp-sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region" data-seq={seq}>
      {shown}
    </div>
  );
}
