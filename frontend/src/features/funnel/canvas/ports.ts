// Output ports of a node, mirroring the engine's nodes.PortsOf: the spec's
// fixed ports plus one per branch (random split) or per case (split on a field).
import type { FieldSpec, NodeSpec, PortSpec } from '../../../api/types';

/** DEFAULT_PORT is the id of a node's single output; edges omit it. */
export const DEFAULT_PORT = 'next';

/** INPUT_HANDLE is the id of every node's input handle. */
export const INPUT_HANDLE = 'in';

/** hasValue is the engine's notion of "set": not absent, null or "". */
export function hasValue(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** configValue reads a config value with the field's default applied. */
export function configValue(spec: NodeSpec | undefined, config: Record<string, unknown> | undefined, name: string): unknown {
  const v = config?.[name];
  if (hasValue(v)) return v;
  return spec?.fields.find((f) => f.name === name)?.default;
}

/** isShown applies a field's show_if against the node's config (with defaults). */
export function isShown(spec: NodeSpec, field: FieldSpec, config: Record<string, unknown> | undefined): boolean {
  if (!field.show_if) return true;
  const cur = toStr(configValue(spec, config, field.show_if.field));
  return field.show_if.values.includes(cur);
}

/** toStr writes a scalar the way the engine's contact.ToString does. */
export function toStr(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** casePort turns a case value into its port id ("Île-de-France" → "case___le_de_france"). */
export function casePort(value: string): string {
  let out = 'case_';
  for (const ch of value.toLowerCase()) {
    out += /^[a-z0-9]$/.test(ch) ? ch : '_';
  }
  return out;
}

/** Branch is one arm of a random split. */
export interface Branch {
  id: string;
  label: string;
  percent: number;
}

/** readBranches reads a branches value leniently, as the engine does. */
export function readBranches(v: unknown): Branch[] {
  if (!Array.isArray(v)) return [];
  const out: Branch[] = [];
  for (const e of v) {
    if (!e || typeof e !== 'object') continue;
    const m = e as Record<string, unknown>;
    let percent = 0;
    if (typeof m.percent === 'number') percent = m.percent;
    else if (typeof m.percent === 'string') percent = parseFloat(m.percent) || 0;
    out.push({ id: toStr(m.id), label: toStr(m.label), percent });
  }
  return out;
}

/** readStrings reads a list value: an array, or a comma-separated string. */
export function readStrings(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(toStr);
  if (typeof v === 'string') {
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  return [];
}

/** formatPercent writes a share like Go's %g: 50 → "50", 33.5 → "33.5". */
export function formatPercent(p: number): string {
  return String(Number.isInteger(p) ? p : parseFloat(p.toPrecision(6)));
}

/** portsOf lists every output port of a node of this spec with this config. */
export function portsOf(spec: NodeSpec, config: Record<string, unknown> | undefined): PortSpec[] {
  const ports = [...spec.ports];
  if (!spec.ports_from) return ports;
  const field = spec.fields.find((f) => f.name === spec.ports_from);
  const value = configValue(spec, config, spec.ports_from);
  if (field?.type === 'branches') {
    for (const b of readBranches(value)) {
      const l = `${b.label || b.id} (${formatPercent(b.percent)}%)`;
      ports.push({ id: b.id, label: { en: l, fr: l } });
    }
  } else if (field?.type === 'cases') {
    for (const c of readStrings(value)) {
      ports.push({ id: casePort(c), label: { en: c, fr: c } });
    }
  }
  return ports;
}
