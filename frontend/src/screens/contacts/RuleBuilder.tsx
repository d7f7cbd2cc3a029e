// The segment rule builder: match all/any, rules of every kind, nested
// groups. Each rule offers only the operators the engine allows for it
// (SegmentOperators per field type) and shows the engine's refusal next
// to itself.
import { useId } from 'react';
import { RefCombobox } from '../../components/RefCombobox';
import { CircleAlert, FolderPlus, Plus, Trash2, X } from 'lucide-react';
import { PROP_OPERATORS, STAGES, TEMPERATURES, type ContactFieldType, type FieldDef, type RuleKind } from '../../api/contacts';
import { useT } from '../../i18n/useT';
import { useContactFields } from '../../stores/contactsFields';
import {
  DAYS_OPS,
  LIST_VALUE_OPS,
  NO_VALUE_OPS,
  RULE_KINDS,
  newRule,
  operatorsKey,
  useSegments,
  type DraftGroup,
  type DraftRule,
} from '../../stores/contactsSegments';
import { useContactsTable } from '../../stores/contactsTable';
import { eventLabel, fieldLabel, kindLabel, opLabel, segmentProblem, stageLabel, temperatureLabel } from './labels';

/** MAX_DEPTH mirrors the engine's limit on nested groups. */
const MAX_DEPTH = 5;

export function RuleBuilder() {
  const root = useSegments((s) => s.draft?.root);
  if (!root) return null;
  return (
    <div className="fp-ct-rules" data-testid="rule-builder">
      <GroupView group={root} depth={0} />
    </div>
  );
}

function useRuleContext() {
  const fields = useContactFields((s) => s.fields);
  const lookups = useContactsTable((s) => s.lookups);
  const operators = useSegments((s) => s.operators);
  return { fields, lists: lookups.lists, tags: lookups.tags, events: lookups.event_types, operators };
}

