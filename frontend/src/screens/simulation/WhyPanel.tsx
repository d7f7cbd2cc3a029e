// "Why": the kept contacts with how their journey ended; one picked shows
// its path step by step with the engine's reasons ("took No: country is
// "FR"…", "waited 2 days", "skipped email: frequency cap…"), and the same
// path is lit up on the picture.
import { useMemo, useState } from 'react';
import type { Journey, JourneyStep, SimResult } from '../../api/simulation';
import type { Flow, Lang } from '../../api/types';
import { portsOf } from '../../features/funnel/canvas/ports';
import { type MessageKey } from '../../i18n/dict';
import { useSimName } from '../../i18n/simNames';
import { useT } from '../../i18n/useT';
import { useCatalogue } from '../../stores/catalogue';
import { journeyOutcome, pathHighlight, stepsIn, type PathOutcome } from '../../stores/simulationModel';
import { useStepName } from './Charts';
import { outcomeText, reasonText } from './reasons';
import { engineText } from '../../api/engineText';

const OUTCOME_LABEL: Record<PathOutcome, MessageKey> = {
  goal: 'sim.why.outcome.goal',
  waiting: 'sim.why.outcome.waiting',
  ended: 'sim.why.outcome.ended',
  exited: 'sim.why.outcome.exited',
  error: 'sim.why.outcome.error',
  absent: 'sim.why.outcome.absent',
};

type Filter = 'all' | PathOutcome;

/** dayAndTime writes a step's time as "day 3, 09:00" on the simulation's clock (UTC). */
export function dayAndTime(at: string, start: string): { day: number; time: string } {
  const t = Date.parse(at);
  const s = Date.parse(start);
  const day = Number.isFinite(t) && Number.isFinite(s) ? Math.floor((t - s) / 86_400_000) + 1 : 1;
  const d = new Date(t);
  const time = Number.isFinite(t) ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : '';
  return { day, time };
}

export interface WhyPanelProps {
  result: SimResult;
  flow: Flow;
  selected: number | null;
  onSelect: (index: number | null) => void;
}

