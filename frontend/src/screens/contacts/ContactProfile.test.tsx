import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelineItem } from '../../api/contacts';
import { PROFILE_POLL_MS, useContactProfile } from '../../stores/contactsProfile';
import { ContactProfile } from './ContactProfile';
import { resetContacts, settle, type FakeContactsApi } from './test/fakeApi';

let api: FakeContactsApi;

const email = (en: string, fr: string): TimelineItem => ({
  at: '2026-12-07T08:07:00Z',
  kind: 'message',
  title: 'email welcome',
  detail: '',
  name: 'Welcome aboard',
  props: { kind: 'email' },
  text: { en, fr, pseudo: `⟦${en}⟧` },
});

beforeEach(() => {
  api = resetContacts(3);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the contact profile stays live', () => {
  it('reads the history again while open, and at once when shown again', async () => {
    vi.mocked(api.timeline).mockResolvedValue([email('Waiting to be sent', 'En attente d’envoi')]);
    await useContactProfile.getState().open(1);
    vi.useFakeTimers();
    const view = render(<ContactProfile />);
    await act(settle);
    expect(screen.getByTestId('timeline')).toHaveTextContent('Waiting to be sent');

    // The relay refuses the login: the open panel says so within a poll.
    vi.mocked(api.timeline).mockResolvedValue([email('Not sent yet, will be tried again: the relay refused the login', 'Pas encore envoyé')]);
    await act(async () => {
      vi.advanceTimersByTime(PROFILE_POLL_MS);
      await settle();
    });
    expect(screen.getByTestId('timeline')).toHaveTextContent('Not sent yet, will be tried again: the relay refused the login');

    // The marketer goes elsewhere (the panel leaves the screen) and comes
    // back after the retry: the history is read again as it shows.
    view.unmount();
    vi.mocked(api.timeline).mockResolvedValue([email('Sent', 'Envoyé')]);
    render(<ContactProfile />);
    await act(settle);
    expect(screen.getByTestId('timeline')).toHaveTextContent('Sent');
    expect(screen.getByTestId('timeline')).not.toHaveTextContent('Not sent yet');
  });
});
