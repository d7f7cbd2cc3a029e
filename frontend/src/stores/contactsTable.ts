// The contact table: filters, a debounced search, and rows fetched page by
// page as the virtualised table scrolls. Only the pages around what is on
// screen are kept, so 100,000 contacts cost a few hundred rows of memory.
import { create } from 'zustand';
import { errorMessage } from '../api/backend';
import { contactsApi, type ContactLookups, type ContactRow, type ListQuery, type Segment } from '../api/contacts';
import { toast } from './toasts';

/** PAGE_SIZE is the rows asked for at once (the engine allows up to 1000). */
export const PAGE_SIZE = 200;
/** MAX_PAGES bounds the pages kept in memory; the farthest from the screen go first. */
export const MAX_PAGES = 30;
/** SEARCH_DEBOUNCE_MS is how long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 250;

export interface ContactFilters {
  search: string;
  segment: string;
  list: string;
  tag: string;
  stage: string;
  temperature: string;
  sort: string;
}

export type FilterKey = Exclude<keyof ContactFilters, 'search' | 'sort'>;

export const NO_FILTERS: ContactFilters = { search: '', segment: '', list: '', tag: '', stage: '', temperature: '', sort: '' };

export const EMPTY_CONTACT_LOOKUPS: ContactLookups = { lists: [], tags: [], segments: [], event_types: [] };

interface TableState {
  filters: ContactFilters;
  /** searchInput is what the search box shows; it reaches filters.search after a pause. */
  searchInput: string;
  /** total is how many contacts match; null until the first page answers. */
  total: number | null;
  pages: Record<number, ContactRow[]>;
  /** loading holds the pages asked for and not answered yet. */
  loading: Record<number, true>;
  /** generation changes with the filters; answers for an older one are dropped. */
  generation: number;
  error: string | null;
  lookups: ContactLookups;
  segments: Segment[];
  exporting: boolean;

  setSearch(text: string): void;
  /** flushSearch runs a pending search now (Enter in the box). */
  flushSearch(): void;
  setFilter(key: FilterKey, value: string): void;
  /** setSort sorts by a column; asking again for the same column flips the direction. */
  setSort(column: string): void;
  clearFilters(): void;
  /** ensureRange fetches the pages holding rows first..last (0-based, inclusive). */
  ensureRange(first: number, last: number): void;
  /** reload drops the rows and asks again (after an import, a stage change…). */
  reload(): void;
  patchRow(id: number, patch: Partial<ContactRow>): void;
  loadLookups(): Promise<void>;
  exportCsv(): Promise<string | null>;
  /** addContact creates a contact (sign-up and list events included, so funnels start); it returns the new id, or the engine's refusal. */
  addContact(values: Record<string, string>, lists: string[]): Promise<{ id: number } | { error: string }>;
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;
/** view is the last range of pages the table showed: pruning keeps what is near it. */
let view = { from: 0, to: 0 };

/** prune forgets the pages farthest from the view beyond MAX_PAGES. */
function prune(pages: Record<number, ContactRow[]>): Record<number, ContactRow[]> {
  const kept = Object.keys(pages).map(Number);
  if (kept.length <= MAX_PAGES) return pages;
  const mid = (view.from + view.to) / 2;
  const out = { ...pages };
  for (const p of kept.sort((a, b) => Math.abs(b - mid) - Math.abs(a - mid)).slice(0, kept.length - MAX_PAGES)) delete out[p];
  return out;
}

/** cancelTableTimers stops a pending search (tests). */
export function cancelTableTimers(): void {
  if (searchTimer) clearTimeout(searchTimer);
  searchTimer = undefined;
}

