import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEmails } from '../../stores/emails';
import { resetAll } from '../../test/helpers';
import { BlockEditor } from './BlockEditor';
import { InsertProvider, MergeFieldPicker } from './MergeFields';
import { resetEmailsScreens, type FakeEmailsApi } from './testing';

let api: FakeEmailsApi;

beforeEach(async () => {
  resetAll();
  api = resetEmailsScreens();
  api.store.set('promo', { id: 'promo', name: 'Promo', subject: 'Hi', blocks: [] });
  await useEmails.getState().load();
});

function Editor() {
  const problems = useEmails((s) => s.problems);
  return (
    <InsertProvider>
      <MergeFieldPicker fields={['first_name', 'company']} />
      <BlockEditor problems={problems} />
    </InsertProvider>
  );
}

const blocks = () => useEmails.getState().draft!.blocks!;

describe('block editor', () => {
  it('adds, moves and removes blocks, and the draft holds the blocks JSON', () => {
    render(<Editor />);
    expect(screen.getByText(/The email is empty/)).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('add-block-heading'));
    fireEvent.click(screen.getByTestId('add-block-button'));
    fireEvent.change(screen.getByTestId('block-1-url'), { target: { value: 'https://example.com/offer' } });
    fireEvent.change(screen.getByTestId('block-1-text'), { target: { value: 'See the offer' } });
    fireEvent.change(screen.getByTestId('block-0-text'), { target: { value: 'Welcome' } });
    expect(blocks()).toEqual([
      { type: 'heading', text: 'Welcome', level: 1 },
      { type: 'button', text: 'See the offer', url: 'https://example.com/offer' },
    ]);

    fireEvent.click(screen.getByTestId('block-up-1'));
    expect(blocks().map((b) => b.type)).toEqual(['button', 'heading']);
    expect(screen.getByTestId('block-0')).toHaveAttribute('data-type', 'button');
    expect(screen.getByTestId('block-up-0')).toBeDisabled();
    expect(screen.getByTestId('block-down-1')).toBeDisabled();

    fireEvent.click(screen.getByTestId('block-remove-0'));
    expect(blocks()).toEqual([{ type: 'heading', text: 'Welcome', level: 1 }]);
  });

  it('edits the blocks of the two columns', () => {
    render(<Editor />);
    fireEvent.click(screen.getByTestId('add-block-columns'));
    fireEvent.change(screen.getByTestId('column-add-0-1'), { target: { value: 'image' } });
    fireEvent.change(screen.getByTestId('block-0-1-1-src'), { target: { value: 'https://x/p.png' } });
    expect(blocks()[0]!.columns![1]).toEqual([
      { type: 'text', text: 'Text of this column.' },
      { type: 'image', src: 'https://x/p.png', alt: '' },
    ]);
  });

  it('shows each problem on its block', () => {
    useEmails.getState().update({ blocks: [{ type: 'heading', text: 'x' }, { type: 'button', text: 'Go' }] });
    act(() => useEmails.setState({ problems: [{ part: 'blocks', line: 2, severity: 'error', message: 'block 2 (button) has no link', code: 'button_no_link', block: 1 }] }));
    render(<Editor />);
    expect(within(screen.getByTestId('block-1')).getByTestId('block-problem')).toHaveTextContent('This button has no link.');
    expect(screen.getByTestId('block-1')).toHaveClass('has-error');
    expect(within(screen.getByTestId('block-0')).queryByTestId('block-problem')).toBeNull();
  });

  it('inserts a merge field where the user was typing', () => {
    render(<Editor />);
    fireEvent.click(screen.getByTestId('add-block-heading'));
    const input = screen.getByTestId('block-0-text') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'Hello !' } });
    act(() => {
      input.focus();
      input.setSelectionRange(6, 6);
    });
    fireEvent.click(screen.getByTestId('merge-field-button'));
    expect(screen.getByText(/Inserts into: Heading/)).toBeInTheDocument();
    fireEvent.change(screen.getByTestId('merge-field-fallback'), { target: { value: 'there' } });
    fireEvent.click(screen.getByTestId('merge-field-first_name'));
    expect(blocks()[0]!.text).toBe('Hello {{ contact.first_name | default: "there" }}!');
  });
});
