import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { msg } from '../i18n/message';
import { useSettings } from '../stores/settings';
import { TOAST_MS, toast, toastTexts, useToasts } from '../stores/toasts';
import { Toasts } from './Toasts';

afterEach(() => {
  act(() => {
    useToasts.getState().clear();
    useSettings.setState({ lang: 'en' });
  });
});

describe('toasts follow the language', () => {
  it('a toast raised in English reads in French once the language is switched, its parameters too', () => {
    useSettings.setState({ lang: 'en' });
    render(<Toasts />);
    act(() => {
      toast('success', msg('workspace.copySaved', { path: '/tmp/copie.flightplan' }));
      // A parameter that has its own words (an import failure's reason) follows too.
      toast('error', msg('export.failed', { message: msg('picture.noCanvas') }));
    });
    const shown = () => [screen.getByTestId('toast-success').textContent, screen.getByTestId('toast-error').textContent];
    const en = ['Copy saved: /tmp/copie.flightplan', 'The export did not work: the canvas is not shown'];
    expect(shown()).toEqual(en);
    act(() => useSettings.setState({ lang: 'fr' }));
    const fr = ['Copie enregistrée : /tmp/copie.flightplan', 'L’export n’a pas fonctionné : le canevas n’est pas affiché'];
    expect(shown()).toEqual(fr);
    expect(toastTexts('fr')).toEqual(fr);
    expect(toastTexts('en')).toEqual(en);
  });

  it('keeps a plain text (an engine error, a user’s data) as it came, in any language', () => {
    useSettings.setState({ lang: 'en' });
    render(<Toasts />);
    act(() => toast('error', 'flow "x": disk full'));
    act(() => useSettings.setState({ lang: 'fr' }));
    expect(screen.getByTestId('toast-error').textContent).toBe('flow "x": disk full');
  });

  it('shows the same message twice in a row once', () => {
    toast('info', msg('toast.copied', { count: 2 }));
    toast('info', msg('toast.copied', { count: 2 }));
    toast('info', msg('toast.copied', { count: 3 }));
    expect(useToasts.getState().toasts).toHaveLength(2);
  });

  it('stays while the pointer is on it, and has its time again once the pointer leaves', () => {
    vi.useFakeTimers();
    try {
      render(<Toasts />);
      act(() => toast('success', msg('settings.saved')));
      const el = screen.getByTestId('toast-success');
      fireEvent.mouseEnter(el);
      act(() => vi.advanceTimersByTime(TOAST_MS.success * 3));
      expect(screen.queryByTestId('toast-success')).not.toBeNull();
      fireEvent.mouseLeave(el);
      act(() => vi.advanceTimersByTime(TOAST_MS.success - 100));
      expect(screen.queryByTestId('toast-success')).not.toBeNull();
      act(() => vi.advanceTimersByTime(200));
      expect(screen.queryByTestId('toast-success')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
