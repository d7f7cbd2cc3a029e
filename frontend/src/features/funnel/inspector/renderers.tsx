// One renderer per config field type. The table is typed
// Record<FieldType, Renderer>: a field type added in Go (and so in the
// generated FieldType union) fails `tsc` until it has a renderer here.
import { Plus, X } from 'lucide-react';
import { type ReactElement } from 'react';
import type { FieldType } from '../../../api/fieldTypes';
import type { FieldSpec, Lang } from '../../../api/types';
import { casePort, formatPercent, readBranches, readStrings, toStr, type Branch } from '../canvas/ports';
import { nodeName } from '../canvas/StepNodeView';
import type { MessageKey } from '../../../i18n/dict';
import { tx } from '../../../i18n/dict';
import type { Translator } from '../../../i18n/useT';
import { useEditor } from '../stores/editor';
import { refPicker, TeammatePicker } from './refPickers';

/** FieldProps is what every renderer gets. */
export interface FieldProps {
  /** id is the DOM id of the control to focus (the label points at it). */
  id: string;
  field: FieldSpec;
  value: unknown;
  onChange: (value: unknown) => void;
  invalid: boolean;
  /** nodeId is the step being edited. */
  nodeId: string;
  lang: Lang;
  t: Translator['t'];
}

export type Renderer = (p: FieldProps) => ReactElement;

function placeholderOf(p: FieldProps): string | undefined {
  const d = p.field.default;
  if (d === undefined || d === null || typeof d === 'object') return undefined;
  // A default that is a sentence (the alert's subject) is written in each
  // language, as the step uses it in a workspace of that language.
  const fr = p.field.default_fr;
  if (typeof fr === 'string') return tx({ en: toStr(d), fr }, p.lang);
  return toStr(d);
}

function ariaInvalid(p: FieldProps) {
  return p.invalid ? { 'aria-invalid': true as const } : {};
}

function TextInput(p: FieldProps & { type?: string; placeholder?: string }) {
  return (
    <input
      id={p.id}
      className="fp-input"
      type={p.type ?? 'text'}
      value={toStr(p.value)}
      placeholder={p.placeholder ?? placeholderOf(p)}
      onChange={(e) => p.onChange(e.target.value === '' ? undefined : e.target.value)}
      {...ariaInvalid(p)}
    />
  );
}

function TextArea(p: FieldProps) {
  return (
    <textarea
      id={p.id}
      className="fp-input fp-textarea"
      rows={4}
      value={toStr(p.value)}
      placeholder={placeholderOf(p)}
      onChange={(e) => p.onChange(e.target.value === '' ? undefined : e.target.value)}
      {...ariaInvalid(p)}
    />
  );
}

function NumberInput(p: FieldProps) {
  const v = p.value;
  return (
    <input
      id={p.id}
      className="fp-input fp-input-number"
      type="number"
      inputMode="decimal"
      min={p.field.min}
      max={p.field.max}
      value={typeof v === 'number' || typeof v === 'string' ? v : ''}
      placeholder={placeholderOf(p)}
      onChange={(e) => {
        const raw = e.target.value;
        if (raw === '') return p.onChange(undefined);
        const n = Number(raw);
        p.onChange(Number.isFinite(n) ? n : raw);
      }}
      {...ariaInvalid(p)}
    />
  );
}

/**
 * BoolInput is a checkbox that says what it turns on ("Transactional (not
 * marketing)"), not "yes"/"no": the field row draws no label above it.
 */
function BoolInput(p: FieldProps) {
  const on = p.value === true || p.value === 'true';
  return (
    <label className="fp-switch">
      <input id={p.id} type="checkbox" checked={on} onChange={(e) => p.onChange(e.target.checked)} {...ariaInvalid(p)} />
      <span>{tx(p.field.label, p.lang)}</span>
    </label>
  );
}

const UNITS = ['m', 'h', 'd', 'w'] as const;
const SIMPLE_DURATION = /^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$/i;

function DurationInput(p: FieldProps) {
  const raw = toStr(p.value);
  const m = SIMPLE_DURATION.exec(raw);
  if (raw !== '' && !m) {
    // A compound duration ("1d 12h") is edited as text.
    return <TextInput {...p} placeholder={p.t('field.duration.custom')} />;
  }
  const amount = m ? m[1]! : '';
  const unit = (m ? m[2]!.toLowerCase() : (SIMPLE_DURATION.exec(toStr(p.field.default))?.[2] ?? 'd')) as (typeof UNITS)[number];
  const def = SIMPLE_DURATION.exec(toStr(p.field.default));
  return (
    <div className="fp-row">
      <input
        id={p.id}
        className="fp-input fp-input-number"
        type="number"
        min={0}
        inputMode="decimal"
        value={amount}
        placeholder={def ? def[1] : undefined}
        aria-label={p.t('field.duration.amount')}
        onChange={(e) => p.onChange(e.target.value === '' ? undefined : `${e.target.value}${unit}`)}
        {...ariaInvalid(p)}
      />
      <select
        className="fp-input"
        value={unit}
        aria-label={p.t('field.duration.unit')}
        onChange={(e) => p.onChange(`${amount || (def ? def[1] : '1')}${e.target.value}`)}
      >
        {UNITS.map((u) => (
          <option key={u} value={u}>
            {p.t(`field.duration.unit.${u}` as MessageKey)}
          </option>
        ))}
      </select>
    </div>
  );
}

