// A CodeMirror 6 editor for Lua scripts and raw email HTML: line numbers,
// highlighting, the engine's problems as lint markers at their lines, undo,
// Tab and auto-indent. Only the packages the project ships are used
// (view, state, language, lint, legacy modes), so history and the few
// key bindings are kept here.
import { setDiagnostics, lintGutter } from '@codemirror/lint';
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching } from '@codemirror/language';
import { html } from '@codemirror/legacy-modes/mode/xml';
import { lua } from '@codemirror/legacy-modes/mode/lua';
import { Annotation, ChangeSet, EditorSelection, EditorState, StateField, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type Command,
} from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { toLintDiagnostics, type LineProblem } from './lint';
import './scripts.css';

export type CodeLanguage = 'lua' | 'html';

const languages: Record<CodeLanguage, Extension> = {
  lua: StreamLanguage.define(lua),
  html: StreamLanguage.define(html),
};

// ---------- a small undo history ----------

const historyEvent = Annotation.define<'undo' | 'redo' | 'reset'>();

interface History {
  done: ChangeSet[];
  undone: ChangeSet[];
  last: number;
}

/** Typing within this many milliseconds undoes as one step. */
const GROUP_MS = 600;

const historyField = StateField.define<History>({
  create: () => ({ done: [], undone: [], last: 0 }),
  update(h, tr) {
    const ev = tr.annotation(historyEvent);
    if (ev === 'reset') return { done: [], undone: [], last: 0 };
    if (!tr.docChanged) return h;
    const inverse = tr.changes.invert(tr.startState.doc);
    if (ev === 'undo') return { done: h.done.slice(0, -1), undone: [...h.undone, inverse], last: 0 };
    if (ev === 'redo') return { done: [...h.done, inverse], undone: h.undone.slice(0, -1), last: 0 };
    const now = Date.now();
    const prev = h.done.at(-1);
    if (prev && now - h.last < GROUP_MS) return { done: [...h.done.slice(0, -1), inverse.compose(prev)], undone: [], last: now };
    return { done: [...h.done.slice(-199), inverse], undone: [], last: now };
  },
});

function step(which: 'undo' | 'redo'): Command {
  return (view) => {
    const h = view.state.field(historyField);
    const c = which === 'undo' ? h.done.at(-1) : h.undone.at(-1);
    if (!c) return false;
    view.dispatch({ changes: c, annotations: historyEvent.of(which), scrollIntoView: true });
    return true;
  };
}

// The whole document, not only the lines on screen (CodeMirror draws the visible part).
const selectAll: Command = (view) => {
  view.dispatch({ selection: { anchor: 0, head: view.state.doc.length }, userEvent: 'select' });
  return true;
};

const insertTab: Command = (view) => {
  view.dispatch(view.state.replaceSelection('  '), { scrollIntoView: true, userEvent: 'input' });
  return true;
};

/** Enter keeps the current line's indentation. */
const newlineKeepIndent: Command = (view) => {
  const { state } = view;
  const tr = state.changeByRange((range) => {
    const line = state.doc.lineAt(range.from);
    const indent = /^\s*/.exec(line.text)?.[0] ?? '';
    const insert = '\n' + indent;
    return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(range.from + insert.length) };
  });
  view.dispatch(tr, { scrollIntoView: true, userEvent: 'input' });
  return true;
};

const external = Annotation.define<boolean>();

export interface CodeEditorHandle {
  /** goToLine puts the cursor on a line and scrolls to it. */
  goToLine(line: number): void;
  /** insert replaces the selection with text (the merge-field picker). */
  insert(text: string): void;
  focus(): void;
}

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  language: CodeLanguage;
  problems: readonly LineProblem[];
  label: string;
  testId?: string;
  wrap?: boolean;
  onSave?: () => void;
  onFocus?: () => void;
}

export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(props, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          bracketMatching(),
          languages[props.language],
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          lintGutter(),
          historyField,
          EditorState.tabSize.of(2),
          // The text is in the Tab order already (contenteditable); saying so
          // lets checkers see the scrolling area has keyboard access (issue #22).
          EditorView.contentAttributes.of({ tabindex: '0' }),
          props.wrap ? EditorView.lineWrapping : [],
          keymap.of([
            { key: 'Mod-z', run: step('undo'), preventDefault: true },
            { key: 'Mod-Shift-z', run: step('redo'), preventDefault: true },
            { key: 'Mod-y', run: step('redo'), preventDefault: true },
            { key: 'Mod-a', run: selectAll, preventDefault: true },
            { key: 'Tab', run: insertTab },
            { key: 'Enter', run: newlineKeepIndent },
            {
              key: 'Mod-s',
              run: () => {
                latest.current.onSave?.();
                return true;
              },
              preventDefault: true,
            },
          ]),
          EditorView.contentAttributes.of({ 'aria-label': props.label, spellcheck: 'false' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((t) => t.annotation(external))) latest.current.onChange(u.state.doc.toString());
            if (u.focusChanged && u.view.hasFocus) latest.current.onFocus?.();
          }),
        ],
      }),
    });
    view.current = v;
    v.dispatch(setDiagnostics(v.state, toLintDiagnostics(v.state.doc, latest.current.problems)));
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is built once per language; value and problems follow below.
  }, [props.language, props.wrap]);

  // A new text from outside (another script opened, a mode switch) replaces the document.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const cur = v.state.doc.toString();
    if (cur === props.value) return;
    v.dispatch({ changes: { from: 0, to: cur.length, insert: props.value }, annotations: [external.of(true), historyEvent.of('reset')] });
  }, [props.value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch(setDiagnostics(v.state, toLintDiagnostics(v.state.doc, props.problems)));
  }, [props.problems]);

  useImperativeHandle(ref, () => ({
    goToLine(line) {
      const v = view.current;
      if (!v) return;
      const n = Math.min(Math.max(line, 1), v.state.doc.lines);
      const l = v.state.doc.line(n);
      v.dispatch({ selection: { anchor: l.from }, effects: EditorView.scrollIntoView(l.from, { y: 'center' }) });
      v.focus();
    },
    insert(text) {
      const v = view.current;
      if (!v) return;
      v.dispatch(v.state.replaceSelection(text), { scrollIntoView: true, userEvent: 'input' });
      v.focus();
    },
    focus() {
      view.current?.focus();
    },
  }));

  return <div className="fp-code" ref={host} data-testid={props.testId} />;
});
