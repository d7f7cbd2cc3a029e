// The simulation screen's content (loaded on first visit, see Screen.tsx):
// a funnel's numbers before it runs. Settings on the
// left; on the right the results — headline numbers, the funnel's picture
// with counts on every step and link next to the "why" of one contact's
// path, the charts, the per-email table, and a comparison with a variant —
// exported as CSV, PNG or a printed report.
import { FileSpreadsheet, Image as ImageIcon, Printer, Shapes } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { tx } from '../../i18n/dict';
import { useSimName } from '../../i18n/simNames';
import { useT } from '../../i18n/useT';
import { useFlows } from '../../features/funnel/stores/flows';
import { useSimulation } from '../../stores/simulation';
import { buildRequest, flowResult, pathHighlight, toOverlay } from '../../stores/simulationModel';
import { Charts } from './Charts';
import { ComparePanel } from './ComparePanel';
import { EmailTable } from './EmailTable';
import { exportPng, exportSimPicture, exportSimulationCsv, fileBase, PRINT_CLASS } from './files';
import { ReportView } from './Report';
import { fmtInt } from './format';
import { FunnelPicture } from './FunnelPicture';
import { Headline } from './Headline';
import { SettingsPanel } from './SettingsPanel';
import { WhyPanel } from './WhyPanel';
import './simulation.css';
import { ScreenTitle } from '../../components/ScreenTitle';

export function SimulationView() {
  const { t } = useT();
  const items = useFlows((s) => s.items);
  const loaded = useFlows((s) => s.loaded);
  const pickDefaultFlow = useSimulation((s) => s.pickDefaultFlow);

  useEffect(() => {
    if (!loaded) void useFlows.getState().load();
  }, [loaded]);

  useEffect(() => {
    pickDefaultFlow(items);
  }, [items, pickDefaultFlow]);

  // The print stylesheet applies while this screen is shown (Ctrl+P too).
  useEffect(() => {
    document.body.classList.add(PRINT_CLASS);
    return () => document.body.classList.remove(PRINT_CLASS);
  }, []);

  return (
    <main className="fp-main fp-sim" data-testid="screen-simulate" aria-label={t('sim.title')}>
      <ScreenTitle screen="simulate" />
      <SettingsPanel flows={items} />
      <Results />
    </main>
  );
}

