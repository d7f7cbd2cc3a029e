import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { RefOption } from '../stores/refs';
import { Combobox, type ComboCreate } from './Combobox';

const EMAILS: RefOption[] = [
  { key: 'welcome', name: 'Welcome', detail: 'Glad you are here' },
  { key: 'welcome-2', name: 'Welcome back', detail: 'We missed you' },
  { key: 'promo', name: 'Spring promo', detail: '20% off' },
];

function Host(p: { initial?: string; options?: RefOption[]; create?: ComboCreate; onOpen?: () => void; spy?: (v: string | undefined) => void; inLabel?: boolean }) {
  const [value, setValue] = useState<string | undefined>(p.initial);
  const Wrap = p.inLabel ? 'label' : 'div';
  return (
    <>
      <Wrap>
      <Combobox
        id="c"
        ariaLabel="Email"
        value={value}
        options={p.options ?? EMAILS}
        ready
        missingText="Missing email"
        emptyText="Nothing"
        onOpen={p.onOpen}
        create={p.create}
        onChange={(v) => {
          setValue(v);
          p.spy?.(v);
        }}
      />
      </Wrap>
      <output data-testid="stored">{value ?? ''}</output>
      <button type="button">elsewhere</button>
    </>
  );
}

const input = () => screen.getByRole('combobox');
const optionNames = () => screen.queryAllByRole('option').map((o) => o.querySelector('.fp-combo-name')?.textContent);

describe('the reference combobox', () => {
  it('a click on a suggestion takes and closes the list, also inside a <label> (which forwards clicks to its input)', () => {
    const spy = vi.fn();
    render(<Host inLabel spy={spy} />);
    fireEvent.click(input());
    // A <label> forwards a click on a descendant to its input (which would
    // open the list again) unless the click's default is prevented; jsdom
    // does not forward, so the test checks the click is prevented.
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    act(() => void screen.getAllByRole('option')[1].dispatchEvent(click));
    expect(click.defaultPrevented).toBe(true);
    expect(spy).toHaveBeenLastCalledWith('welcome-2');
    expect(input()).toHaveValue('Welcome back');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('shows the chosen thing by its name, never its id, and a missing one as “Missing email” in red', () => {
    const { unmount } = render(<Host initial="welcome-2" />);
    expect(input()).toHaveValue('Welcome back');
    unmount();
    render(<Host initial="gone" />);
    expect(input()).toHaveValue('Missing email');
    expect(input()).toHaveClass('is-missing');
    expect(input()).toHaveAttribute('aria-invalid', 'true');
  });

  it('filters as the user types and works with the keyboard: ↓ ↑ Enter, Esc restores', () => {
    const spy = vi.fn();
    render(<Host initial="promo" spy={spy} />);
    fireEvent.click(input());
    expect(input()).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('listbox')).toBeInTheDocument();
    fireEvent.change(input(), { target: { value: 'welc' } });
    expect(optionNames()).toEqual(['Welcome', 'Welcome back']);
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    expect(input().getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]!.id);
    fireEvent.keyDown(input(), { key: 'ArrowUp' });
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect(spy).toHaveBeenLastCalledWith('welcome-2');
    expect(screen.getByTestId('stored')).toHaveTextContent('welcome-2');
    expect(input()).toHaveValue('Welcome back');
    expect(screen.queryByRole('listbox')).toBeNull();
    // Esc closes and puts back the current choice.
    fireEvent.change(input(), { target: { value: 'spr' } });
    expect(optionNames()).toEqual(['Spring promo']);
    fireEvent.keyDown(input(), { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input()).toHaveValue('Welcome back');
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('takes a suggestion clicked with the mouse: mouse down keeps the focus, so no blur race', () => {
    render(<Host />);
    fireEvent.click(input());
    const promo = screen.getByRole('option', { name: /Spring promo/ });
    // The list keeps the focus in the input when pressed.
    const down = fireEvent.mouseDown(promo);
    expect(down).toBe(false); // default prevented
    fireEvent.click(promo);
    expect(screen.getByTestId('stored')).toHaveTextContent('promo');
    expect(input()).toHaveValue('Spring promo');
  });

  it('takes a name typed in full when the user leaves, clears when emptied, and restores anything else', () => {
    render(<Host initial="promo" />);
    fireEvent.click(input());
    fireEvent.change(input(), { target: { value: 'welcome BACK' } });
    fireEvent.blur(input());
    expect(screen.getByTestId('stored')).toHaveTextContent('welcome-2');
    fireEvent.click(input());
    fireEvent.change(input(), { target: { value: 'nothing like it' } });
    fireEvent.blur(input());
    expect(input()).toHaveValue('Welcome back');
    fireEvent.click(input());
    fireEvent.change(input(), { target: { value: '' } });
    fireEvent.blur(input());
    expect(screen.getByTestId('stored')).toHaveTextContent('');
  });

  it('offers “+ Create…” for a new name, by keyboard or mouse, and picks what it made', async () => {
    const made: string[] = [];
    const create: ComboCreate = {
      needsName: true,
      label: (q) => `+ Create the list “${q}”`,
      run: async (q) => {
        made.push(q);
        return q.toLowerCase();
      },
    };
    render(<Host create={create} options={[{ key: 'vip', name: 'VIP', detail: '3 contacts' }]} />);
    fireEvent.click(input());
    expect(optionNames()).toEqual(['VIP']); // no name typed: no create row
    fireEvent.change(input(), { target: { value: 'Buyers' } });
    expect(optionNames()).toEqual(['+ Create the list “Buyers”']);
    fireEvent.keyDown(input(), { key: 'Enter' });
    await act(async () => {});
    expect(made).toEqual(['Buyers']);
    expect(screen.getByTestId('stored')).toHaveTextContent('buyers');
    // A name that exists is picked, not made again.
    fireEvent.change(input(), { target: { value: 'vip' } });
    expect(optionNames()).toEqual(['VIP']);
    fireEvent.change(input(), { target: { value: 'Leads' } });
    fireEvent.mouseDown(screen.getByRole('option', { name: /Leads/ }));
    fireEvent.click(screen.getByRole('option', { name: /Leads/ }));
    await act(async () => {});
    expect(made).toEqual(['Buyers', 'Leads']);
    expect(screen.getByTestId('stored')).toHaveTextContent('leads');
  });

  it('asks for fresh options each time it opens, and shows what arrived', () => {
    let opened = 0;
    const { rerender } = render(<Host onOpen={() => opened++} options={EMAILS} />);
    fireEvent.click(input());
    expect(opened).toBe(1);
    fireEvent.blur(input());
    rerender(<Host onOpen={() => opened++} options={[...EMAILS, { key: 'new', name: 'Brand new' }]} />);
    fireEvent.click(input());
    expect(opened).toBe(2);
    expect(optionNames()).toContain('Brand new');
  });
});
