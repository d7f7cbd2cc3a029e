// Focus what was just created (issue #22): it appears a render or two after
// the store says it exists, so look for it on the next few frames instead
// of letting focus fall to the page body.

/** focusSoon focuses the element matching selector as soon as it is on the page (within about half a second). */
export function focusSoon(selector: string, frames = 30): void {
  const el = document.querySelector<HTMLElement>(selector);
  if (el) {
    el.focus();
    return;
  }
  if (frames > 0) requestAnimationFrame(() => focusSoon(selector, frames - 1));
}
