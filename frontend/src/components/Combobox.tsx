// Combobox: choose one named thing (an email, a list, an event…) by its
// name. The stored key never shows: the input reads the thing's name, or
// "Missing email" in red when it no longer exists. Typing filters; ↑ ↓
// Enter Esc work; a click on a suggestion takes it (the list keeps the
// focus on mouse down, so no blur race, WebKitGTK included); "+ Create…"
// makes a new one in place, and "Edit…" opens the chosen one.
import { Pencil } from 'lucide-react';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { fold, matches, type RefOption } from '../stores/refs';
import './combobox.css';

/** ComboCreate offers to make a new thing from what was typed. */
export interface ComboCreate {
  /** label is the row's text for the typed name ("" when nothing is typed). */
  label(query: string): string;
  /** needsName hides the row until something is typed. */
  needsName?: boolean;
  /** run makes the thing and returns its key (null: nothing made). */
  run(query: string): Promise<string | null | undefined>;
}

export interface ComboboxProps {
  id: string;
  /** value is the stored key ('' or undefined: nothing chosen). */
  value: string | undefined;
  options: readonly RefOption[];
  onChange(key: string | undefined): void;
  /** missingText replaces a key that matches no option ("Missing email"). */
  missingText: string;
  /** ready is false while the options load: a key is not called missing yet. */
  ready: boolean;
  placeholder?: string;
  emptyText: string;
  invalid?: boolean;
  /** onOpen asks for fresh options (the list follows changes made elsewhere). */
  onOpen?(): void;
  create?: ComboCreate;
  /** edit opens the chosen thing. */
  edit?: { label: string; run(key: string): void };
  /** label names the control for assistive technology when no <label> does. */
  ariaLabel?: string;
  testId?: string;
  /** inputTestId names the input itself (end-to-end tests fill it). */
  inputTestId?: string;
  /**
   * nameKeyed says the key is itself a name (a list, a tag, an event): one
   * that does not exist yet reads as typed, not as missing.
   */
  nameKeyed?: boolean;
  /** freeText keeps a new name typed in full when the user leaves (an import's list, made by the import). */
  freeText?: boolean;
  /** acceptTyped takes text typed in full when the user leaves if it says yes (a plain email address). */
  acceptTyped?: (typed: string) => boolean;
}

type Row = { kind: 'option'; option: RefOption } | { kind: 'create'; label: string };

export function Combobox(p: ComboboxProps) {
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);

  const value = p.value ?? '';
  const chosen = value === '' ? undefined : p.options.find((o) => o.key === value) ?? p.options.find((o) => o.key.toLowerCase() === value.toLowerCase());
  const missing = value !== '' && !chosen && p.ready && !p.nameKeyed;
  const shown = query ?? (chosen ? chosen.name : value === '' ? '' : p.nameKeyed ? value : missing ? p.missingText : '');

  const rows = useMemo<Row[]>(() => {
    const q = query ?? '';
    const out: Row[] = p.options.filter((o) => matches(o, q)).map((option) => ({ kind: 'option', option }));
    if (p.create && !(p.create.needsName && q.trim() === '')) {
      const exact = p.options.some((o) => fold(o.name) === fold(q) && q.trim() !== '');
      if (!exact) out.push({ kind: 'create', label: p.create.label(q.trim()) });
    }
    return out;
  }, [p.options, p.create, query]);

  const openList = () => {
    if (!open) {
      setOpen(true);
      const i = chosen ? rows.findIndex((r) => r.kind === 'option' && r.option.key === chosen.key) : 0;
      setActive(Math.max(0, i));
      p.onOpen?.();
    }
  };
  const close = () => {
    setOpen(false);
    setQuery(null);
  };

  const choose = async (row: Row | undefined) => {
    if (!row) return;
    if (row.kind === 'option') {
      p.onChange(row.option.key);
      close();
      return;
    }
    const q = (query ?? '').trim();
    close();
    if (!p.create) return;
    setBusy(true);
    try {
      const key = await p.create.run(q);
      if (key) p.onChange(key);
    } finally {
      setBusy(false);
    }
  };

  // Leaving the field: a name typed in full is taken, an emptied field
  // clears the choice, anything else goes back to the current choice.
  const commitTyped = () => {
    if (query === null) return;
    const q = query.trim();
    if (q === '') {
      if (value !== '') p.onChange(undefined);
    } else {
      const hit = p.options.find((o) => fold(o.name) === fold(q)) ?? p.options.find((o) => o.key === q);
      if (hit && hit.key !== value) p.onChange(hit.key);
      else if (!hit && (p.freeText || p.acceptTyped?.(q)) && q !== value) p.onChange(q);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) return openList();
        setActive((a) => Math.min(a + 1, rows.length - 1));
        return;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) return openList();
        setActive((a) => Math.max(a - 1, 0));
        return;
      case 'Enter':
        if (open && rows[active]) {
          e.preventDefault();
          void choose(rows[active]);
        }
        return;
      case 'Escape':
        if (open) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
        return;
    }
  };

  const activeId = open && rows[active] ? `${listId}-${active}` : undefined;
  return (
    <div className="fp-combo" data-testid={p.testId}>
      <div className="fp-combo-box">
        <input
          ref={inputRef}
          id={p.id}
          className={`fp-input fp-combo-input ${missing && query === null ? 'is-missing' : ''}`}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-label={p.ariaLabel}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-invalid={p.invalid || missing || undefined}
          aria-busy={busy || undefined}
          value={shown}
          placeholder={p.placeholder}
          data-testid={p.inputTestId}
          // Focus alone (a tab, a problem clicked) only freshens the
          // choices; a click, typing or ↓ opens the list.
          onFocus={() => p.onOpen?.()}
          onClick={openList}
          onChange={(e) => {
            setQuery(e.target.value);
            // Free text is the value as typed (a picked name replaces it).
            if (p.freeText) p.onChange(e.target.value === '' ? undefined : e.target.value);
            setActive(0);
            if (!open) {
              setOpen(true);
              p.onOpen?.();
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            commitTyped();
            close();
          }}
        />
        {open && (
          <ul className="fp-combo-list" id={listId} role="listbox">
            {rows.length === 0 && (
              <li className="fp-combo-empty" role="presentation">
                {p.emptyText}
              </li>
            )}
            {rows.map((r, i) => (
              <li
                key={r.kind === 'option' ? `o:${r.option.key}` : 'create'}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={r.kind === 'option' && r.option.key === chosen?.key}
                className={`fp-combo-option ${i === active ? 'is-active' : ''} ${r.kind === 'create' ? 'fp-combo-create' : ''}`}
                // Keep the focus in the input: the click then always lands.
                onMouseDown={(e) => e.preventDefault()}
                onMouseMove={() => i !== active && setActive(i)}
                // Inside a <label> (a form's field), the click would also be
                // forwarded to the input and open the list again.
                onClick={(e) => {
                  e.preventDefault();
                  void choose(r);
                }}
              >
                {r.kind === 'option' ? (
                  <>
                    <span className="fp-combo-name">{r.option.name}</span>
                    {r.option.detail && <span className="fp-combo-detail">{r.option.detail}</span>}
                  </>
                ) : (
                  <span className="fp-combo-name">{r.label}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {p.edit && chosen && (
        <button type="button" className="fp-btn fp-btn-small" onClick={() => p.edit!.run(chosen.key)} title={p.edit.label} data-testid={p.testId ? `${p.testId}-edit` : undefined}>
          <Pencil size={13} /> {p.edit.label}
        </button>
      )}
    </div>
  );
}
