import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { scriptProblems, toLintDiagnostics } from './lint';

const doc = Text.of(['local a = 1', '  local b = = 2', '', 'return a']);

describe('diagnostics to lint markers', () => {
  it('marks the whole line, after the indentation', () => {
    const [d] = toLintDiagnostics(doc, [{ line: 2, message: "syntax error near '='", severity: 'error' }]);
    const line = doc.line(2);
    expect(d).toEqual({ from: line.from + 2, to: line.to, severity: 'error', message: "syntax error near '='" });
    expect(doc.sliceString(d!.from, d!.to)).toBe('local b = = 2');
  });

  it('keeps lines that no longer exist or are unknown inside the text', () => {
    const [past, unknown, empty] = toLintDiagnostics(doc, [
      { line: 99, message: 'x', severity: 'error' },
      { line: 0, message: 'y', severity: 'warning', source: 'Test' },
      { line: 3, message: 'z', severity: 'error' },
    ]);
    expect(past).toMatchObject({ from: doc.line(4).from, to: doc.line(4).to });
    expect(unknown).toMatchObject({ from: 0, to: doc.line(1).to, severity: 'warning', source: 'Test' });
    expect(empty).toMatchObject({ from: doc.line(3).from, to: doc.line(3).from });
  });
});

describe('what the script editor marks', () => {
  const result = { result: null, error: 'line 4: attempt to index a nil value', line: 4, took_us: 3, printed: [] };

  it('adds the test run’s error at its line while the text is the one tested', () => {
    const src = 'x';
    expect(scriptProblems([{ line: 2, message: 'syntax' }], result, src, src, 'Test')).toEqual([
      { line: 2, message: 'syntax', severity: 'error' },
      { line: 4, message: result.error, severity: 'error', source: 'Test' },
    ]);
    expect(scriptProblems([], result, src, 'y', 'Test')).toEqual([]);
    expect(scriptProblems([], { ...result, error: '' }, src, src, 'Test')).toEqual([]);
  });

  it('says each problem in the window’s language (once the engine’s English only)', () => {
    const src = 'x';
    const said = (en: string, fr: string) => ({ en, fr, pseudo: `⟦${en}⟧` });
    const diag = { line: 2, message: '`contact` has no `nope`', text: said('`contact` has no `nope`', '`contact` n’a pas de `nope`') };
    const failed = { ...result, error_text: said('The rule “x”, line 4: boom', 'La règle « x », ligne 4 : boum') };
    expect(scriptProblems([diag], failed, src, src, 'Essai', 'fr').map((p) => p.message)).toEqual(['`contact` n’a pas de `nope`', 'La règle « x », ligne 4 : boum']);
  });
});