function Results() {
  const { lang, t } = useT();
  const sn = useSimName();
  const items = useFlows((s) => s.items);
  const result = useSimulation((s) => s.result);
  const flow = useSimulation((s) => s.flow);
  const request = useSimulation((s) => s.request);
  const preview = useSimulation((s) => s.preview);
  const previewError = useSimulation((s) => s.previewError);
  const form = useSimulation((s) => s.form);
  const journey = useSimulation((s) => s.journey);
  const selectJourney = useSimulation((s) => s.selectJourney);
  const compareStatus = useSimulation((s) => s.compare.status);
  const report = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  // "Print report" (and Ctrl+P once there are results) opens the report's print preview.
  const [printing, setPrinting] = useState(false);
  const hasResult = !!result && !!flow;
  useEffect(() => {
    if (!hasResult) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'p' && !document.body.classList.contains('fp-printing')) {
        e.preventDefault();
        setPrinting(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hasResult]);

  const fr = result && flow ? flowResult(result, flow.id) : undefined;
  const overlay = useMemo(() => (fr ? toOverlay(fr) : null), [fr]);
  const current = result && journey !== null ? result.journeys?.[journey] : undefined;
  const path = useMemo(() => (current && flow ? pathHighlight(current, flow.id) : null), [current, flow]);
  const stale = !!request && JSON.stringify(buildRequest(form)) !== JSON.stringify(request);
  const base = fileBase(flow?.name ?? 'simulation');

  const exportCsv = () => exportSimulationCsv();
  const exportPicture = async () => {
    if (!report.current) return;
    setBusy(true);
    try {
      await exportPng(report.current, `${base}-simulation.png`);
    } finally {
      setBusy(false);
    }
  };

  // The simulated funnel alone, with its numbers, titled with the run's assumptions.
  const funnelPicture = (kind: 'png' | 'svg') => {
    const root = report.current?.querySelector<HTMLElement>('[data-testid=sim-picture] .react-flow') ?? null;
    const meta = result
      ? t('sim.report.meta', { audience: sn.audience(request?.real_contacts ? 'real' : (request?.preset ?? 'ecommerce-newsletter')), n: fmtInt(result.contacts, lang), days: result.days, seed: String(result.seed) })
      : '';
    return exportSimPicture(kind, root, flow?.name ?? '', meta, useSimulation.getState().ranAt);
  };

  if (!result || !flow || !fr) {
    return (
      <section className="fp-sim-results" data-testid="sim-results">
        <div className="fp-sim-report">
          <header className="fp-sim-report-head">
            <div>
              <h2>{preview ? t('sim.report.titleOf', { name: preview.name }) : t('sim.title')}</h2>
              <p className="fp-sim-hint">{t('sim.empty.body')}</p>
            </div>
          </header>
          {previewError && <p className="fp-field-error">{t('sim.empty.previewFailed', { message: previewError })}</p>}
          {preview ? (
            <div className="fp-sim-stage is-preview">
              <FunnelPicture flow={preview} />
            </div>
          ) : (
            !previewError && (
              <div className="fp-sim-card fp-sim-empty" data-testid="sim-no-flow">
                <p>{items.length === 0 ? t('sim.empty.noFlow') : t('app.loading')}</p>
              </div>
            )
          )}
          {/* A comparison asked from elsewhere (a version against the draft) shows before any single run. */}
          {compareStatus !== 'idle' && <ComparePanel flows={items} />}
        </div>
      </section>
    );
  }

  const audience = sn.audience(request?.real_contacts ? 'real' : (request?.preset ?? 'ecommerce-newsletter'));

  return (
    <section className="fp-sim-results" data-testid="sim-results">
      <div className="fp-sim-report" ref={report}>
        <header className="fp-sim-report-head">
          <div>
            <h2 data-testid="sim-report-title">{t('sim.report.titleOf', { name: flow.name })}</h2>
            <p className="fp-sim-hint">
              {t('sim.report.meta', {
                audience,
                n: fmtInt(result.contacts, lang),
                days: result.days,
                seed: String(result.seed),
              })}
            </p>
          </div>
          <div className="fp-sim-exports fp-sim-noprint fp-sim-noexport">
            <button type="button" className="fp-btn fp-btn-small" onClick={() => void exportCsv()} data-testid="sim-export-csv">
              <FileSpreadsheet size={14} aria-hidden="true" />
              {t('sim.export.csv')}
            </button>
            <button type="button" className="fp-btn fp-btn-small" onClick={() => void exportPicture()} disabled={busy} data-testid="sim-export-png">
              <ImageIcon size={14} aria-hidden="true" />
              {t('sim.export.png')}
            </button>
            <button type="button" className="fp-btn fp-btn-small" onClick={() => void funnelPicture('svg')} data-testid="sim-export-funnel-svg">
              <Shapes size={14} aria-hidden="true" />
              {t('sim.export.funnelSvg')}
            </button>
            <button type="button" className="fp-btn fp-btn-small" onClick={() => void funnelPicture('png')} data-testid="sim-export-funnel-png">
              <ImageIcon size={14} aria-hidden="true" />
              {t('sim.export.funnelPng')}
            </button>
            <button type="button" className="fp-btn fp-btn-small" onClick={() => setPrinting(true)} data-testid="sim-print">
              <Printer size={14} aria-hidden="true" />
              {t('sim.export.print')}
            </button>
          </div>
        </header>
        {printing && <ReportView onClose={() => setPrinting(false)} />}
        {stale && (
          <p className="fp-sim-stale fp-sim-noprint fp-sim-noexport" data-testid="sim-stale">
            {t('sim.report.stale')}
          </p>
        )}
        {(result.notes ?? []).map((n, i) => (
          <p key={i} className="fp-callout" role="note" data-testid="sim-note">
            {tx(n, lang)}
          </p>
        ))}
        <Headline result={result} flowId={flow.id} />
        <div className="fp-sim-stage">
          <FunnelPicture flow={flow} overlay={overlay} path={path} />
          <div className="fp-sim-stage-side fp-sim-noprint">
            <WhyPanel result={result} flow={flow} selected={journey} onSelect={selectJourney} />
          </div>
        </div>
        <p className="fp-sim-legend">{t(overlay?.hasGoal ? 'sim.legend.goal' : 'sim.legend.noGoal')}</p>
        <Charts result={result} flow={flow} fr={fr} />
        <EmailTable emails={result.emails ?? []} flow={flow} />
        <div className="fp-sim-noprint fp-sim-noexport">
          <ComparePanel flows={items} />
        </div>
      </div>
    </section>
  );
}
