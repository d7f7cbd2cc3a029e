import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useScripts } from '../../stores/scripts';
import { resetAll } from '../../test/helpers';
import { ScriptsScreen } from './ScriptsScreen';
import { LIB_SOURCE, resetScriptsScreen, type FakeScriptsApi } from './testing';

let api: FakeScriptsApi;

// CodeMirror measures text ranges; jsdom's Range has no layout.
beforeAll(() => {
  const empty = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
  if (!Range.prototype.getClientRects) Range.prototype.getClientRects = empty;
  if (!Range.prototype.getBoundingClientRect) Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0);
});

beforeEach(() => {
  resetAll();
  api = resetScriptsScreen();
  api.own.set('mine', { kind: 'score', source: 'return 10\n' });
});

const markedLines = (root: HTMLElement) =>
  [...root.querySelectorAll('.cm-line')].map((l, i) => (l.querySelector('.cm-lintRange-error') ? i + 1 : 0)).filter(Boolean);

describe('scripts screen', () => {
  it('lists own rules and the library apart, with the library marked', async () => {
    render(<ScriptsScreen />);
    await screen.findByTestId('script-mine');
    expect(screen.getByText('My rules').nextElementSibling).toHaveTextContent('mine');
    expect(screen.getByText(/From the library/).nextElementSibling).toHaveTextContent('Hot lead');
    fireEvent.click(screen.getByTestId('script-hot_lead'));
    expect(await screen.findByTestId('library-note')).toBeInTheDocument();
  });

  it('turns compile diagnostics into lint markers at their line, and clears them', async () => {
    render(<ScriptsScreen />);
    await screen.findByTestId('script-mine');
    await act(() => useScripts.getState().select('hot_lead'));
    const code = screen.getByTestId('script-code');
    await waitFor(() => expect(code.textContent).toContain('return contact.score >= n'));
    expect(screen.getByTestId('script-ok')).toHaveTextContent('No problem');

    const broken = LIB_SOURCE.replace('return', 'local x = = 1\nreturn');
    act(() => useScripts.getState().setSource(broken));
    await act(() => useScripts.getState().check());
    await waitFor(() => expect(markedLines(code)).toEqual([4]));
    expect(screen.getByTestId('script-diagnostic')).toHaveAttribute('data-line', '4');
    expect(screen.getByTestId('script-diagnostic')).toHaveTextContent(/Line 4\s*syntax error near 'local'/);
    expect(code.querySelector('.cm-lint-marker-error')).not.toBeNull();

    act(() => useScripts.getState().setSource(LIB_SOURCE));
    await act(() => useScripts.getState().check());
    await waitFor(() => expect(markedLines(code)).toEqual([]));
  });

  it('marks the line a test run failed at', async () => {
    render(<ScriptsScreen />);
    await screen.findByTestId('script-mine');
    act(() => useScripts.getState().setSource('local a = 1\nerror("boom")\nreturn 1\n'));
    await act(() => useScripts.getState().check());
    fireEvent.click(screen.getByTestId('test-run'));
    expect(await screen.findByTestId('test-result-line')).toHaveTextContent('Go to line 2');
    const code = screen.getByTestId('script-code');
    await waitFor(() => expect(markedLines(code)).toEqual([2]));
    expect(screen.getByTestId('script-diagnostic')).toHaveTextContent('Test: script "mine": line 2: boom');
  });

  it('copies a rule under a new name', async () => {
    render(<ScriptsScreen />);
    await screen.findByTestId('script-mine');
    fireEvent.click(screen.getByTestId('script-hot_lead'));
    await screen.findByTestId('library-note');
    fireEvent.click(screen.getByTestId('script-copy'));
    expect(screen.getByTestId('copy-name')).toHaveValue('hot_lead_copy');
    fireEvent.change(screen.getByTestId('copy-name'), { target: { value: 'mine' } });
    expect(screen.getByText('A rule already has this name.')).toBeInTheDocument();
    expect(screen.getByTestId('copy-create')).toBeDisabled();
    fireEvent.change(screen.getByTestId('copy-name'), { target: { value: 'hot_copy' } });
    fireEvent.click(screen.getByTestId('copy-create'));
    await waitFor(() => expect(useScripts.getState().selected).toBe('hot_copy'));
    expect(api.own.get('hot_copy')?.source).toBe(LIB_SOURCE);
  });

  it('shows the Lua reference in the side panel', async () => {
    render(<ScriptsScreen />);
    await screen.findByTestId('script-mine');
    fireEvent.click(screen.getByTestId('side-reference'));
    expect(await screen.findByTestId('script-reference')).toHaveTextContent('contact.id');
  });
});
