// The contact table: only the rows on screen (plus a few) are in the DOM,
// and the rows come from the engine page by page as they scroll into view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { ContactRow } from '../../api/contacts';
import { useT } from '../../i18n/useT';
import { rowAt, useContactsTable } from '../../stores/contactsTable';
import { ScoreWithTemp } from './bits';
import { fullName, stageLabel } from './labels';

/** ROW_HEIGHT is the height of a row, in pixels (fixed: the virtualiser needs no measuring). */
export const ROW_HEIGHT = 40;
/** OVERSCAN is how many rows are drawn above and below the screen. */
export const OVERSCAN = 8;

const COLUMNS = [
  { id: 'email', sort: 'email' },
  { id: 'name', sort: 'last_name' },
  { id: 'company', sort: 'company' },
  { id: 'country', sort: 'country' },
  { id: 'score', sort: 'score' },
  { id: 'stage', sort: 'stage' },
] as const;

export function ContactsTable({ selected, onOpen }: { selected: number | null; onOpen: (id: number) => void }) {
  const { t } = useT();
  const total = useContactsTable((s) => s.total) ?? 0;
  const pages = useContactsTable((s) => s.pages);
  const sort = useContactsTable((s) => s.filters.sort);
  const generation = useContactsTable((s) => s.generation);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The header sits outside the scrolling rows: it leaves room for their scrollbar.
  const [scrollbar, setScrollbar] = useState(0);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  useEffect(() => {
    useContactsTable.getState().ensureRange(first, Math.max(last, 0));
  }, [first, last, total, generation]);

  useEffect(() => {
    const el = scrollRef.current;
    if (el) setScrollbar(Math.max(0, el.offsetWidth - el.clientWidth));
  }, [total > 0]);

  // New filters: back to the top.
  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [generation]);

  return (
    <div className="fp-ct-table" role="table" aria-label={t('contacts.table')} aria-rowcount={total + 1} data-testid="contacts-table">
      <div className="fp-ct-tr fp-ct-thead" role="row" aria-rowindex={1} style={{ paddingRight: 16 + scrollbar }}>
        {COLUMNS.map((c) => {
          const dir = sort === c.sort ? 'asc' : sort === `-${c.sort}` ? 'desc' : null;
          return (
            <div
              key={c.id}
              role="columnheader"
              className={`fp-ct-th fp-ct-c-${c.id}`}
              aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
            >
              <button
                type="button"
                className="fp-ct-sort"
                title={t('contacts.sortBy', { column: t(`contacts.col.${c.id}`) })}
                onClick={() => useContactsTable.getState().setSort(c.sort)}
                data-testid={`sort-${c.id}`}
              >
                {t(`contacts.col.${c.id}`)}
                {dir === 'asc' && <ArrowUp size={12} aria-hidden="true" />}
                {dir === 'desc' && <ArrowDown size={12} aria-hidden="true" />}
              </button>
            </div>
          );
        })}
      </div>
      <div className="fp-ct-scroll" ref={scrollRef} data-testid="contacts-scroll">
        <div className="fp-ct-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((vi) => {
            const row = rowAt({ pages }, vi.index);
            return (
              <div
                key={vi.key}
                className="fp-ct-vrow"
                style={{ height: ROW_HEIGHT, transform: `translateY(${vi.start}px)` }}
              >
                {row ? (
                  <Row row={row} index={vi.index} selected={row.id === selected} onOpen={onOpen} />
                ) : (
                  <div className="fp-ct-tr is-loading" role="row" aria-rowindex={vi.index + 2} aria-busy="true">
                    <div role="cell" className="fp-ct-td fp-ct-skeleton" />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function Row({ row, index, selected, onOpen }: { row: ContactRow; index: number; selected: boolean; onOpen: (id: number) => void }) {
  const { t } = useT();
  return (
    <div
      className={`fp-ct-tr fp-ct-row ${selected ? 'is-selected' : ''} ${row.unsubscribed || row.bounced ? 'is-off' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={0}
      data-testid="contact-row"
      data-email={row.email}
      onClick={() => onOpen(row.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(row.id);
        }
      }}
    >
      <div role="cell" className="fp-ct-td fp-ct-c-email" title={row.email}>
        {row.email}
      </div>
      <div role="cell" className="fp-ct-td fp-ct-c-name">
        {fullName(row.first_name, row.last_name)}
      </div>
      <div role="cell" className="fp-ct-td fp-ct-c-company">
        {row.company}
      </div>
      <div role="cell" className="fp-ct-td fp-ct-c-country">
        {row.country}
      </div>
      <div role="cell" className="fp-ct-td fp-ct-c-score">
        <ScoreWithTemp score={row.score} temperature={row.temperature} />
      </div>
      <div role="cell" className="fp-ct-td fp-ct-c-stage">
        <span className={`fp-ct-stage is-${row.stage}`}>{stageLabel(t, row.stage)}</span>
      </div>
    </div>
  );
}
