import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetContacts, settle, type FakeContactsApi } from '../screens/contacts/test/fakeApi';
import { useContactProfile } from './contactsProfile';
import { MAX_PAGES, PAGE_SIZE, SEARCH_DEBOUNCE_MS, hasFilters, rowAt, useContactsTable } from './contactsTable';
import { toastTexts } from './toasts';

let api: FakeContactsApi;
const table = () => useContactsTable.getState();

beforeEach(() => {
  api = resetContacts(100_000);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('contacts table store: paging', () => {
  it('asks for the first page, then only the pages that come into view', async () => {
    table().ensureRange(0, 20);
    await settle();
    expect(api.listCalls.map((q) => q.offset)).toEqual([0]);
    expect(table().total).toBe(100_000);
    expect(rowAt(table(), 5)?.email).toBe('person5@example.com');

    // Scrolling within page 0 asks for nothing more.
    table().ensureRange(10, 60);
    await settle();
    expect(api.listCalls).toHaveLength(1);

    // Straddling pages 0 and 1 asks for page 1 only.
    table().ensureRange(PAGE_SIZE - 10, PAGE_SIZE + 10);
    await settle();
    expect(api.listCalls.map((q) => q.offset)).toEqual([0, PAGE_SIZE]);

    // A jump to the far end asks for that page, with the page size as limit.
    table().ensureRange(99_990, 99_999);
    await settle();
    const last = api.listCalls.at(-1);
    expect(last).toMatchObject({ offset: Math.floor(99_990 / PAGE_SIZE) * PAGE_SIZE, limit: PAGE_SIZE });
    expect(rowAt(table(), 99_999)?.email).toBe('person99999@example.com');
  });

  it('does not ask twice for a page on its way', async () => {
    table().ensureRange(0, 10);
    await settle();
    table().ensureRange(400, 410);
    table().ensureRange(400, 410);
    table().ensureRange(401, 411);
    await settle();
    expect(api.listCalls.filter((q) => q.offset === 400)).toHaveLength(1);
  });

  it('keeps at most MAX_PAGES pages, dropping the farthest', async () => {
    table().ensureRange(0, 10);
    await settle();
    for (let p = 1; p <= MAX_PAGES + 5; p++) {
      table().ensureRange(p * PAGE_SIZE, p * PAGE_SIZE + 10);
      await settle();
    }
    const kept = Object.keys(table().pages).map(Number);
    expect(kept.length).toBeLessThanOrEqual(MAX_PAGES);
    expect(kept).toContain(MAX_PAGES + 5);
    expect(kept).not.toContain(0);
  });

  it('drops the answer of a page asked for before the filters changed', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => (release = r));
    const list = api.list;
    vi.mocked(api.list).mockImplementationOnce(async (q) => {
      await slow;
      return { rows: [{ ...(await list(q)).rows[0], email: 'stale@example.com' }], total: 1 };
    });
    table().ensureRange(0, 10);
    table().setFilter('stage', 'customer');
    await settle();
    release();
    await settle(10);
    expect(table().total).toBe(100_000);
    expect(rowAt(table(), 0)?.email).not.toBe('stale@example.com');
  });

  it('shows an error as a toast and stops loading', async () => {
    vi.mocked(api.list).mockRejectedValueOnce('contacts: no such segment "gone"');
    table().ensureRange(0, 10);
    await settle();
    expect(table().error).toMatch(/no such segment/);
    expect(table().total).toBe(0);
    expect(toastTexts('en')[0]).toMatch(/no such segment/);
  });
});

