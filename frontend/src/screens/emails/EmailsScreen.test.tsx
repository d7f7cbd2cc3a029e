import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useEmails } from '../../stores/emails';
import { resetAll } from '../../test/helpers';
import { EmailsScreen } from './EmailsScreen';
import { resetEmailsScreens, type FakeEmailsApi } from './testing';
import { SANDBOX } from './EmailFrame';
import { failuresApi, setFailuresApi } from '../../api/failures';

let api: FakeEmailsApi;

beforeAll(() => {
  const empty = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
  if (!Range.prototype.getClientRects) Range.prototype.getClientRects = empty;
  if (!Range.prototype.getBoundingClientRect) Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0);
});

beforeEach(() => {
  resetAll();
  api = resetEmailsScreens();
});

describe('emails screen', () => {
  it('invites to create the first email', async () => {
    render(<EmailsScreen />);
    expect(await screen.findByTestId('emails-empty')).toHaveTextContent('No email open');
    fireEvent.click(screen.getByTestId('new-email'));
    fireEvent.change(screen.getByTestId('new-email-name'), { target: { value: 'Welcome' } });
    fireEvent.click(screen.getByTestId('new-email-create'));
    expect(await screen.findByTestId('email-editor')).toBeInTheDocument();
    expect(screen.getByTestId('email-welcome')).toHaveAttribute('aria-current', 'true');
    expect(api.store.has('welcome')).toBe(true);
    // Focus goes to what was created: the new email's subject (issue #22).
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('email-subject')));
  });

  it('marks unsaved changes, previews them and saves', async () => {
    api.store.set('promo', { id: 'promo', name: 'Promo', subject: 'Hi', blocks: [{ type: 'heading', text: 'Hello {{ contact.first_name }}' }] });
    render(<EmailsScreen />);
    await screen.findByTestId('email-editor');
    expect(screen.getByTestId('email-save-status')).toHaveTextContent('Saved');
    fireEvent.change(screen.getByTestId('email-subject'), { target: { value: 'For {{ contact.first_name }}' } });
    expect(screen.getByTestId('email-save-status')).toHaveTextContent('Unsaved changes');
    await waitFor(() => expect(screen.getByTestId('preview-subject')).toHaveTextContent('For Camille'));
    expect(screen.getByTestId('preview-frame')).toHaveAttribute('sandbox', SANDBOX); // scripts never run in a preview
    fireEvent.click(screen.getByTestId('preview-text'));
    expect(screen.getByTestId('preview-text-body')).toHaveTextContent('Hello Camille');
    fireEvent.click(screen.getByTestId('email-save'));
    await waitFor(() => expect(screen.getByTestId('email-save-status')).toHaveTextContent('Saved'));
    expect(api.store.get('promo')?.subject).toBe('For {{ contact.first_name }}');
  });

  it('lists problems with where they are, and a subject warning under the subject', async () => {
    api.store.set('promo', { id: 'promo', name: 'Promo', subject: '', blocks: [{ type: 'heading', text: 'x' }, { type: 'button', text: 'Go', url: '' }] });
    render(<EmailsScreen />);
    await screen.findByTestId('email-editor');
    await act(() => useEmails.getState().refresh());
    const list = screen.getByTestId('email-problems');
    expect(within(list).getByText('1 to fix')).toBeInTheDocument();
    expect(list.querySelector('li[data-block="1"]')).toHaveTextContent('Block 2 Button');
    // A problem the engine names by its code is said in the UI language.
    expect(screen.getByTestId('email-subject-problem')).toHaveTextContent('The subject is empty.');
    fireEvent.click(list.querySelector('li[data-block="1"] button')!);
    expect(useEmails.getState().selectedBlock).toEqual([1]);
  });

  it('shows raw HTML problems at their line in the code editor', async () => {
    api.store.set('raw', { id: 'raw', name: 'Raw', subject: 'Hi', html: '<p>a</p>\n<p>{{ contact.first_name | upcse }}</p>' });
    render(<EmailsScreen />);
    await screen.findByTestId('html-editor');
    await act(() => useEmails.getState().refresh());
    const lines = [...screen.getByTestId('html-editor').querySelectorAll('.cm-line')];
    await waitFor(() => expect(lines[1]!.querySelector('.cm-lintRange-error')).not.toBeNull());
    expect(lines[0]!.querySelector('.cm-lintRange-error')).toBeNull();
    expect(screen.getByTestId('email-problems').querySelector('li[data-line="2"]')).toHaveTextContent('Email, line 2');
  });

  it('asks before switching to HTML code', async () => {
    api.store.set('promo', { id: 'promo', name: 'Promo', subject: 'Hi', blocks: [{ type: 'heading', text: 'Hello' }] });
    render(<EmailsScreen />);
    await screen.findByTestId('block-editor');
    fireEvent.click(screen.getByTestId('mode-html'));
    expect(screen.getByText('Switch to HTML code?')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('confirm'));
    expect(await screen.findByTestId('html-editor')).toBeInTheDocument();
    expect(useEmails.getState().draft?.html).toContain('Hello');
  });

  it('lists subjects with merge fields by name, and previews for a contact found by name', async () => {
    api.store.set('hello', { id: 'hello', name: 'Hello', subject: 'Welcome, {{ contact.first_name | default: "there" }}!', blocks: [{ type: 'heading', text: 'x' }] });
    const real = failuresApi();
    const asked: string[] = [];
    setFailuresApi({
      ...real,
      findContacts: async (q) => {
        asked.push(q);
        return q.startsWith('zo') ? [{ id: 7, email: 'zoe@example.com', name: 'Zoé Roy' }] : [];
      },
    });
    try {
      render(<EmailsScreen />);
      await screen.findByTestId('email-editor');
      expect(screen.getByTestId('email-hello')).toHaveTextContent('Welcome, [First name]!');
      expect(screen.getByTestId('email-hello')).not.toHaveTextContent('contact.first_name');
      expect(screen.getByTestId('preview-who')).toHaveTextContent('a sample contact');
      fireEvent.change(screen.getByTestId('preview-contact'), { target: { value: 'zo' } });
      fireEvent.click(await screen.findByTestId('preview-contact-7'));
      expect(useEmails.getState().previewContactId).toBe(7);
      expect(screen.getByTestId('preview-who')).toHaveTextContent('Zoé Roy · zoe@example.com');
      fireEvent.click(screen.getByTestId('preview-sample'));
      expect(useEmails.getState().previewContactId).toBe(0);
      expect(asked).toContain('zo');
    } finally {
      setFailuresApi(real);
    }
  });
});
