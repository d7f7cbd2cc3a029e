// The simulation report, as printed: a preview of the pages with "Print"
// (the window's print, whose style sheet shows only the report). A client
// reads it without the app: the funnel's and workspace's names, when it was
// simulated, the assumptions (audience and its size, period, random draws,
// how to read the numbers), the headline numbers, the funnel's picture with
// its numbers over as many pages as it needs (text never under 8 pt), the
// charts (lines told apart by their dashes in black and white, one chart
// never split across pages), what each email did, each email's subject and
// preview line, and the comparison when there is one, with its ranges and
// its pictures marked with what changed.
import { Printer } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { createPortal } from 'react-dom';
import type { SimFlow, SimResult } from '../../api/simulation';
import type { Flow, Lang } from '../../api/types';
import { Modal } from '../../components/Modal';
import { PrintEmails, useEmailTemplates } from '../../features/funnel/screen/PrintEmails';
import { emailsOf, fromFlow, type PrintModel } from '../../features/funnel/screen/printModel';
import { PrintPicture } from '../../features/funnel/screen/PrintPicture';
import { formatWhen } from '../../features/funnel/screen/when';
import '../../features/funnel/screen/print.css';
import { useSimName } from '../../i18n/simNames';
import { useT } from '../../i18n/useT';
import { specOf, useCatalogue } from '../../stores/catalogue';
import { useRefs } from '../../stores/refs';
import { useSimulation } from '../../stores/simulation';
import { compareDeltas, flowChanges, flowResult, portKey, toOverlay, type NodeNumbers, type StepChange } from '../../stores/simulationModel';
import { useWorkspace } from '../../stores/workspace';
import { Charts } from './Charts';
import { CompareTable } from './ComparePanel';
import { EmailTable } from './EmailTable';
import { fmtInt, fmtPercent, fmtShare } from './format';
import { Headline } from './Headline';
import { positions } from './layout';

type T = ReturnType<typeof useT>['t'];

/** numberLines writes a step's figures as the screen's card does. */
function numberLines(n: NodeNumbers, hasGoal: boolean, t: T, lang: Lang): { big: string; lines: string[] } {
  const lines: string[] = [];
  if (n.waiting > 0) lines.push(t('sim.node.waiting', { n: fmtInt(n.waiting, lang) }));
  if (n.errors > 0) lines.push(t('sim.node.errors', { n: fmtInt(n.errors, lang) }));
  if (n.skipped > 0) lines.push(t('sim.node.skipped', { n: fmtInt(n.skipped, lang) }));
  if (n.exited > 0) lines.push(t('sim.node.exited', { n: fmtInt(n.exited, lang) }));
  if (n.jumped > 0) lines.push(t('sim.node.jumped', { n: fmtInt(n.jumped, lang) }));
  if (n.stopped > 0) lines.push(t(hasGoal ? 'sim.node.drop' : 'sim.node.end', { n: fmtInt(n.stopped, lang), share: fmtShare(n.stoppedShare, lang) }));
  if (n.goal) lines.push(t('sim.node.goal', { n: fmtInt(n.goal.reached, lang), share: fmtShare(n.goal.rate, lang) }));
  return { big: `${fmtInt(n.entered, lang)} ${t('sim.node.entered')}`, lines };
}

