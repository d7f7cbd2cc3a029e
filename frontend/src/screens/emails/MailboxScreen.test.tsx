import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { newestFirst, useMailbox } from '../../stores/emailsMailbox';
import { resetAll } from '../../test/helpers';
import { extractLinks, formatWhen, MailboxScreen } from './MailboxScreen';
import { resetEmailsScreens, type FakeEmailsApi } from './testing';
import { SANDBOX } from './EmailFrame';

let api: FakeEmailsApi;

const html =
  '<html><body><h1>Hello</h1><a href="http://127.0.0.1:47800/c/abc">See the offer</a> <a href="http://127.0.0.1:47800/c/abc">again</a>' +
  '<a href="#top">top</a><a href="http://127.0.0.1:47800/u/xyz"><img alt="Unsubscribe"></a><a href="mailto:a@b.c">mail</a></body></html>';

beforeEach(() => {
  resetAll();
  api = resetEmailsScreens();
  api.messages = [
    { id: 1, from: 'a@x', to: 'old@example.com', subject: 'Old', received_at: '2026-01-01T09:00:00Z' },
    { id: 2, from: 'a@x', to: 'new@example.com', subject: 'New offer', received_at: '2026-01-02T09:00:00Z' },
  ];
  api.views.set(2, { id: 2, from: 'a@x', to: 'new@example.com', subject: 'New offer', html, text: 'Hello\nSee the offer', headers: { Subject: ['New offer'], 'X-Flightplan-Key': ['1/send/2'] } });
});

describe('mailbox helpers', () => {
  it('orders newest first', () => {
    expect(newestFirst(api.messages).map((m) => m.id)).toEqual([2, 1]);
  });

  it('lists each web link once with its text', () => {
    expect(extractLinks(html)).toEqual([
      { href: 'http://127.0.0.1:47800/c/abc', text: 'See the offer' },
      { href: 'http://127.0.0.1:47800/u/xyz', text: 'Unsubscribe' },
    ]);
  });

  it('shows a time for today and a date before', () => {
    const now = new Date('2026-01-02T12:00:00');
    expect(formatWhen('2026-01-02T09:05:07', 'en', now)).toMatch(/9:05/);
    expect(formatWhen('2025-12-24T09:05:00', 'en', now)).toMatch(/Dec 24/);
    expect(formatWhen('nope', 'en', now)).toBe('');
  });
});

describe('mailbox screen', () => {
  it('shows an empty mailbox', async () => {
    api.messages = [];
    render(<MailboxScreen />);
    expect(await screen.findByTestId('mailbox-empty')).toHaveTextContent('No email yet');
  });

  it('lists messages newest first, opens one and records a link click', async () => {
    render(<MailboxScreen />);
    await screen.findByTestId('mail-2');
    const items = screen.getAllByRole('button', { name: /offer|Old/ });
    expect(items[0]).toHaveTextContent('New offer');
    fireEvent.click(screen.getByTestId('mail-2'));
    expect(await screen.findByTestId('mail-subject')).toHaveTextContent('New offer');
    expect(screen.getByTestId('mail-frame')).toHaveAttribute('sandbox', SANDBOX); // scripts never run in a captured email
    fireEvent.click(screen.getByTestId('mail-link-0'));
    const outcome = await screen.findByTestId('link-outcome');
    await waitFor(() => expect(outcome).toHaveAttribute('data-kind', 'click'));
    expect(outcome).toHaveTextContent('Click recorded');
    expect(outcome).toHaveTextContent('https://example.com/offer');
    fireEvent.click(screen.getByText('Open in my browser'));
    expect(api.opened).toEqual(['https://example.com/offer']);

    fireEvent.click(screen.getByTestId('mail-link-1'));
    await waitFor(() => expect(screen.getByTestId('link-outcome')).toHaveAttribute('data-kind', 'unsubscribe'));
    fireEvent.click(screen.getByTestId('link-unsubscribe'));
    await waitFor(() => expect(screen.getByTestId('link-outcome')).toHaveAttribute('data-kind', 'unsubscribed'));

    fireEvent.click(screen.getByTestId('mail-tab-text'));
    expect(screen.getByTestId('mail-text')).toHaveTextContent('See the offer');
    fireEvent.click(screen.getByTestId('mail-tab-headers'));
    expect(screen.getByTestId('mail-headers')).toHaveTextContent('X-Flightplan-Key');
  });

  it('says when the click could not be recorded', async () => {
    await useMailbox.getState().refresh();
    await useMailbox.getState().open(2);
    api.failNext('followLink', 'the tracking server refused the link (HTTP 404)');
    await useMailbox.getState().followLink('http://127.0.0.1:47800/c/zzz');
    expect(useMailbox.getState().link).toMatchObject({ kind: 'error', error: 'the tracking server refused the link (HTTP 404)' });
    expect(useMailbox.getState().seen[2]).toBe(true);
  });
});