/** queryOf is the ListQuery of the filters for one page. */
export function queryOf(f: ContactFilters, page: number): ListQuery {
  return {
    search: f.search.trim(),
    segment: f.segment,
    list: f.list,
    tag: f.tag,
    stage: f.stage,
    temperature: f.temperature,
    sort: f.sort,
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
}

/** hasFilters reports whether any filter or search narrows the table. */
export function hasFilters(f: ContactFilters): boolean {
  return !!(f.search.trim() || f.segment || f.list || f.tag || f.stage || f.temperature);
}

/** rowAt returns the row at an index when its page is loaded. */
export function rowAt(s: Pick<TableState, 'pages'>, index: number): ContactRow | undefined {
  return s.pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}

export const useContactsTable = create<TableState>()((set, get) => {
  /** restart drops every row and fetches the first page with the current filters. */
  const restart = (filters: ContactFilters) => {
    set((s) => ({ filters, pages: {}, loading: {}, generation: s.generation + 1, error: null }));
    fetchPage(0);
  };

  const fetchPage = (page: number) => {
    const s = get();
    if (s.pages[page] || s.loading[page]) return;
    const gen = s.generation;
    set((st) => ({ loading: { ...st.loading, [page]: true } }));
    contactsApi()
      .list(queryOf(s.filters, page))
      .then(
        (res) => {
          if (get().generation !== gen) return;
          set((st) => {
            const loading = { ...st.loading };
            delete loading[page];
            return { pages: prune({ ...st.pages, [page]: res.rows }), loading, total: res.total, error: null };
          });
        },
        (err) => {
          if (get().generation !== gen) return;
          const message = errorMessage(err);
          set((st) => {
            const loading = { ...st.loading };
            delete loading[page];
            return { loading, error: message, total: st.total ?? 0 };
          });
          toast('error', message, 'contacts-table');
        },
      );
  };

  return {
    filters: NO_FILTERS,
    searchInput: '',
    total: null,
    pages: {},
    loading: {},
    generation: 0,
    error: null,
    lookups: EMPTY_CONTACT_LOOKUPS,
    segments: [],
    exporting: false,

    setSearch(text) {
      set({ searchInput: text });
      cancelTableTimers();
      searchTimer = setTimeout(() => {
        searchTimer = undefined;
        get().flushSearch();
      }, SEARCH_DEBOUNCE_MS);
    },
    flushSearch() {
      cancelTableTimers();
      const { filters, searchInput } = get();
      if (filters.search === searchInput) return;
      restart({ ...filters, search: searchInput });
    },
    setFilter(key, value) {
      const { filters } = get();
      if (filters[key] === value) return;
      restart({ ...filters, [key]: value });
    },
    setSort(column) {
      const { filters } = get();
      const sort = filters.sort === column ? `-${column}` : filters.sort === `-${column}` ? '' : column;
      restart({ ...filters, sort });
    },
    clearFilters() {
      cancelTableTimers();
      set({ searchInput: '' });
      restart({ ...NO_FILTERS, sort: get().filters.sort });
    },
    ensureRange(first, last) {
      const { total } = get();
      if (total === null && Object.keys(get().loading).length === 0 && !get().pages[0]) {
        fetchPage(0);
        return;
      }
      if (total === null) return;
      const lastRow = Math.min(last, total - 1);
      if (lastRow < 0) return;
      const from = Math.floor(Math.max(first, 0) / PAGE_SIZE);
      const to = Math.floor(lastRow / PAGE_SIZE);
      view = { from, to };
      for (let p = from; p <= to; p++) fetchPage(p);
    },
    reload() {
      restart(get().filters);
    },
    patchRow(id, patch) {
      set((s) => {
        let changed = false;
        const pages: Record<number, ContactRow[]> = {};
        for (const [k, rows] of Object.entries(s.pages)) {
          pages[Number(k)] = rows.map((r) => {
            if (r.id !== id) return r;
            changed = true;
            return { ...r, ...patch };
          });
        }
        return changed ? { pages } : {};
      });
    },
    async loadLookups() {
      try {
        const [lookups, segments] = await Promise.all([contactsApi().lookups(), contactsApi().segments()]);
        set({ lookups, segments });
      } catch (err) {
        toast('error', errorMessage(err), 'contacts-lookups');
      }
    },
    async addContact(values, lists) {
      const clean: Record<string, string> = {};
      for (const [k, v] of Object.entries(values)) if (v.trim()) clean[k] = v.trim();
      try {
        const id = await contactsApi().add(clean, lists.map((l) => l.trim()).filter(Boolean));
        get().reload();
        void get().loadLookups();
        return { id };
      } catch (err) {
        return { error: errorMessage(err) };
      }
    },
    async exportCsv() {
      set({ exporting: true });
      try {
        const text = await contactsApi().exportCsv({ ...queryOf(get().filters, 0), offset: 0, limit: 0 });
        const stamp = new Date().toISOString().slice(0, 10);
        return await contactsApi().saveFile(`contacts-${stamp}.csv`, text);
      } catch (err) {
        toast('error', errorMessage(err), 'contacts-export');
        return null;
      } finally {
        set({ exporting: false });
      }
    },
  };
});
