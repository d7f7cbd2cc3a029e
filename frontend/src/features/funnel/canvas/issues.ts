// Problem sentences: the engine writes them in English; French ones are
// built from the stable issue code with the field and output labels.
import type { Issue, Lang, NodeSpec } from '../../../api/types';
import { enIssues, fill, frIssues, tx } from '../../../i18n/dict';
import { pseudo } from '../../../i18n/pseudo';
import { portsOf } from './ports';

/** issueText is the sentence to show for an issue in lang. */
export function issueText(issue: Issue, lang: Lang, spec?: NodeSpec, config?: Record<string, unknown>): string {
  // The engine writes its problem messages in English: in English they are
  // the sentence to show (wrapped like the dictionary's in the pseudo-locale).
  if (lang === 'en' && !enIssues[issue.code]) return pseudo(capitalize(issue.message));
  let code = issue.code;
  if (code === 'port_unconnected' && issue.severity === 'warning') code = 'port_unconnected_wait';
  const template = lang === 'en' ? enIssues[code] : frIssues[code];
  if (!template) return capitalize(issue.message);
  const vars: Record<string, string> = {};
  if (template.includes('{field}')) {
    const f = spec?.fields.find((x) => x.name === issue.field);
    if (!f) return capitalize(issue.message);
    vars.field = tx(f.label, lang);
  }
  if (template.includes('{port}')) {
    const p = spec ? portsOf(spec, config).find((x) => x.id === issue.port) : undefined;
    vars.port = p ? tx(p.label, lang) : (issue.port ?? '');
  }
  return pseudo(capitalize(fill(template, vars)));
}

function capitalize(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}