/** useModel builds a funnel's printed picture with a run's numbers (and a comparison's marks). */
function useModel(flow: Flow | null, fr: SimFlow | undefined, changes?: Record<string, StepChange>): PrintModel | null {
  const { t, lang } = useT();
  const byType = useCatalogue((s) => s.byType);
  const refsVersion = useRefs((s) => s.version);
  return useMemo(() => {
    if (!flow) return null;
    const overlay = fr ? toOverlay(fr) : null;
    const place = positions(flow, (type) => byType[type]?.kind === 'trigger');
    return fromFlow(flow, place, specOf, lang, {
      numbers: (id) => {
        const n = overlay?.nodes[id];
        return n ? numberLines(n, overlay!.hasGoal, t, lang) : undefined;
      },
      edgeLabel: (from, port) => {
        const e = overlay?.edges[portKey(from, port)];
        return e ? t('sim.edge.label', { share: fmtPercent(e.percent, lang), n: fmtInt(e.count, lang) }) : undefined;
      },
      change: (id) => changes?.[id],
    });
    // refsVersion: the steps' names read the emails' names, which load late.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flow, fr, changes, byType, lang, t, refsVersion]);
}

/** ReportView is the report's print preview; onClose closes it. */
export function ReportView({ onClose }: { onClose: () => void }) {
  const { t, lang } = useT();
  const sn = useSimName();
  const result = useSimulation((s) => s.result);
  const flow = useSimulation((s) => s.flow);
  const request = useSimulation((s) => s.request);
  const ranAt = useSimulation((s) => s.ranAt);
  const compare = useSimulation((s) => s.compare);
  const workspace = useWorkspace((s) => s.info);
  const templates = useEmailTemplates();
  const fr = result && flow ? flowResult(result, flow.id) : undefined;
  const model = useModel(flow, fr);

  useEffect(() => {
    if (!useWorkspace.getState().info) void useWorkspace.getState().load();
    if (useRefs.getState().status === 'idle') void useRefs.getState().refresh();
    // While the report is open, printing prints it alone.
    document.body.classList.add('fp-printing');
    return () => document.body.classList.remove('fp-printing');
  }, []);

  if (!result || !flow || !fr || !model) return null;
  const nodeConfig = new Map((flow.nodes ?? []).map((n) => [n.id, n.config]));
  const used = emailsOf(model, (id) => nodeConfig.get(id));
  const audience = sn.audience(request?.real_contacts ? 'real' : (request?.preset ?? 'ecommerce-newsletter'));
  const day = (iso: string) => new Date(iso).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-US', { year: 'numeric', month: 'long', day: 'numeric' });
  const compared = compare.status === 'done' && compare.result && compare.flowA && compare.flowB && compare.request?.flow_id === flow.id ? compare : null;

  return createPortal(
    <div className="fp-print-root">
      <Modal
        title={t('report.previewTitle')}
        onClose={onClose}
        wide
        className="fp-report-modal"
        testId="sim-report"
        actions={
          <div className="fp-row fp-print-actions">
            <button type="button" className="fp-btn fp-btn-primary" onClick={() => window.print()} disabled={templates === null} data-testid="sim-report-print">
              <Printer size={15} /> {t('report.print')}
            </button>
          </div>
        }
      >
        <article className="fp-report" data-testid="sim-report-page" lang={lang}>
          <header className="fp-report-head">
            <p className="fp-report-kicker">{t('report.kicker')}</p>
            <h1 data-testid="sim-report-funnel">{flow.name}</h1>
            <p className="fp-report-meta">
              {workspace?.name && <span data-testid="sim-report-workspace">{t('report.workspace', { name: workspace.name })}</span>}
              <span data-testid="sim-report-date">{t('report.ranAt', { when: formatWhen((ranAt ?? new Date()).toISOString(), lang) })}</span>
            </p>
          </header>

          <section className="fp-report-section" data-testid="sim-report-assumptions">
            <h2>{t('report.assumptions')}</h2>
            <dl className="fp-report-facts">
              <dt>{t('report.audience')}</dt>
              <dd>{t('report.audienceValue', { audience, n: fmtInt(result.contacts, lang) })}</dd>
              <dt>{t('report.period')}</dt>
              <dd>{t('report.periodValue', { days: result.days, from: day(result.start), to: day(result.end) })}</dd>
              <dt>{t('report.draw')}</dt>
              <dd>{t('report.drawValue', { seed: String(result.seed) })}</dd>
              <dt>{t('report.method')}</dt>
              <dd>{t('report.methodValue')}</dd>
            </dl>
          </section>

          <section className="fp-report-section fp-report-keep">
            <h2>{t('report.numbers')}</h2>
            <Headline result={result} flowId={flow.id} />
          </section>

          <section className="fp-report-section">
            <h2>{t('report.picture')}</h2>
            <p className="fp-report-hint">{t(toOverlay(fr).hasGoal ? 'sim.legend.goal' : 'sim.legend.noGoal')}</p>
            <PrintPicture steps={model.steps} edges={model.edges} direction={model.direction} label={t('sim.picture.label', { name: flow.name })} />
          </section>

          <section className="fp-report-section fp-report-charts">
            <h2>{t('report.charts')}</h2>
            <Charts result={result} flow={flow} fr={fr} />
          </section>

          <section className="fp-report-section">
            <h2>{t('report.emailTable')}</h2>
            <EmailTable emails={result.emails ?? []} flow={flow} />
          </section>

          <section className="fp-report-section">
            <h2>{t('report.emails')}</h2>
            <PrintEmails used={used} templates={templates} />
          </section>

          {compared && <ReportCompare result={result} />}
        </article>
      </Modal>
    </div>,
    document.body,
  );
}

/** ReportCompare is the comparison in the report: what was compared, how, the figures with their ranges, and both pictures. */
function ReportCompare({ result }: { result: SimResult }) {
  const { t, lang } = useT();
  const sn = useSimName();
  const compare = useSimulation((s) => s.compare);
  const c = compare.result!;
  const flowA = compare.flowA!;
  const flowB = compare.flowB!;
  const deltas = useMemo(() => compareDeltas(c, flowA.id, flowB.id), [c, flowA, flowB]);
  const changes = useMemo(() => (compare.version !== null ? flowChanges(flowA, flowB) : null), [compare.version, flowA, flowB]);
  const modelA = useModel(flowA, flowResult(c.a, flowA.id), changes?.a);
  const modelB = useModel(flowB, flowResult(c.b, flowB.id), changes?.b);
  const seeds = deltas.seeds;
  return (
    <section className="fp-report-section fp-report-compare" data-testid="sim-report-compare">
      <h2>{t('report.compare', { a: flowA.name, b: flowB.name })}</h2>
      <dl className="fp-report-facts">
        <dt>{t('report.audience')}</dt>
        <dd>{t('report.audienceValue', { audience: sn.audience(result.audience || 'real'), n: fmtInt(c.a.contacts, lang) })}</dd>
        <dt>{t('report.draw')}</dt>
        <dd>
          {seeds.length > 1
            ? t('report.drawValueCompare', { from: String(seeds[0]), to: String(seeds.at(-1)), count: String(seeds.length) })
            : t('report.drawValue', { seed: String(c.a.seed) })}
        </dd>
        <dt>{t('report.method')}</dt>
        <dd>{t('report.methodCompare')}</dd>
      </dl>
      {changes && (
        <p className="fp-report-hint">
          {changes.added + changes.removed + changes.changed > 0
            ? t('sim.compare.changes', { added: String(changes.added), removed: String(changes.removed), changed: String(changes.changed) })
            : t('sim.compare.noChanges')}
        </p>
      )}
      <div className="fp-report-keep">
        <CompareTable deltas={deltas} nameA={flowA.name} nameB={flowB.name} />
      </div>
      <h3>{t('report.comparePictures')}</h3>
      {modelA && (
        <>
          <h4>{t('report.compareA', { name: flowA.name })}</h4>
          <PrintPicture steps={modelA.steps} edges={modelA.edges} direction={modelA.direction} label={t('sim.picture.label', { name: flowA.name })} testId="sim-report-picture-a" />
        </>
      )}
      {modelB && (
        <>
          <h4>{t('report.compareB', { name: flowB.name })}</h4>
          <PrintPicture steps={modelB.steps} edges={modelB.edges} direction={modelB.direction} label={t('sim.picture.label', { name: flowB.name })} testId="sim-report-picture-b" />
        </>
      )}
    </section>
  );
}
