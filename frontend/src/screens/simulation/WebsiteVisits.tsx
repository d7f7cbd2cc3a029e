// How a built-in audience's personas visit the website, and the editor of
// it: for each persona, how often they come back (visits a week), how many
// pages a visit, and how long they read a page (seconds, from and to). The
// simulated visits send what the website code sends (page visited, left a
// page with the seconds read), so "30 s or more on the pricing page" and
// "3 visits in 7 days" match in a run. Edits are kept per audience until
// "Back to the audience's figures".
import { useEffect, useState } from 'react';
import { simulationApi, type PersonaVisits, type Preset } from '../../api/simulation';
import { engineText } from '../../api/engineText';
import { useT } from '../../i18n/useT';
import { useSimulation } from '../../stores/simulation';
import { visitProblem } from '../../stores/simulationModel';

export function WebsiteVisits({ preset }: { preset: Preset }) {
  const { lang, t } = useT();
  const edited = useSimulation((s) => s.form.visits?.[preset]);
  const visits = useSimulation((s) => s.form.visits);
  const { setForm } = useSimulation.getState();
  const [base, setBase] = useState<PersonaVisits[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setBase(null);
    setFailed(false);
    simulationApi()
      .personaVisits(preset)
      .then((v) => live && setBase(v))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [preset]);

  const rows = edited ?? base ?? [];
  const change = (i: number, patch: Partial<PersonaVisits>) => {
    const next = rows.map((r, j) => (j === i ? { ...r, ...patch } : r));
    setForm({ visits: { ...visits, [preset]: next } });
  };
  const reset = () => {
    const rest = { ...visits };
    delete rest[preset];
    setForm({ visits: rest });
  };
  const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  const cell = (value: number, label: string, onChange: (v: number) => void, testId: string, step = 1) => (
    <input type="number" className="fp-sim-visits-input" min={0} step={step} value={Number.isNaN(value) ? '' : value} aria-label={label} onChange={(e) => onChange(num(e.target.value))} data-testid={testId} />
  );

  return (
    <details className="fp-sim-visits" data-testid="sim-visits">
      <summary>{t('sim.visits.title')}</summary>
      <p className="fp-sim-hint">{t('sim.visits.hint')}</p>
      {failed && <p className="fp-field-error">{t('sim.visits.loadFailed')}</p>}
      {rows.map((r, i) => {
        const name = engineText(r.name, lang, r.persona);
        return (
          <fieldset key={r.persona} className={`fp-sim-visits-persona ${visitProblem(r) ? 'has-error' : ''}`} data-testid="sim-visits-row">
            <legend>{name}</legend>
            <label>
              <span>{t('sim.visits.perWeek')}</span>
              {cell(r.visits_per_week, t('sim.visits.perWeekOf', { name }), (v) => change(i, { visits_per_week: v }), `sim-visits-week-${i}`, 0.1)}
            </label>
            <label>
              <span>{t('sim.visits.pages')}</span>
              {cell(r.pages, t('sim.visits.pagesOf', { name }), (v) => change(i, { pages: v }), `sim-visits-pages-${i}`, 0.5)}
            </label>
            <label className="fp-sim-visits-secs">
              <span>{t('sim.visits.seconds')}</span>
              <span className="fp-sim-visits-range">
                {cell(r.seconds[0] ?? Number.NaN, t('sim.visits.fromOf', { name }), (v) => change(i, { seconds: [v, r.seconds[1] ?? Number.NaN] }), `sim-visits-from-${i}`)}
                <span aria-hidden="true">–</span>
                {cell(r.seconds[1] ?? Number.NaN, t('sim.visits.toOf', { name }), (v) => change(i, { seconds: [r.seconds[0] ?? Number.NaN, v] }), `sim-visits-to-${i}`)}
              </span>
            </label>
          </fieldset>
        );
      })}
      {rows.map((r) => visitProblem(r)).find((p) => p) && (
        <p className="fp-field-error" data-testid="sim-visits-error">
          {(() => {
            const p = rows.map((r) => ({ r, p: visitProblem(r) })).find((x) => x.p)!;
            return t(p.p!.key, { ...p.p!.vars, name: engineText(p.r.name, lang, p.r.persona) });
          })()}
        </p>
      )}
      {edited && (
        <button type="button" className="fp-btn fp-btn-small" onClick={reset} data-testid="sim-visits-reset">
          {t('sim.visits.reset')}
        </button>
      )}
    </details>
  );
}
