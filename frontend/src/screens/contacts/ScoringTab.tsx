// Lead scoring in one place: the warm and hot thresholds, the rules that
// give points for what contacts do (each with optional conditions on the
// event's details, on or off), how old points fade, a simulated preview of
// who would cross the thresholds in 30 days, and the "when a lead gets
// hot" recipe. Saving recomputes every score and says how many changed.
import { CircleAlert, Plus, RefreshCw, Trash2, X } from 'lucide-react';
import { useEffect } from 'react';
import { PROP_OPERATORS, type PropFilter } from '../../api/contacts';
import { useT } from '../../i18n/useT';
import { decayMode, thresholdError, useScoring, withDecayMode, type DecayMode, type EditRule } from '../../stores/contactsScoring';
import { useContactsTable } from '../../stores/contactsTable';
import { formatNumber, opLabel } from './labels';
import { EventPicker } from './RuleBuilder';
import { HotLeadRecipeCard, ScoringPreviewCard, ThresholdsCard } from './ScoringParts';

export function ScoringTab() {
  const { t, lang } = useT();
  const rules = useScoring((s) => s.rules);
  const decay = useScoring((s) => s.decay);
  const status = useScoring((s) => s.status);
  const dirty = useScoring((s) => s.dirty);
  const saving = useScoring((s) => s.saving);
  const error = useScoring((s) => s.error);
  const errorRule = useScoring((s) => s.errorRule);
  const result = useScoring((s) => s.result);
  const thresholds = useScoring((s) => s.thresholds);
  const sc = useScoring.getState;
  const mode = decayMode(decay);

  useEffect(() => {
    if (!useScoring.getState().dirty) void useScoring.getState().load();
  }, []);

  const modes: DecayMode[] = ['none', 'step', 'half_life'];
  return (
    <div className="fp-ct-scrollpane">
      <div className="fp-ct-scoring">
        <div className="fp-ct-pagehead">
          <div>
            <h2>{t('contacts.scoring.title')}</h2>
            <p className="fp-muted">{t('contacts.scoring.help')}</p>
          </div>
        </div>

        <ThresholdsCard />

        <section className="fp-ct-card">
          <h3>{t('contacts.scoring.rules')}</h3>
          {status === 'ready' && rules.length === 0 && <p className="fp-muted">{t('contacts.scoring.empty')}</p>}
          <ul className="fp-ct-scorerules">
            {rules.map((r) => (
              <ScoreRuleRow key={r.key} rule={r} error={errorRule === r.key ? error : null} />
            ))}
          </ul>
          <button type="button" className="fp-btn fp-btn-small" onClick={() => sc().addRule()} data-testid="add-score-rule">
            <Plus size={14} aria-hidden="true" />
            {t('contacts.scoring.add')}
          </button>
        </section>

        <section className="fp-ct-card">
          <h3>{t('contacts.scoring.decay')}</h3>
          <p className="fp-muted fp-small">{t('contacts.scoring.decayHelp')}</p>
          <fieldset className="fp-ct-decay">
            <legend className="fp-ct-sr">{t('contacts.scoring.decay')}</legend>
            {modes.map((m) => (
              <label key={m} className="fp-ct-radio">
                <input type="radio" name="ct-decay" checked={mode === m} onChange={() => sc().setDecay(withDecayMode(decay, m))} data-testid={`decay-${m}`} />
                <span className="fp-row fp-ct-wrap">
                  {m === 'none' && t('contacts.scoring.decay.none')}
                  {m === 'step' && (
                    <>
                      {t('contacts.scoring.decay.lose')}
                      <input
                        className="fp-input fp-input-number fp-ct-small-num"
                        type="number"
                        min={0}
                        max={100}
                        disabled={mode !== 'step'}
                        value={mode === 'step' ? decay.percent : ''}
                        onChange={(e) => sc().setDecay({ ...decay, percent: Number(e.target.value) })}
                        aria-label={t('contacts.scoring.decay.percent')}
                      />
                      {t('contacts.scoring.decay.percentEvery')}
                      <input
                        className="fp-input fp-input-number fp-ct-small-num"
                        type="number"
                        min={1}
                        disabled={mode !== 'step'}
                        value={mode === 'step' ? decay.every_days : ''}
                        onChange={(e) => sc().setDecay({ ...decay, every_days: Number(e.target.value) })}
                        aria-label={t('contacts.scoring.decay.everyDays')}
                      />
                      {t('contacts.seg.days')}
                    </>
                  )}
                  {m === 'half_life' && (
                    <>
                      {t('contacts.scoring.decay.halve')}
                      <input
                        className="fp-input fp-input-number fp-ct-small-num"
                        type="number"
                        min={1}
                        disabled={mode !== 'half_life'}
                        value={mode === 'half_life' ? decay.half_life_days : ''}
                        onChange={(e) => sc().setDecay({ ...decay, half_life_days: Number(e.target.value) })}
                        aria-label={t('contacts.scoring.decay.halfLife')}
                      />
                      {t('contacts.seg.days')}
                    </>
                  )}
                </span>
              </label>
            ))}
          </fieldset>
        </section>

        <ScoringPreviewCard />

        <HotLeadRecipeCard />

        <div className="fp-ct-savebar">
          {error && !errorRule && (
            <p className="fp-field-error" role="alert" data-testid="scoring-error">
              {t('contacts.scoring.refused', { message: error })}
            </p>
          )}
          {result && (
            <p className="fp-ct-note is-success" role="status" data-testid="scoring-result">
              {t('contacts.scoring.result', {
                contacts: formatNumber(result.contacts, lang),
                changed: formatNumber(result.changed, lang),
                temps: formatNumber(result.temperature_changes, lang),
              })}
            </p>
          )}
          <span className="fp-spacer" />
          {dirty && <span className="fp-status is-dirty">{t('contacts.seg.unsaved')}</span>}
          <button type="button" className="fp-btn fp-btn-primary" onClick={() => void sc().save()} disabled={saving || thresholdError(thresholds) !== null} data-testid="scoring-save">
            <RefreshCw size={14} className={saving ? 'fp-spin' : ''} aria-hidden="true" />
            {saving ? t('contacts.scoring.saving') : t('contacts.scoring.save')}
          </button>
        </div>
      </div>
    </div>
  );
}

