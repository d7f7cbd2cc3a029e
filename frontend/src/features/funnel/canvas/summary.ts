// The one line written on a node: the spec's summary template with each
// {field} replaced by the node's value for it, in plain words.
import type { FieldSpec, Lang, NodeSpec } from '../../../api/types';
import { translate, type MessageKey } from '../../../i18n/dict';
import { configValue, formatPercent, hasValue, isShown, readBranches, readStrings, toStr } from './ports';

/** SummaryContext resolves references to other nodes of the flow. */
export interface SummaryContext {
  /** nodeName returns the name to show for a node id of this flow. */
  nodeName?: (id: string) => string | undefined;
  /** refName returns the name of a named thing (an email…) for its stored key. */
  refName?: (type: FieldSpec['type'], key: string) => string | undefined;
}

const PLACEHOLDER = /\{([a-z_][a-z0-9_]*)\}/g;

/** MISSING marks a required value not filled in yet. */
export const MISSING = '…';

/** formatValue writes a field's value for reading on the canvas. */
export function formatValue(field: FieldSpec, value: unknown, lang: Lang, ctx: SummaryContext = {}): string {
  if (!hasValue(value)) return '';
  switch (field.type) {
    case 'enum':
    case 'stage': {
      const v = toStr(value);
      const opt = field.options?.find((o) => o.value === v);
      return opt ? opt.label[lang] || opt.label.en : v;
    }
    case 'bool':
      return translate(lang, value === true || value === 'true' ? 'common.yes' : 'common.no');
    case 'weekdays':
      return readStrings(value)
        .map((d) => translate(lang, `day.short.${d}` as MessageKey))
        .join(', ');
    case 'branches':
      return readBranches(value)
        .map((b) => `${b.label || b.id} ${formatPercent(b.percent)}%`)
        .join(' · ');
    case 'cases':
      return readStrings(value).join(', ');
    case 'filter':
    case 'params': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return toStr(value);
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k} = ${toStr(v)}`)
        .join(', ');
    }
    case 'node': {
      const id = toStr(value);
      return ctx.nodeName?.(id) ?? id;
    }
    default: {
      if (ctx.refName && typeof value === 'string') {
        const name = ctx.refName(field.type, value);
        if (name !== undefined) return name;
      }
      return Array.isArray(value) ? value.map(toStr).join(', ') : toStr(value);
    }
  }
}

/**
 * summaryText fills the spec's summary for a node: "Wait {duration}" with
 * duration "2d" reads "Wait 2d". Hidden fields (show_if) read as nothing; a
 * required field left empty reads as "…".
 */
export function summaryText(spec: NodeSpec, config: Record<string, unknown> | undefined, lang: Lang, ctx: SummaryContext = {}): string {
  const template = spec.summary[lang] || spec.summary.en;
  let placeholders = 0;
  let filled = 0;
  const out = template.replace(PLACEHOLDER, (_m, name: string) => {
    placeholders++;
    const field = spec.fields.find((f) => f.name === name);
    if (!field || !isShown(spec, field, config)) return '';
    const text = formatValue(field, configValue(spec, config, name), lang, ctx);
    if (text !== '') {
      filled++;
      return text;
    }
    return field.required ? MISSING : '';
  });
  let s = out.replace(/\s+/g, ' ').trim();
  // English puts no space before ? : ; ! (French does).
  if (lang === 'en') s = s.replace(/ ([?:;!])/g, '$1');
  if (placeholders > 0 && filled === 0 && !s.includes(MISSING)) {
    s = `${s} ${MISSING}`;
  }
  return s;
}
