// Keyboard shortcuts of the editor. Typing in a field keeps the field's own
// shortcuts (undo in a text box undoes the text), except Ctrl+S.
import { useEffect } from 'react';
import { useEditor } from '../stores/editor';
import { toast } from '../../../stores/toasts';
import { requestDelete } from '../screen/deleting';
import { groupSelected } from '../canvas/frameCommands';
import { announce } from '../../../components/LiveRegion';
import { problemsText } from '../../../components/announcements';
import { msg } from '../../../i18n/message';

/** isTyping reports whether a keyboard event happens in an editable element. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** handleShortcut runs the editor command for a key press; it returns true when it did. */
export function handleShortcut(e: KeyboardEvent): boolean {
  const ed = useEditor.getState();
  if (!ed.meta) return false;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && key === 's') {
    // Saved: the problems left are said (issue #22).
    void ed.save().then(() => {
      const errors = useEditor.getState().issues.filter((i) => i.severity === 'error').length;
      announce(problemsText(errors));
    });
    return true;
  }
  if (isTyping(e.target)) return false;
  if (mod && key === 'z') {
    if (e.shiftKey) ed.redo();
    else ed.undo();
    return true;
  }
  if (mod && key === 'y') {
    ed.redo();
    return true;
  }
  if (mod && key === 'c') {
    const n = ed.copy();
    if (n > 0) toast('info', msg('toast.copied', { count: n }));
    return n > 0;
  }
  if (mod && key === 'v') return ed.paste().length > 0;
  if (mod && key === 'd') {
    ed.duplicate();
    return true;
  }
  if (mod && key === 'g') {
    groupSelected();
    return true;
  }
  if (mod && key === 'a') {
    ed.selectAll();
    return true;
  }
  if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
    // A dialog is open (the question itself, or another): its keys are its own.
    if (document.querySelector('.fp-modal-backdrop')) return false;
    requestDelete();
    return true;
  }
  return false;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleShortcut(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