function GroupView({ group, depth }: { group: DraftGroup; depth: number }) {
  const { t } = useT();
  const ctx = useRuleContext();
  const error = useSegments((s) => s.live.groupErrors[group.id]);
  const seg = useSegments.getState;
  const joiner = t(group.match === 'all' ? 'contacts.seg.and' : 'contacts.seg.or');
  const empty = group.rules.length + group.groups.length === 0;
  return (
    <div className={`fp-ct-group ${depth > 0 ? 'is-nested' : ''}`} data-testid={depth === 0 ? 'group-root' : 'group-nested'} data-group={group.id}>
      <div className="fp-ct-group-head">
        <span>{t(depth === 0 ? 'contacts.seg.matchPrefix' : 'contacts.seg.groupPrefix')}</span>
        <select
          className="fp-input fp-ct-match"
          value={group.match}
          onChange={(e) => seg().setMatch(group.id, e.target.value === 'any' ? 'any' : 'all')}
          aria-label={t('contacts.seg.matchLabel')}
          data-testid="group-match"
        >
          <option value="all">{t('contacts.seg.match.all')}</option>
          <option value="any">{t('contacts.seg.match.any')}</option>
        </select>
        <span>{t('contacts.seg.matchSuffix')}</span>
        {depth > 0 && (
          <button type="button" className="fp-icon-btn fp-ct-push" onClick={() => seg().removeGroup(group.id)} aria-label={t('contacts.seg.removeGroup')} title={t('contacts.seg.removeGroup')}>
            <X size={15} />
          </button>
        )}
      </div>
      {error && (
        <p className="fp-field-error" role="alert" data-testid="group-error">
          <CircleAlert size={12} aria-hidden="true" /> {segmentProblem(t, error)}
        </p>
      )}
      {empty && <p className="fp-muted fp-small fp-ct-group-empty">{t(depth === 0 ? 'contacts.seg.everyone' : 'contacts.seg.groupEmpty')}</p>}
      <ul className="fp-ct-rule-list">
        {group.rules.map((r, i) => (
          <li key={r.id}>
            {i > 0 && <span className="fp-ct-joiner">{joiner}</span>}
            <RuleRow rule={r} />
          </li>
        ))}
        {group.groups.map((g, i) => (
          <li key={g.id}>
            {(group.rules.length > 0 || i > 0) && <span className="fp-ct-joiner">{joiner}</span>}
            <GroupView group={g} depth={depth + 1} />
          </li>
        ))}
      </ul>
      <div className="fp-row fp-ct-group-add">
        <label className="fp-ct-addrule">
          <Plus size={14} aria-hidden="true" />
          <select
            className="fp-input"
            value=""
            aria-label={t('contacts.seg.addRule')}
            data-testid="add-rule"
            onChange={(e) => {
              const kind = e.target.value as RuleKind;
              if (!kind) return;
              seg().addRule(group.id, newRule(kind, ctx));
            }}
          >
            <option value="">{t('contacts.seg.addRule')}</option>
            {RULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
        </label>
        {depth < MAX_DEPTH && (
          <button type="button" className="fp-btn fp-btn-ghost fp-btn-small" onClick={() => seg().addGroup(group.id)} data-testid="add-group">
            <FolderPlus size={14} aria-hidden="true" />
            {t('contacts.seg.addGroup')}
          </button>
        )}
      </div>
    </div>
  );
}

function opsFor(operators: Record<string, string[]>, kind: RuleKind, type: ContactFieldType | '', current: string): string[] {
  const ops = operators[operatorsKey(kind, type)] ?? [];
  return ops.includes(current) || !current ? ops : [current, ...ops];
}

function RuleRow({ rule }: { rule: DraftRule }) {
  const ruleDomId = useId();
  const { t } = useT();
  const ctx = useRuleContext();
  const error = useSegments((s) => s.live.ruleErrors[rule.id]);
  const seg = useSegments.getState;
  const update = (patch: Partial<Omit<DraftRule, 'id'>>) => seg().updateRule(rule.id, patch);
  const ruleFields = ctx.fields;
  const def = rule.kind === 'field' ? ruleFields.find((f) => f.name === rule.field) : undefined;
  const type: ContactFieldType | '' = rule.kind === 'field' ? (def?.type ?? 'text') : '';
  const ops = opsFor(ctx.operators, rule.kind, type, rule.op);

  const opSelect = (
    <select className="fp-input fp-ct-op" value={rule.op} onChange={(e) => update({ op: e.target.value })} aria-label={t('contacts.seg.operator')} data-testid="rule-op">
      {ops.map((o) => (
        <option key={o} value={o}>
          {opLabel(t, rule.kind, o)}
        </option>
      ))}
    </select>
  );

  return (
    <div className={`fp-ct-rule ${error ? 'has-error' : ''}`} data-testid="rule" data-kind={rule.kind} data-rule={rule.id}>
      <div className="fp-ct-rule-line">
        <select
          className="fp-input fp-ct-kind"
          value={rule.kind}
          aria-label={t('contacts.seg.kind')}
          onChange={(e) => {
            const { id: _fresh, ...fresh } = newRule(e.target.value as RuleKind, ctx);
            seg().updateRule(rule.id, fresh);
          }}
          data-testid="rule-kind"
        >
          {RULE_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(t, k)}
            </option>
          ))}
        </select>

        {rule.kind === 'field' && (
          <>
            <select
              className="fp-input fp-ct-fieldsel"
              value={rule.field}
              aria-label={t('contacts.seg.field')}
              data-testid="rule-field"
              onChange={(e) => {
                const next = ruleFields.find((f) => f.name === e.target.value);
                const nextOps = ctx.operators[operatorsKey('field', next?.type ?? 'text')] ?? [];
                const typeChanged = (next?.type ?? 'text') !== type;
                update({
                  field: e.target.value,
                  op: nextOps.includes(rule.op) ? rule.op : (nextOps[0] ?? rule.op),
                  value: typeChanged ? '' : rule.value,
                });
              }}
            >
              {!def && <option value={rule.field}>{rule.field}</option>}
              {ruleFields.map((f) => (
                <option key={f.name} value={f.name}>
                  {fieldLabel(t, f.name, ruleFields)}
                </option>
              ))}
            </select>
            {opSelect}
            <FieldValue rule={rule} def={def} onChange={(value) => update({ value })} />
          </>
        )}

        {rule.kind === 'list' && (
          <>
            {opSelect}
            <select className="fp-input" value={rule.value} onChange={(e) => update({ value: e.target.value })} aria-label={t('contacts.seg.list')} data-testid="rule-value">
              {!ctx.lists.includes(rule.value) && <option value={rule.value}>{rule.value || t('contacts.seg.pickList')}</option>}
              {ctx.lists.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </>
        )}

        {rule.kind === 'tag' && (
          <>
            {opSelect}
            <RefCombobox
              kind="tag"
              id={`rule-tag-${ruleDomId}`}
              value={rule.value}
              onChange={(v) => update({ value: v ?? '' })}
              freeText
              placeholder={t('contacts.seg.tagPlaceholder')}
              ariaLabel={t('contacts.seg.tag')}
              inputTestId="rule-value"
            />
          </>
        )}

        {rule.kind === 'score' && (
          <>
            {opSelect}
            <input
              className="fp-input fp-input-number"
              type="number"
              value={rule.value}
              onChange={(e) => update({ value: e.target.value })}
              aria-label={t('contacts.seg.value')}
              data-testid="rule-value"
            />
            <span className="fp-unit">{t('contacts.seg.points')}</span>
          </>
        )}

        {(rule.kind === 'stage' || rule.kind === 'temperature') && (
          <>
            {opSelect}
            <RankValue rule={rule} onChange={(value) => update({ value })} />
          </>
        )}

        {rule.kind === 'event' && (
          <>
            {opSelect}
            <EventPicker value={rule.event} events={ctx.events} onChange={(event) => update({ event })} />
          </>
        )}

        <button type="button" className="fp-icon-btn fp-ct-push" onClick={() => seg().removeRule(rule.id)} aria-label={t('contacts.seg.removeRule')} title={t('contacts.seg.removeRule')} data-testid="remove-rule">
          <Trash2 size={15} />
        </button>
      </div>

      {rule.kind === 'event' && <EventDetails rule={rule} />}

      {error && (
        <p className="fp-field-error" role="alert" data-testid="rule-error">
          <CircleAlert size={12} aria-hidden="true" /> {segmentProblem(t, error)}
        </p>
      )}
    </div>
  );
}