describe('contacts table store: filters and search', () => {
  it('sends every filter and starts again from the first page', async () => {
    table().ensureRange(0, 10);
    await settle();
    table().setFilter('segment', 'vip');
    table().setFilter('list', 'newsletter');
    table().setFilter('tag', 'fair');
    table().setFilter('stage', 'mql');
    table().setFilter('temperature', 'hot');
    await settle();
    expect(api.listCalls.at(-1)).toMatchObject({ segment: 'vip', list: 'newsletter', tag: 'fair', stage: 'mql', temperature: 'hot', offset: 0 });
    expect(hasFilters(table().filters)).toBe(true);
    table().clearFilters();
    await settle();
    expect(api.listCalls.at(-1)).toMatchObject({ segment: '', list: '', tag: '', stage: '', temperature: '', search: '' });
    expect(hasFilters(table().filters)).toBe(false);
  });

  it('waits for typing to pause before searching', async () => {
    vi.useFakeTimers();
    table().ensureRange(0, 10);
    await settle();
    const before = api.listCalls.length;
    table().setSearch('j');
    table().setSearch('je');
    table().setSearch('jea');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 10);
    await settle();
    expect(api.listCalls).toHaveLength(before);
    expect(table().searchInput).toBe('jea');
    vi.advanceTimersByTime(20);
    await settle();
    expect(api.listCalls).toHaveLength(before + 1);
    expect(api.listCalls.at(-1)?.search).toBe('jea');
  });

  it('searches at once on Enter, and not again when the pause ends', async () => {
    vi.useFakeTimers();
    table().setSearch('acme');
    table().flushSearch();
    await settle();
    expect(api.listCalls.at(-1)?.search).toBe('acme');
    const n = api.listCalls.length;
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2);
    await settle();
    expect(api.listCalls).toHaveLength(n);
  });

  it('sorts by a column, then the other way, then back to newest first', () => {
    table().setSort('score');
    expect(table().filters.sort).toBe('score');
    table().setSort('score');
    expect(table().filters.sort).toBe('-score');
    table().setSort('score');
    expect(table().filters.sort).toBe('');
  });

  it('exports the current filter, not just the page shown', async () => {
    table().setFilter('tag', 'vip');
    expect(await table().exportCsv()).toMatch(/contacts-\d{4}-\d\d-\d\d\.csv$/);
    expect(api.exportCsv).toHaveBeenCalledWith(expect.objectContaining({ tag: 'vip', offset: 0, limit: 0 }));
    expect(api.saved[0].content).toBe('email\n');
  });
});

describe('adding a contact by hand', () => {
  it('sends the filled values and the list, then reloads the table', async () => {
    table().ensureRange(0, 10);
    await settle();
    const n = api.listCalls.length;
    expect(await table().addContact({ email: ' zoe@x.ca ', first_name: 'Zoé', company: ' ' }, ['newsletter', ' '])).toEqual({ id: 1 });
    expect(api.add).toHaveBeenCalledWith({ email: 'zoe@x.ca', first_name: 'Zoé' }, ['newsletter']);
    await settle();
    expect(api.listCalls.length).toBe(n + 1);
  });

  it('returns the engine’s refusal', async () => {
    vi.mocked(api.add).mockRejectedValueOnce('field "email": invalid email "zoe": no @');
    expect(await table().addContact({ email: 'zoe' }, [])).toEqual({ error: 'field "email": invalid email "zoe": no @' });
  });
});

describe('contact profile store', () => {
  it('opens a contact with its timeline, newest first', async () => {
    vi.mocked(api.timeline).mockResolvedValueOnce([
      { at: '2025-01-01T10:00:00Z', kind: 'event', title: 'contact_created', detail: '' },
      { at: '2025-03-01T10:00:00Z', kind: 'score', title: 'score +5 → 5', detail: 'scoring rule "Open" +5', props: { delta: 5, score: 5 } },
    ]);
    await useContactProfile.getState().open(3);
    const s = useContactProfile.getState();
    expect(s.contact?.email).toBe('person2@example.com');
    expect(s.timeline.map((i) => i.kind)).toEqual(['score', 'event']);
  });

  it('keeps the engine’s refusal of a backward stage and leaves the stage as it was', async () => {
    await useContactProfile.getState().open(3);
    vi.mocked(api.setStage).mockRejectedValueOnce('contact 3: cannot go back from "lead" to "subscriber": stages only move forward');
    expect(await useContactProfile.getState().setStage('subscriber')).toBe(false);
    expect(useContactProfile.getState().stageError).toMatch(/cannot go back/);
    expect(useContactProfile.getState().contact?.stage).toBe('lead');
  });

  it('moves the stage forward and updates the row in the table', async () => {
    table().ensureRange(0, 10);
    await settle();
    await useContactProfile.getState().open(3);
    expect(await useContactProfile.getState().setStage('mql')).toBe(true);
    expect(api.setStage).toHaveBeenCalledWith(3, 'mql');
    expect(rowAt(table(), 2)?.stage).toBe('mql');
  });
});
