// The settings of a run: which funnel, who the contacts are (a ready
// audience or the workspace's own contacts), how many, for how long, how
// arrivals spread, the seed, and how many paths to keep for "why". Run
// shows the engine's progress, with Cancel.
import { Dices, Play, Square } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { PRESETS, type Preset } from '../../api/simulation';
import type { FlowInfo } from '../../api/types';
import { useSimName } from '../../i18n/simNames';
import { useT } from '../../i18n/useT';
import { useSimulation } from '../../stores/simulation';
import { DAY_CHOICES, LIMITS, type Audience, type FieldError, type FormField } from '../../stores/simulationModel';
import { fmtInt, fmtSeconds } from './format';
import { WebsiteVisits } from './WebsiteVisits';

/** N_STEPS are the slider's stops for the number of contacts. */
export const N_STEPS = [100, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000];

/** nearestStep is the slider stop closest to n (on a log scale). */
export function nearestStep(n: number): number {
  let best = 0;
  for (let i = 1; i < N_STEPS.length; i++) {
    if (Math.abs(Math.log(N_STEPS[i]!) - Math.log(Math.max(1, n))) < Math.abs(Math.log(N_STEPS[best]!) - Math.log(Math.max(1, n)))) best = i;
  }
  return best;
}

const AUDIENCES: Audience[] = [...PRESETS, 'real'];

function num(v: string): number {
  return v.trim() === '' ? Number.NaN : Number(v);
}