function FieldValue({ rule, def, onChange }: { rule: DraftRule; def: FieldDef | undefined; onChange: (v: string) => void }) {
  const { t } = useT();
  const type = def?.type ?? 'text';
  const common = { className: 'fp-input fp-ct-value', 'aria-label': t('contacts.seg.value'), 'data-testid': 'rule-value' };
  if (NO_VALUE_OPS.has(rule.op)) return null;
  if (DAYS_OPS.has(rule.op)) {
    return (
      <>
        <input {...common} className="fp-input fp-input-number" type="number" min={0} value={rule.value} onChange={(e) => onChange(e.target.value)} />
        <span className="fp-unit">{t(rule.op === 'more_than_days_ago' ? 'contacts.seg.daysAgo' : 'contacts.seg.days')}</span>
      </>
    );
  }
  if (type === 'boolean') {
    return (
      <select {...common} value={rule.value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('common.choose')}</option>
        <option value="true">{t('common.yes')}</option>
        <option value="false">{t('common.no')}</option>
      </select>
    );
  }
  if (type === 'choice' && !LIST_VALUE_OPS.has(rule.op) && (rule.op === 'equals' || rule.op === 'not_equals')) {
    return (
      <select {...common} value={rule.value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('common.choose')}</option>
        {(def?.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  if (type === 'date' || type === 'datetime') {
    return <input {...common} type="date" value={rule.value} onChange={(e) => onChange(e.target.value)} />;
  }
  if (type === 'number') {
    return <input {...common} type="number" value={rule.value} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <input
      {...common}
      type="text"
      value={rule.value}
      placeholder={LIST_VALUE_OPS.has(rule.op) ? t('contacts.seg.valuesPlaceholder') : t('contacts.seg.valuePlaceholder')}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function RankValue({ rule, onChange }: { rule: DraftRule; onChange: (v: string) => void }) {
  const { t } = useT();
  const values: readonly string[] = rule.kind === 'stage' ? STAGES : TEMPERATURES;
  const label = (v: string) => (rule.kind === 'stage' ? stageLabel(t, v) : temperatureLabel(t, v));
  if (LIST_VALUE_OPS.has(rule.op)) {
    const chosen = rule.value
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    return (
      <span className="fp-ct-multi" role="group" aria-label={t('contacts.seg.value')}>
        {values.map((v) => (
          <label key={v} className={`fp-ct-toggle ${chosen.includes(v) ? 'is-on' : ''}`}>
            <input
              type="checkbox"
              checked={chosen.includes(v)}
              onChange={(e) => {
                const next = e.target.checked ? [...chosen, v] : chosen.filter((x) => x !== v);
                onChange(values.filter((x) => next.includes(x)).join(','));
              }}
            />
            {label(v)}
          </label>
        ))}
      </span>
    );
  }
  return (
    <select className="fp-input" value={rule.value} onChange={(e) => onChange(e.target.value)} aria-label={t('contacts.seg.value')} data-testid="rule-value">
      {!values.includes(rule.value) && <option value={rule.value}>{rule.value || t('common.choose')}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {label(v)}
        </option>
      ))}
    </select>
  );
}

/** EventPicker offers the known event types by name, and takes any other type typed in. */
export function EventPicker({ value, events, onChange, testId = 'rule-event' }: { value: string; events: string[]; onChange: (v: string) => void; testId?: string }) {
  const { t } = useT();
  const known = events.includes(value);
  return (
    <select className="fp-input fp-ct-event" value={known ? value : '__custom__'} onChange={(e) => onChange(e.target.value === '__custom__' ? '' : e.target.value)} aria-label={t('contacts.seg.event')} data-testid={testId}>
      {events.map((ev) => (
        <option key={ev} value={ev}>
          {eventLabel(t, ev)}
        </option>
      ))}
      <option value="__custom__">{known ? t('contacts.seg.otherEvent') : value ? t('contacts.seg.customEvent', { name: value }) : t('contacts.seg.otherEvent')}</option>
    </select>
  );
}

function EventDetails({ rule }: { rule: DraftRule }) {
  const { t } = useT();
  const events = useContactsTable((s) => s.lookups.event_types);
  const seg = useSegments.getState;
  const update = (patch: Partial<Omit<DraftRule, 'id'>>) => seg().updateRule(rule.id, patch);
  const custom = !events.includes(rule.event);
  return (
    <div className="fp-ct-event-details">
      {custom && (
        <label className="fp-row">
          <span className="fp-unit">{t('contacts.seg.eventName')}</span>
          <input className="fp-input fp-ct-value" value={rule.event} onChange={(e) => update({ event: e.target.value })} placeholder="webinar_attended" data-testid="rule-event-name" />
        </label>
      )}
      <div className="fp-row fp-ct-wrap">
        <span className="fp-unit">{t('contacts.seg.atLeast')}</span>
        <input
          className="fp-input fp-input-number fp-ct-small-num"
          type="number"
          min={1}
          value={rule.times}
          onChange={(e) => update({ times: Math.max(1, Math.floor(Number(e.target.value) || 1)) })}
          aria-label={t('contacts.seg.times')}
          data-testid="rule-times"
        />
        <span className="fp-unit">{t('contacts.seg.times')}</span>
        <select
          className="fp-input fp-ct-when"
          value={rule.days > 0 ? 'last' : 'ever'}
          onChange={(e) => update({ days: e.target.value === 'ever' ? 0 : rule.days || 30 })}
          aria-label={t('contacts.seg.when')}
          data-testid="rule-when"
        >
          <option value="ever">{t('contacts.seg.ever')}</option>
          <option value="last">{t('contacts.seg.inLast')}</option>
        </select>
        {rule.days > 0 && (
          <>
            <input
              className="fp-input fp-input-number fp-ct-small-num"
              type="number"
              min={1}
              value={rule.days}
              onChange={(e) => update({ days: Math.max(1, Math.floor(Number(e.target.value) || 1)) })}
              aria-label={t('contacts.seg.days')}
              data-testid="rule-days"
            />
            <span className="fp-unit">{t('contacts.seg.days')}</span>
          </>
        )}
      </div>
      {rule.filters.map((f) => (
        <div key={f.id} className="fp-row fp-ct-wrap fp-ct-filterrow" data-testid="rule-filter">
          <span className="fp-unit">{t('contacts.seg.where')}</span>
          <input
            className="fp-input fp-ct-key"
            value={f.key}
            placeholder={t('contacts.seg.propKey')}
            onChange={(e) => seg().updateFilter(rule.id, f.id, { key: e.target.value })}
            aria-label={t('contacts.seg.propKeyLabel')}
          />
          <select className="fp-input fp-ct-op" value={f.op} onChange={(e) => seg().updateFilter(rule.id, f.id, { op: e.target.value })} aria-label={t('contacts.seg.operator')}>
            {PROP_OPERATORS.map((o) => (
              <option key={o} value={o}>
                {opLabel(t, 'prop', o)}
              </option>
            ))}
          </select>
          {f.op !== 'exists' && (
            <input
              className="fp-input fp-ct-value"
              value={f.value}
              placeholder={t('contacts.seg.propValue')}
              onChange={(e) => seg().updateFilter(rule.id, f.id, { value: e.target.value })}
              aria-label={t('contacts.seg.propValueLabel')}
            />
          )}
          <button type="button" className="fp-icon-btn" onClick={() => seg().removeFilter(rule.id, f.id)} aria-label={t('contacts.seg.removeFilter')}>
            <X size={14} />
          </button>
        </div>
      ))}
      <button type="button" className="fp-btn fp-btn-ghost fp-btn-small" onClick={() => seg().addFilter(rule.id)} data-testid="add-filter">
        <Plus size={13} aria-hidden="true" />
        {t('contacts.seg.addFilter')}
      </button>
    </div>
  );
}