function ScoreRuleRow({ rule, error }: { rule: EditRule; error: string | null }) {
  const { t } = useT();
  const events = useContactsTable((s) => s.lookups.event_types);
  const sc = useScoring.getState;
  const update = (patch: Partial<Omit<EditRule, 'key'>>) => sc().updateRule(rule.key, patch);
  const setFilter = (i: number, patch: Partial<PropFilter>) => update({ filters: rule.filters.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  const known = events.includes(rule.event);
  return (
    <li className={`fp-ct-scorerule ${rule.enabled ? '' : 'is-off'} ${error ? 'has-error' : ''}`} data-testid="score-rule">
      <div className="fp-row fp-ct-wrap">
        <label className="fp-ct-switch" title={t('contacts.scoring.enabled')}>
          <input type="checkbox" checked={rule.enabled} onChange={(e) => update({ enabled: e.target.checked })} data-testid="score-rule-enabled" />
          <span className="fp-ct-sr">{t('contacts.scoring.enabled')}</span>
        </label>
        <input
          className="fp-input fp-ct-rulename"
          value={rule.name}
          placeholder={t('contacts.scoring.namePlaceholder')}
          aria-label={t('contacts.scoring.name')}
          onChange={(e) => update({ name: e.target.value })}
          data-testid="score-rule-name"
        />
        <span className="fp-unit">{t('contacts.scoring.when')}</span>
        <EventPicker value={rule.event} events={events} onChange={(event) => update({ event })} testId="score-rule-event" />
        {!known && (
          <input className="fp-input fp-ct-value" value={rule.event} placeholder="webinar_attended" onChange={(e) => update({ event: e.target.value })} aria-label={t('contacts.seg.eventName')} />
        )}
        <span className="fp-unit">→</span>
        <input
          className="fp-input fp-input-number fp-ct-small-num"
          type="number"
          value={rule.points}
          onChange={(e) => update({ points: Number(e.target.value) })}
          aria-label={t('contacts.scoring.points')}
          data-testid="score-rule-points"
        />
        <span className="fp-unit">{t('contacts.scoring.points')}</span>
        <button type="button" className="fp-icon-btn fp-ct-push" onClick={() => sc().removeRule(rule.key)} aria-label={t('contacts.scoring.remove')} title={t('contacts.scoring.remove')}>
          <Trash2 size={15} />
        </button>
      </div>
      {rule.filters.map((f, i) => (
        <div key={i} className="fp-row fp-ct-wrap fp-ct-filterrow">
          <span className="fp-unit">{t('contacts.seg.where')}</span>
          <input className="fp-input fp-ct-key" value={f.key} placeholder={t('contacts.seg.propKey')} onChange={(e) => setFilter(i, { key: e.target.value })} aria-label={t('contacts.seg.propKeyLabel')} />
          <select className="fp-input fp-ct-op" value={f.op || 'equals'} onChange={(e) => setFilter(i, { op: e.target.value })} aria-label={t('contacts.seg.operator')}>
            {PROP_OPERATORS.map((o) => (
              <option key={o} value={o}>
                {opLabel(t, 'prop', o)}
              </option>
            ))}
          </select>
          {f.op !== 'exists' && (
            <input className="fp-input fp-ct-value" value={f.value ?? ''} placeholder={t('contacts.seg.propValue')} onChange={(e) => setFilter(i, { value: e.target.value })} aria-label={t('contacts.seg.propValueLabel')} />
          )}
          <button type="button" className="fp-icon-btn" onClick={() => update({ filters: rule.filters.filter((_, j) => j !== i) })} aria-label={t('contacts.seg.removeFilter')}>
            <X size={14} />
          </button>
        </div>
      ))}
      <button type="button" className="fp-btn fp-btn-ghost fp-btn-small" onClick={() => update({ filters: [...rule.filters, { key: '', op: 'equals', value: '' }] })}>
        <Plus size={13} aria-hidden="true" />
        {t('contacts.seg.addFilter')}
      </button>
      {error && (
        <p className="fp-field-error" role="alert">
          <CircleAlert size={12} aria-hidden="true" /> {error}
        </p>
      )}
    </li>
  );
}