export function WhyPanel({ result, flow, selected, onSelect }: WhyPanelProps) {
  const { t } = useT();
  const sn = useSimName();
  const [filter, setFilter] = useState<Filter>('all');
  const goals = useMemo(() => new Set((result.flows.find((f) => f.id === flow.id)?.goals ?? []).map((g) => g.node)), [result, flow.id]);
  const name = useStepName(flow);
  const journeys = result.journeys ?? [];
  const rows = useMemo(() => journeys.map((j, i) => ({ j, i, ...journeyOutcome(j, flow.id, goals) })), [journeys, flow.id, goals]);
  const shown = rows.filter((r) => filter === 'all' || r.outcome === filter);
  const counts = new Map<PathOutcome, number>();
  for (const r of rows) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const current = selected !== null ? journeys[selected] : undefined;

  if (journeys.length === 0) {
    return (
      <aside className="fp-sim-why" data-testid="sim-why">
        <h3>{t('sim.why.title')}</h3>
        <p className="fp-sim-hint">{t('sim.why.none')}</p>
      </aside>
    );
  }

  return (
    <aside className="fp-sim-why" data-testid="sim-why">
      <div className="fp-sim-why-head">
        <h3>{t('sim.why.title')}</h3>
        {current && (
          <button type="button" className="fp-btn fp-btn-small fp-btn-ghost fp-sim-noprint fp-sim-noexport" onClick={() => onSelect(null)} data-testid="sim-why-back">
            {t('sim.why.back')}
          </button>
        )}
      </div>
      {!current ? (
        <>
          <p className="fp-sim-hint">{t('sim.why.hint', { n: journeys.length })}</p>
          <label className="fp-sim-field-inline">
            <span>{t('sim.why.filter')}</span>
            <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} data-testid="sim-why-filter">
              <option value="all">{t('sim.why.filter.all', { n: rows.length })}</option>
              {(Object.keys(OUTCOME_LABEL) as PathOutcome[])
                .filter((o) => counts.has(o))
                .map((o) => (
                  <option key={o} value={o}>
                    {t(`sim.why.filter.${o}` as MessageKey, { n: counts.get(o) ?? 0 })}
                  </option>
                ))}
            </select>
          </label>
          <ul className="fp-sim-contacts" data-testid="sim-why-contacts">
            {shown.map((r) => (
              <li key={r.i}>
                <button type="button" className="fp-sim-contact" onClick={() => onSelect(r.i)} data-testid={`sim-why-contact-${r.i}`}>
                  <span className="fp-sim-contact-name">
                    {t('sim.why.contact', { n: r.j.contact })}
                    {r.j.persona && <span className="fp-sim-persona">{sn.persona(r.j.persona)}</span>}
                  </span>
                  <span className={`fp-sim-outcome is-${r.outcome}`}>{t(OUTCOME_LABEL[r.outcome], { step: r.node ? name(r.node) : '' })}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <PathSteps journey={current} flow={flow} result={result} goals={goals} />
      )}
    </aside>
  );
}

/** PathSteps lists one contact's path, step by step, with the reasons. */
export function PathSteps({ journey, flow, result, goals }: { journey: Journey; flow: Flow; result: SimResult; goals: ReadonlySet<string> }) {
  const { lang, t } = useT();
  const sn = useSimName();
  const name = useStepName(flow);
  const { outcome, node } = journeyOutcome(journey, flow.id, goals);
  const steps = journey.steps ?? [];
  const mine = stepsIn(journey, flow.id);
  // Each step carries the number drawn on the picture, so the list and the picture match.
  const order = pathHighlight(journey, flow.id).nodes;
  return (
    <div className="fp-sim-path" data-testid="sim-why-path">
      <p className="fp-sim-path-who">
        <strong>{t('sim.why.contact', { n: journey.contact })}</strong>
        {journey.persona && <span className="fp-sim-persona">{sn.persona(journey.persona)}</span>}
        <span className={`fp-sim-outcome is-${outcome}`}>{t(OUTCOME_LABEL[outcome], { step: node ? name(node) : '' })}</span>
      </p>
      {mine.length === 0 && <p className="fp-sim-hint">{t('sim.why.notHere')}</p>}
      <ul className="fp-sim-steps">
        {steps.map((s, i) => (
          <Step key={i} step={s} index={s.flow_id === flow.id ? order[s.node] : undefined} flow={flow} start={result.start} lang={lang} name={name} />
        ))}
      </ul>
    </div>
  );
}

interface StepProps {
  step: JourneyStep;
  /** index is the step's number on the picture (none for another funnel's steps). */
  index: number | undefined;
  flow: Flow;
  start: string;
  lang: Lang;
  name: (id: string) => string;
}

function Step({ step, index, flow, start, lang, name }: StepProps) {
  const { t, tx } = useT();
  const byType = useCatalogue((s) => s.byType);
  const here = step.flow_id === flow.id;
  const node = here ? flow.nodes.find((n) => n.id === step.node) : undefined;
  const spec = node ? byType[node.type] : undefined;
  const ports = spec && node ? portsOf(spec, node.config) : [];
  const labelled = ports.length > 1 || (ports.length === 1 && ports[0]!.id !== 'next');
  const port = ports.find((p) => p.id === step.port);
  const reason = step.text ? engineText(step.text, lang) : reasonText(step.reason, lang);
  const sentence = labelled && port && step.port ? t('sim.why.took', { port: tx(port.label), reason }) : reason;
  const { day, time } = dayAndTime(step.at, start);
  const flagged = step.outcome !== 'ok';
  return (
    <li className={`fp-sim-step is-${step.outcome} ${here ? '' : 'is-elsewhere'}`} data-testid="sim-why-step">
      <span className="fp-sim-path-index" aria-hidden={index === undefined}>
        {index ?? ''}
      </span>
      <div className="fp-sim-step-head">
        <span className="fp-sim-step-name">{here ? name(step.node) : t('sim.why.otherFlow', { flow: step.flow_name || step.flow_id, step: engineText(step.step_name, lang, step.node) })}</span>
        <span className="fp-sim-step-time">{t('sim.why.when', { day, time })}</span>
      </div>
      <div className="fp-sim-step-reason">
        {sentence}
        {flagged && <span className={`fp-sim-step-outcome is-${step.outcome}`}>{outcomeText(step.outcome, lang)}</span>}
      </div>
    </li>
  );
}
