// Focus for dialogs (issue #22): on open, focus goes to the dialog's first
// field or main button; while it is open, Tab and Shift+Tab go round inside
// it instead of reaching the screen behind; on close, focus goes back to
// what had it before, so a keyboard user carries on where they were.
import { useEffect, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/** focusables lists what Tab can reach inside box, in order, skipping what is hidden. */
export function focusables(box: HTMLElement): HTMLElement[] {
  return Array.from(box.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hidden && !el.closest('[hidden], [inert]') && el.getAttribute('aria-hidden') !== 'true');
}

/**
 * useDialogFocus manages focus for the dialog in ref while it is mounted.
 * initial picks the element to focus on open (the first field by default);
 * onEscape, when given, is called on Escape.
 */
export function useDialogFocus(ref: RefObject<HTMLElement | null>, opts: { initial?: () => HTMLElement | null | undefined; onEscape?: () => void } = {}) {
  const { initial, onEscape } = opts;
  // Only the first render's options matter for the open/close focus moves;
  // the latest Escape handler is read through the ref below.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const box = ref.current;
    if (box && !box.contains(document.activeElement)) {
      const first = initial?.() ?? box.querySelector<HTMLElement>('[autofocus]') ?? focusables(box).find((el) => !el.classList.contains('fp-modal-x'));
      (first ?? box).focus();
    }
    return () => {
      // Back where it came from, unless that is gone (then the body is all there is).
      if (before && before.isConnected) before.focus?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const box = ref.current;
      if (!box) return;
      if (e.key === 'Escape' && onEscape) {
        e.stopPropagation();
        onEscape();
        return;
      }
      if (e.key !== 'Tab') return;
      // A dialog over another one: only the one on top keeps Tab.
      const open = document.querySelectorAll('[aria-modal="true"]');
      if (open.length && open[open.length - 1] !== box) return;
      const items = focusables(box);
      if (items.length === 0) {
        e.preventDefault();
        box.focus();
        return;
      }
      const first = items[0];
      const last = items[items.length - 1];
      const at = document.activeElement;
      if (!box.contains(at)) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      } else if (e.shiftKey && (at === first || at === box)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && at === last) {
        e.preventDefault();
        first.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ref, onEscape]);
}
