import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useContactsTable } from '../../stores/contactsTable';
import { ContactsTable, OVERSCAN, ROW_HEIGHT } from './ContactsTable';
import { resetContacts, settle, type FakeContactsApi } from './test/fakeApi';

let api: FakeContactsApi;
const VIEW = 600; // the scroll area's height in these tests
const proto = HTMLElement.prototype;
const saved = Object.getOwnPropertyDescriptor(proto, 'clientHeight');

beforeEach(async () => {
  api = resetContacts(100_000);
  // jsdom lays nothing out: give the table's scroll area a height.
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get() {
      return (this as HTMLElement).classList?.contains('fp-ct-scroll') ? VIEW : 0;
    },
  });
  useContactsTable.getState().ensureRange(0, 0);
  await settle();
});
afterEach(() => {
  if (saved) Object.defineProperty(proto, 'clientHeight', saved);
});

describe('ContactsTable', () => {
  it('draws only the rows on screen for 100,000 contacts', async () => {
    render(<ContactsTable selected={null} onOpen={() => {}} />);
    await act(settle);
    const rows = screen.getAllByTestId('contact-row');
    const most = Math.ceil(VIEW / ROW_HEIGHT) + 2 * OVERSCAN + 1;
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThanOrEqual(most);
    expect(rows[0]).toHaveAttribute('data-email', 'person0@example.com');
    expect(screen.getByTestId('contacts-table')).toHaveAttribute('aria-rowcount', '100001');
    // The spacer is as tall as every row, so the scrollbar is right.
    const spacer = screen.getByTestId('contacts-scroll').firstElementChild as HTMLElement;
    expect(spacer.style.height).toBe(`${100_000 * ROW_HEIGHT}px`);
  });

  it('asks for the page of rows scrolled to, and draws them when they come', async () => {
    render(<ContactsTable selected={null} onOpen={() => {}} />);
    await act(settle);
    const scroller = screen.getByTestId('contacts-scroll');
    const target = 50_000;
    await act(async () => {
      Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: target * ROW_HEIGHT });
      fireEvent.scroll(scroller);
      await settle(10);
    });
    expect(api.listCalls.some((q) => q.offset === 50_000)).toBe(true);
    await act(() => settle(10));
    const emails = screen.getAllByTestId('contact-row').map((r) => r.getAttribute('data-email'));
    expect(emails).toContain(`person${target}@example.com`);
    expect(emails).not.toContain('person0@example.com');
    expect(screen.getAllByTestId('contact-row').length).toBeLessThanOrEqual(Math.ceil(VIEW / ROW_HEIGHT) + 2 * OVERSCAN + 1);
  });

  it('shows name, score with temperature and stage, and opens a contact on click or Enter', async () => {
    const onOpen = vi.fn();
    render(<ContactsTable selected={2} onOpen={onOpen} />);
    await act(settle);
    const row = screen.getAllByTestId('contact-row')[0];
    expect(within(row).getByText('First0 Last0')).toBeInTheDocument();
    expect(within(row).getByTestId('temp-hot')).toHaveTextContent('Hot');
    expect(within(row).getByText('Lead')).toBeInTheDocument();
    fireEvent.click(row);
    expect(onOpen).toHaveBeenCalledWith(1);
    fireEvent.keyDown(screen.getAllByTestId('contact-row')[1], { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith(2);
    expect(screen.getAllByTestId('contact-row')[1]).toHaveClass('is-selected');
  });

  it('sorts when a column header is clicked', async () => {
    render(<ContactsTable selected={null} onOpen={() => {}} />);
    fireEvent.click(screen.getByTestId('sort-score'));
    await act(settle);
    expect(api.listCalls.at(-1)?.sort).toBe('score');
    expect(screen.getByTestId('sort-score').parentElement).toHaveAttribute('aria-sort', 'ascending');
  });
});
