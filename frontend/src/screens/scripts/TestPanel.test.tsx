import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScriptTestResult } from '../../api/scripts';
import { translate } from '../../i18n/dict';
import { useScripts } from '../../stores/scripts';
import { useSettings } from '../../stores/settings';
import { resetAll } from '../../test/helpers';
import { resultText, TestPanel, TestResultView } from './TestPanel';
import { resetScriptsScreen, type FakeScriptsApi } from './testing';

let api: FakeScriptsApi;
const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('en', k, v);

beforeEach(() => {
  resetAll();
  api = resetScriptsScreen();
});

const ok = (result: unknown): ScriptTestResult => ({ result, error: '', line: 0, took_us: 1234, printed: [] });

describe('test result', () => {
  it('says what the script returned, by kind', () => {
    expect(resultText('condition', true, t)).toBe('Yes');
    expect(resultText('condition', false, t)).toBe('No');
    expect(resultText('score', 12, t)).toBe('12 points');
    expect(resultText('score', 2.345, t)).toBe('2.35 points');
    expect(resultText('action', {}, t)).toBe('No change');
    expect(resultText('action', { AddTags: ['hot'] }, t)).toContain('"hot"');
  });

  it('shows the value, the time and what was printed', () => {
    render(<TestResultView result={{ ...ok(true), printed: ['visits\t2'] }} kind="condition" stale={false} onGoToLine={() => {}} />);
    expect(screen.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
    expect(screen.getByTestId('test-result-value')).toHaveTextContent('Yes');
    expect(screen.getByTestId('test-result-took')).toHaveTextContent('Ran in 1,234 µs');
    expect(screen.getByTestId('test-result-printed')).toHaveTextContent('visits 2');
  });

  it('shows an error with a button to its line, and explains a missing event history', () => {
    const onGoToLine = vi.fn();
    render(
      <TestResultView
        result={{ result: null, error: 'script "x": line 19: events.count: no event history is available to this evaluation', line: 19, took_us: 40, printed: null }}
        kind="condition"
        stale
        onGoToLine={onGoToLine}
      />,
    );
    expect(screen.getByTestId('test-result')).toHaveAttribute('data-ok', 'false');
    expect(screen.getByText(/The code changed since this test/)).toBeInTheDocument();
    expect(screen.getByTestId('test-no-history')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('test-result-line'));
    expect(onGoToLine).toHaveBeenCalledWith(19);
  });

  it('says a failure in French in the French window (once the engine’s English)', () => {
    useSettings.setState({ lang: 'fr' });
    const error = 'script "vip_check": an action must return a table of changes like {tags_add={"hot"}}, got nil (did the script forget `return`?)';
    const fr = 'La règle « vip_check » : une action doit renvoyer une table de changements comme {tags_add={"hot"}}, elle a renvoyé nil (le script a-t-il oublié `return` ?)';
    render(
      <TestResultView
        result={{ result: null, error, error_text: { en: error, fr, pseudo: `⟦${error}⟧` }, line: 0, took_us: 40, printed: null }}
        kind="action"
        stale={false}
        onGoToLine={() => {}}
      />,
    );
    expect(screen.getByTestId('test-result-message')).toHaveTextContent(fr);
    expect(screen.getByTestId('test-result-error')).not.toHaveTextContent('must return');
  });
});

describe('test panel', () => {
  it('offers the script’s params with their defaults and runs the test', async () => {
    await useScripts.getState().load();
    render(<TestPanel onGoToLine={() => {}} />);
    expect(screen.getByTestId('test-param-min_visits')).toHaveValue('2');
    expect(screen.getByText('Default: 2')).toBeInTheDocument();
    fireEvent.change(screen.getByTestId('test-kind'), { target: { value: 'score' } });
    fireEvent.click(screen.getByTestId('test-run'));
    expect(await screen.findByTestId('test-result-value')).toHaveTextContent('15 points');
    expect(api.tests[0]).toMatchObject({ kind: 'score', contact_id: 0, event: null, params: { min_visits: 2 } });
  });

  it('says what to fix in the form', async () => {
    await useScripts.getState().load();
    render(<TestPanel onGoToLine={() => {}} />);
    fireEvent.click(screen.getByTestId('test-event-on'));
    fireEvent.change(screen.getByTestId('test-event-type'), { target: { value: 'purchase' } });
    fireEvent.change(screen.getByTestId('test-event-props'), { target: { value: '{bad' } });
    fireEvent.click(screen.getByTestId('test-run'));
    expect(await screen.findByText(/must be JSON between braces/)).toBeInTheDocument();
    expect(api.tests).toHaveLength(0);
  });
});