export function SettingsPanel({ flows }: { flows: FlowInfo[] }) {
  const { lang, t } = useT();
  const sn = useSimName();
  const form = useSimulation((s) => s.form);
  const errors = useSimulation((s) => s.errors);
  const showErrors = useSimulation((s) => s.showErrors);
  const status = useSimulation((s) => s.status);
  const running = useSimulation((s) => s.running);
  const progress = useSimulation((s) => s.progress);
  const cancelling = useSimulation((s) => s.cancelling);
  const cancelled = useSimulation((s) => s.cancelled);
  const elapsedMs = useSimulation((s) => s.elapsedMs);
  const request = useSimulation((s) => s.request);
  const realCount = useSimulation((s) => s.realCount);
  const { setForm, run, cancel, newSeed } = useSimulation.getState();
  const usable = flows.filter((f) => !f.error);
  const err = (f: FormField): FieldError | undefined => (showErrors || (f !== 'flowId' && errors[f]) ? errors[f] : undefined);

  return (
    <aside className="fp-sim-settings" aria-label={t('sim.settings.title')} data-testid="sim-settings">
      <h2>{t('sim.settings.title')}</h2>
      <p className="fp-sim-hint">{t('sim.settings.hint')}</p>

      <Field label={t('sim.field.flow')} error={err('flowId')}>
        {(id) => (
          <select id={id} value={form.flowId} onChange={(e) => setForm({ flowId: e.target.value })} data-testid="sim-flow">
            {usable.length === 0 && <option value="">{t('sim.field.flow.none')}</option>}
            {usable.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        )}
      </Field>

      <fieldset className="fp-sim-audiences">
        <legend>{t('sim.field.audience')}</legend>
        {AUDIENCES.map((a) => (
          <label key={a} className={`fp-sim-audience ${form.audience === a ? 'is-on' : ''}`} data-testid={`sim-audience-${a}`}>
            <input type="radio" name="sim-audience" value={a} checked={form.audience === a} onChange={() => setForm({ audience: a })} />
            <span className="fp-sim-audience-text">
              <strong>{sn.audience(a)}</strong>
              <span>{sn.help(a)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {form.audience !== 'real' && <WebsiteVisits preset={form.audience} />}
      {form.audience === 'real' && (
        <Field label={t('sim.field.behaviour')} hint={t('sim.field.behaviour.hint')}>
          {(id) => (
            <select id={id} value={form.behaviour} onChange={(e) => setForm({ behaviour: e.target.value as Preset })} data-testid="sim-behaviour">
              {PRESETS.map((p) => (
                <option key={p} value={p}>
                  {sn.audience(p)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      <Field
        label={form.audience === 'real' ? t('sim.field.nReal') : t('sim.field.n')}
        hint={form.audience === 'real' && realCount !== null ? t('sim.field.realCount', { n: fmtInt(realCount, lang) }) : undefined}
        error={err('n')}
      >
        {(id) => (
          <div className="fp-sim-n">
            <input
              type="range"
              min={0}
              max={N_STEPS.length - 1}
              step={1}
              value={nearestStep(form.n)}
              onChange={(e) => setForm({ n: N_STEPS[Number(e.target.value)]! })}
              aria-label={t('sim.field.nSlider')}
              aria-valuetext={fmtInt(form.n, lang)}
              data-testid="sim-n-slider"
            />
            <input
              id={id}
              type="number"
              min={LIMITS.n.min}
              max={LIMITS.n.max}
              step={1}
              value={Number.isNaN(form.n) ? '' : form.n}
              onChange={(e) => setForm({ n: num(e.target.value) })}
              data-testid="sim-n"
            />
          </div>
        )}
      </Field>

      <Field label={t('sim.field.days')} error={err('days')}>
        {(id) => (
          <div className="fp-sim-days">
            {DAY_CHOICES.map((d) => (
              <button
                key={d}
                type="button"
                className={`fp-btn fp-btn-small ${form.days === d ? 'is-on' : ''}`}
                aria-pressed={form.days === d}
                onClick={() => setForm({ days: d })}
                data-testid={`sim-days-${d}`}
              >
                {t('sim.field.daysN', { n: d })}
              </button>
            ))}
            <input
              id={id}
              type="number"
              min={LIMITS.days.min}
              max={LIMITS.days.max}
              value={Number.isNaN(form.days) ? '' : form.days}
              onChange={(e) => setForm({ days: num(e.target.value) })}
              aria-label={t('sim.field.days')}
              data-testid="sim-days"
            />
          </div>
        )}
      </Field>

      <Field label={t('sim.field.arrival')} hint={t('sim.field.arrival.hint')} error={err('arrivalDays')}>
        {(id) => (
          <input
            id={id}
            type="number"
            min={LIMITS.arrivalDays.min}
            max={LIMITS.arrivalDays.max}
            value={Number.isNaN(form.arrivalDays) ? '' : form.arrivalDays}
            onChange={(e) => setForm({ arrivalDays: num(e.target.value) })}
            data-testid="sim-arrival"
          />
        )}
      </Field>

      <Field label={t('sim.field.seed')} hint={t('sim.field.seed.hint')} error={err('seed')}>
        {(id) => (
          <div className="fp-sim-seed">
            <input
              id={id}
              type="number"
              min={0}
              value={Number.isNaN(form.seed) ? '' : form.seed}
              onChange={(e) => setForm({ seed: num(e.target.value) })}
              data-testid="sim-seed"
            />
            <button type="button" className="fp-btn fp-btn-small" onClick={newSeed} data-testid="sim-new-seed">
              <Dices size={14} aria-hidden="true" />
              {t('sim.field.newSeed')}
            </button>
          </div>
        )}
      </Field>

      <Field label={t('sim.field.journeys')} hint={t('sim.field.journeys.hint')} error={err('journeys')}>
        {(id) => (
          <input
            id={id}
            type="number"
            min={LIMITS.journeys.min}
            max={LIMITS.journeys.max}
            value={Number.isNaN(form.journeys) ? '' : form.journeys}
            onChange={(e) => setForm({ journeys: num(e.target.value) })}
            data-testid="sim-journeys"
          />
        )}
      </Field>

      <div className="fp-sim-run">
        {running ? (
          <>
            <div
              className="fp-sim-progress"
              role="progressbar"
              aria-label={t(running === 'compare' ? 'sim.progress.compare' : 'sim.progress.label')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(progress * 100)}
              data-testid="sim-progress"
            >
              <div className="fp-sim-progress-bar" style={{ width: `${Math.round(progress * 100)}%` }} />
            </div>
            <div className="fp-sim-run-row">
              <span className="fp-sim-hint">
                {cancelling ? t('sim.progress.cancelling') : t('sim.progress.percent', { n: Math.round(progress * 100) })}
              </span>
              <button type="button" className="fp-btn" onClick={() => void cancel()} disabled={cancelling} data-testid="sim-cancel">
                <Square size={14} aria-hidden="true" />
                {t('common.cancel')}
              </button>
            </div>
          </>
        ) : (
          <button type="button" className="fp-btn fp-btn-primary fp-sim-run-btn" onClick={() => void run()} data-testid="sim-run">
            <Play size={16} aria-hidden="true" />
            {t('sim.run')}
          </button>
        )}
        {!running && cancelled && <p className="fp-sim-hint" data-testid="sim-cancelled">{t('sim.progress.cancelled')}</p>}
        {!running && status === 'done' && elapsedMs !== null && request && !cancelled && (
          <p className="fp-sim-hint" data-testid="sim-elapsed">
            {t('sim.progress.took', { n: fmtInt(request.n, lang), time: fmtSeconds(elapsedMs, lang) })}
          </p>
        )}
      </div>
    </aside>
  );
}

function Field({ label, hint, error, children }: { label: string; hint?: string | undefined; error?: FieldError | undefined; children: (id: string) => ReactNode }) {
  const { lang, t } = useT();
  const id = useId();
  const vars = error?.vars && Object.fromEntries(Object.entries(error.vars).map(([k, v]) => [k, typeof v === 'number' ? fmtInt(v, lang) : v]));
  return (
    <div className={`fp-sim-field ${error ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {error ? <p className="fp-field-error">{t(error.key, vars)}</p> : hint ? <p className="fp-sim-hint">{hint}</p> : null}
    </div>
  );
}