function EnumInput(p: FieldProps) {
  const v = toStr(p.value);
  const options = p.field.options ?? [];
  const known = options.some((o) => o.value === v);
  return (
    <select id={p.id} className="fp-input" value={v} onChange={(e) => p.onChange(e.target.value === '' ? undefined : e.target.value)} {...ariaInvalid(p)}>
      {(!known || v === '') && <option value={v}>{v === '' ? p.t('common.choose') : v}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {tx(o.label, p.lang)}
        </option>
      ))}
    </select>
  );
}

function NodePicker(p: FieldProps) {
  const want = p.field.node_type;
  const choices = useEditor((s) =>
    s.nodes
      .filter((n) => n.type === 'step' && n.id !== p.nodeId && (!want || n.data.nodeType === want))
      .map((n) => `${n.id}\u0000${nodeName(s, n.id, p.lang) ?? n.id}`)
      .join('\u0001'),
  );
  const options = choices ? choices.split('\u0001').map((c) => c.split('\u0000') as [string, string]) : [];
  const v = toStr(p.value);
  return (
    <>
      <select id={p.id} className="fp-input" value={v} onChange={(e) => p.onChange(e.target.value === '' ? undefined : e.target.value)} {...ariaInvalid(p)}>
        <option value="">{p.t('common.choose')}</option>
        {v !== '' && !options.some(([id]) => id === v) && <option value={v}>{v}</option>}
        {options.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
      {options.length === 0 && <p className="fp-field-help">{p.t('field.node.none')}</p>}
    </>
  );
}

function readMap(v: unknown): [string, string][] {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
  return Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toStr(x)]);
}

