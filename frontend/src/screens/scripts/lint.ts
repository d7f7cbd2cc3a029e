// Problems reported by the engine at a line, turned into CodeMirror lint
// diagnostics (a squiggle on the line, a marker in the gutter).
import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import { engineText } from '../../api/engineText';
import type { ScriptDiagnostic, ScriptTestResult } from '../../api/scripts';

/** LineProblem is a message about one line (1-based; 0 when the engine does not know). */
export interface LineProblem {
  line: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** source says who found it: the compiler, a test run, the template check. */
  source?: string;
}

/**
 * toLintDiagnostics places each problem over its whole line (without the
 * indentation). A line past the end of the text (it changed since the
 * check) goes on the last line; an unknown line on the first.
 */
export function toLintDiagnostics(doc: Text, problems: readonly LineProblem[]): Diagnostic[] {
  return problems.map((p) => {
    const n = Math.min(Math.max(p.line || 1, 1), doc.lines);
    const line = doc.line(n);
    const indent = /^\s*/.exec(line.text)?.[0].length ?? 0;
    const from = indent < line.length ? line.from + indent : line.from;
    return { from, to: line.to, severity: p.severity, message: p.message, ...(p.source ? { source: p.source } : {}) };
  });
}

/**
 * scriptProblems gathers what the script editor marks: the compile
 * diagnostics and, while the text is still the one tested, the test run's
 * error at its line.
 */
export function scriptProblems(
  diagnostics: readonly ScriptDiagnostic[],
  result: ScriptTestResult | null,
  testedSource: string | null,
  source: string,
  testLabel: string,
  lang = 'en',
): LineProblem[] {
  // The engine says each problem in every language: show the window's.
  const out: LineProblem[] = diagnostics.map((d) => ({ line: d.line, message: engineText(d.text, lang, d.message), severity: 'error' }));
  if (result?.error && result.line > 0 && testedSource === source && !diagnostics.some((d) => d.line === result.line)) {
    out.push({ line: result.line, message: engineText(result.error_text, lang, result.error), severity: 'error', source: testLabel });
  }
  return out;
}