/** Key → value rows: event property filters and script parameters. */
function mapEditor(kind: 'filter' | 'params'): Renderer {
  return function MapEditor(p: FieldProps) {
    const rows = readMap(p.value);
    const write = (next: [string, string][]) => {
      if (next.length === 0) return p.onChange(undefined);
      const obj: Record<string, string> = {};
      for (const [k, v] of next) obj[k] = v;
      p.onChange(obj);
    };
    const freeKey = () => {
      const base = kind === 'filter' ? 'property' : 'param';
      for (let i = 1; ; i++) {
        const k = i === 1 ? base : `${base}_${i}`;
        if (!rows.some(([x]) => x === k)) return k;
      }
    };
    return (
      <div className="fp-map" id={p.id} tabIndex={-1}>
        {rows.length === 0 && <p className="fp-field-help">{p.t(kind === 'filter' ? 'field.map.empty' : 'field.map.emptyParams')}</p>}
        {rows.map(([k, v], i) => (
          <div className="fp-row" key={i}>
            <input
              className="fp-input"
              value={k}
              aria-label={p.t('field.map.key')}
              placeholder={p.t('field.map.key')}
              onChange={(e) => write(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
            />
            <span className="fp-eq">=</span>
            <input
              className="fp-input"
              value={v}
              aria-label={p.t('field.map.value')}
              placeholder={p.t('field.map.value')}
              onChange={(e) => write(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
            />
            <button type="button" className="fp-icon-btn" aria-label={p.t('common.remove')} title={p.t('common.remove')} onClick={() => write(rows.filter((_, j) => j !== i))}>
              <X size={14} />
            </button>
          </div>
        ))}
        <button type="button" className="fp-btn fp-btn-small" onClick={() => write([...rows, [freeKey(), '']])}>
          <Plus size={14} /> {p.t(kind === 'filter' ? 'field.map.add' : 'field.map.addParam')}
        </button>
      </div>
    );
  };
}

function TimeInput(p: FieldProps) {
  return <TextInput {...p} type="time" />;
}

function DateInput(p: FieldProps) {
  return <TextInput {...p} type="date" />;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function WeekdaysInput(p: FieldProps) {
  const days = new Set(readStrings(p.value ?? p.field.default));
  const toggle = (d: string) => {
    const next = new Set(days);
    if (next.has(d)) next.delete(d);
    else next.add(d);
    p.onChange(DAYS.filter((x) => next.has(x)));
  };
  return (
    <div className="fp-days" role="group" id={p.id} tabIndex={-1}>
      {DAYS.map((d) => (
        <button key={d} type="button" className={`fp-day ${days.has(d) ? 'is-on' : ''}`} aria-pressed={days.has(d)} onClick={() => toggle(d)}>
          {p.t(`day.short.${d}` as MessageKey)}
        </button>
      ))}
    </div>
  );
}

function nextBranchId(branches: Branch[]): string {
  const taken = new Set(branches.map((b) => b.id));
  for (let i = 0; i < 26; i++) {
    const id = String.fromCharCode(97 + i);
    if (!taken.has(id)) return id;
  }
  for (let i = 1; ; i++) if (!taken.has(`branch_${i}`)) return `branch_${i}`;
}

function BranchesInput(p: FieldProps) {
  const branches = readBranches(p.value ?? p.field.default);
  const total = branches.reduce((s, b) => s + b.percent, 0);
  const write = (next: Branch[]) => p.onChange(next.map((b) => ({ id: b.id, label: b.label, percent: b.percent })));
  const even = () => {
    const n = branches.length;
    if (n === 0) return;
    const base = Math.floor((100 / n) * 10) / 10;
    write(branches.map((b, i) => ({ ...b, percent: i === n - 1 ? Math.round((100 - base * (n - 1)) * 10) / 10 : base })));
  };
  const ok = Math.abs(total - 100) < 0.01;
  return (
    <div className="fp-branches" id={p.id} tabIndex={-1}>
      {branches.map((b, i) => (
        <div className="fp-row" key={b.id || i}>
          <input
            className="fp-input"
            value={b.label}
            aria-label={p.t('field.branches.name')}
            placeholder={b.id.toUpperCase()}
            data-verbatim
            onChange={(e) => write(branches.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))}
          />
          <input
            className="fp-input fp-input-number fp-input-percent"
            type="number"
            min={0}
            max={100}
            value={b.percent}
            aria-label={p.t('field.branches.share')}
            onChange={(e) => write(branches.map((x, j) => (j === i ? { ...x, percent: Number(e.target.value) || 0 } : x)))}
          />
          <span className="fp-unit">%</span>
          <button
            type="button"
            className="fp-icon-btn"
            aria-label={p.t('common.remove')}
            title={p.t('common.remove')}
            disabled={branches.length <= 1}
            onClick={() => write(branches.filter((_, j) => j !== i))}
          >
            <X size={14} />
          </button>
        </div>
      ))}
      <div className="fp-row fp-row-between">
        <span className={ok ? 'fp-field-help' : 'fp-field-error'}>
          {p.t(ok ? 'field.branches.total' : 'field.branches.totalWrong', { total: formatPercent(total) })}
        </span>
        <span className="fp-row">
          <button type="button" className="fp-btn fp-btn-small" onClick={even}>
            {p.t('field.branches.even')}
          </button>
          <button
            type="button"
            className="fp-btn fp-btn-small"
            onClick={() => {
              const id = nextBranchId(branches);
              write([...branches, { id, label: id.toUpperCase(), percent: 0 }]);
            }}
          >
            <Plus size={14} /> {p.t('field.branches.add')}
          </button>
        </span>
      </div>
    </div>
  );
}

function CasesInput(p: FieldProps) {
  const values = readStrings(p.value);
  const write = (next: string[]) => p.onChange(next.length ? next : undefined);
  const ports = values.map(casePort);
  return (
    <div className="fp-cases">
      {values.map((v, i) => (
        <div className="fp-row" key={i}>
          <input
            id={i === 0 ? p.id : undefined}
            className="fp-input"
            value={v}
            placeholder={p.t('field.cases.placeholder')}
            aria-invalid={ports.indexOf(ports[i]!) !== i || undefined}
            onChange={(e) => write(values.map((x, j) => (j === i ? e.target.value : x)))}
          />
          <button type="button" className="fp-icon-btn" aria-label={p.t('common.remove')} title={p.t('common.remove')} onClick={() => write(values.filter((_, j) => j !== i))}>
            <X size={14} />
          </button>
        </div>
      ))}
      <button type="button" id={values.length === 0 ? p.id : undefined} className="fp-btn fp-btn-small" onClick={() => write([...values, ''])}>
        <Plus size={14} /> {p.t('field.cases.add')}
      </button>
      <p className="fp-field-help">{p.t('field.cases.help')}</p>
    </div>
  );
}

function UrlInput(p: FieldProps) {
  return <TextInput {...p} type="url" placeholder={p.t('field.url.placeholder')} />;
}

export const renderers: Record<FieldType, Renderer> = {
  string: TextInput,
  text: TextArea,
  number: NumberInput,
  bool: BoolInput,
  duration: DurationInput,
  enum: EnumInput,
  list: refPicker('list'),
  tag: refPicker('tag'),
  field: refPicker('field'),
  template: refPicker('template'),
  script: refPicker('script'),
  flow: refPicker('flow'),
  node: NodePicker,
  segment: refPicker('segment'),
  form: refPicker('form'),
  event_type: refPicker('event_type'),
  filter: mapEditor('filter'),
  time: TimeInput,
  date: DateInput,
  weekdays: WeekdaysInput,
  branches: BranchesInput,
  cases: CasesInput,
  params: mapEditor('params'),
  stage: EnumInput,
  url: UrlInput,
  teammate: TeammatePicker,
};

/** fieldDomId is the DOM id of a field's control, for labels and focusing. */
export function fieldDomId(nodeId: string, field: string): string {
  return `field-${nodeId}-${field}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
