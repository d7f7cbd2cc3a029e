// Compare: the funnel and a variant run on the same people (same audience,
// the same random draws, over several seeds), side by side, with what
// changes — conversion, emails, unsubscribes — as coloured differences,
// each with its 95 % range; a range that holds zero reads "not
// distinguishable from chance".
import { FileSpreadsheet } from 'lucide-react';
import { useMemo } from 'react';
import type { FlowInfo } from '../../api/types';
import { type MessageKey } from '../../i18n/dict';
import { useT } from '../../i18n/useT';
import { useSimulation } from '../../stores/simulation';
import { compareDeltas, flowChanges, flowResult, headline, toOverlay, type CompareDeltas, type Delta } from '../../stores/simulationModel';
import { exportComparisonCsv } from './files';
import { FunnelPicture } from './FunnelPicture';
import { fmtInt, fmtNum, fmtSeconds, fmtShare, fmtSigned } from './format';

export function ComparePanel({ flows }: { flows: FlowInfo[] }) {
  const { lang, t } = useT();
  const form = useSimulation((s) => s.form);
  const compare = useSimulation((s) => s.compare);
  const running = useSimulation((s) => s.running);
  const setCompareFlow = useSimulation((s) => s.setCompareFlow);
  const runCompare = useSimulation((s) => s.runCompare);
  const variants = flows.filter((f) => !f.error && f.id !== form.flowId);
  const c = compare.result;
  const a = compare.request?.flow_id ?? '';
  const b = compare.otherFlowId;
  const shownB = c ? (compare.flowB?.id ?? '') : '';
  const deltas = useMemo(() => (c && compare.flowA && compare.flowB ? compareDeltas(c, compare.flowA.id, compare.flowB.id) : null), [c, compare.flowA, compare.flowB]);
  const version = compare.version;
  // Two versions of one funnel: the steps added, removed and changed are marked on each picture.
  const changes = useMemo(() => (version !== null && compare.flowA && compare.flowB ? flowChanges(compare.flowA, compare.flowB) : null), [version, compare.flowA, compare.flowB]);
  const nameOf = (id: string, side: 'a' | 'b') => (version !== null ? (side === 'a' ? compare.flowA?.name : compare.flowB?.name) ?? id : flows.find((f) => f.id === id)?.name ?? id);

  return (
    <section className="fp-sim-card fp-sim-compare" data-testid="sim-compare">
      <h3>{t('sim.compare.title')}</h3>
      <p className="fp-sim-hint">{t('sim.compare.hint')}</p>
      <div className="fp-sim-compare-bar fp-sim-noprint fp-sim-noexport">
        <label className="fp-sim-field-inline">
          <span>{t('sim.compare.variant')}</span>
          <select value={b} onChange={(e) => setCompareFlow(e.target.value)} data-testid="sim-compare-flow" disabled={variants.length === 0}>
            <option value="">{variants.length === 0 ? t('sim.compare.noVariant') : t('common.choose')}</option>
            {variants.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="fp-btn fp-btn-primary"
          onClick={() => void runCompare()}
          disabled={!b || !!running}
          data-testid="sim-compare-run"
        >
          {t('sim.compare.run')}
        </button>
        {compare.status === 'done' && compare.elapsedMs !== null && (
          <span className="fp-sim-hint">{t('sim.compare.took', { time: fmtSeconds(compare.elapsedMs, lang) })}</span>
        )}
        {c && compare.flowA && compare.flowB && (
          <button type="button" className="fp-btn fp-btn-small" onClick={() => void exportComparisonCsv()} data-testid="sim-compare-csv">
            <FileSpreadsheet size={14} aria-hidden="true" />
            {t('sim.export.compareCsv')}
          </button>
        )}
      </div>
      {compare.status === 'error' && compare.error && <p className="fp-field-error">{compare.error}</p>}
      {c && deltas && compare.flowA && compare.flowB && (
        <>
          <p className="fp-sim-hint" data-testid="sim-compare-seeds">
            {deltas.seeds.length > 1
              ? t('sim.compare.sameSeeds', { n: fmtInt(c.a.contacts, lang), from: String(deltas.seeds[0]), to: String(deltas.seeds.at(-1)), count: String(deltas.seeds.length) })
              : t('sim.compare.same', { n: fmtInt(c.a.contacts, lang), seed: String(c.a.seed) })}
          </p>
          {version !== null && changes && (
            <p className="fp-sim-hint" data-testid="sim-compare-version">
              <strong>{t('sim.compare.versionTitle', { version: String(version) })}</strong>{' '}
              {changes.added + changes.removed + changes.changed > 0
                ? t('sim.compare.changes', { added: String(changes.added), removed: String(changes.removed), changed: String(changes.changed) })
                : t('sim.compare.noChanges')}
            </p>
          )}
          <CompareTable deltas={deltas} nameA={compare.flowA.name} nameB={compare.flowB.name} />
          <div className="fp-sim-compare-pictures">
            {[
              { r: c.a, flow: compare.flowA, key: 'a' as const },
              { r: c.b, flow: compare.flowB, key: 'b' as const },
            ].map(({ r, flow, key }) => {
              const fr = flowResult(r, flow.id);
              const h = headline(r, flow.id);
              return (
                <div key={key} className="fp-sim-compare-side" data-testid={`sim-compare-${key}`}>
                  <h4>
                    {t(key === 'a' ? 'sim.compare.a' : 'sim.compare.b', { name: nameOf(flow.id, key) })}
                    <span className="fp-sim-compare-sub">
                      {h.hasGoal ? t('sim.compare.sideGoal', { share: fmtShare(h.conversion, lang) }) : ''}
                      {t('sim.compare.sideEmails', { n: fmtInt(h.emailsSent, lang) })}
                    </span>
                  </h4>
                  <FunnelPicture flow={flow} overlay={fr ? toOverlay(fr) : null} testId={`sim-compare-picture-${key}`} changes={changes ? changes[key] : undefined} />
                </div>
              );
            })}
          </div>
          {((b && shownB !== b) || a !== form.flowId) && <p className="fp-sim-hint is-warning">{t('sim.compare.stale')}</p>}
        </>
      )}
    </section>
  );
}

/** CompareTable is the comparison's figures: each side, the difference with its range, and "not distinguishable from chance" (on screen and in the printed report). */
export function CompareTable({ deltas, nameA, nameB }: { deltas: CompareDeltas; nameA: string; nameB: string }) {
  const { lang, t } = useT();
  return (
    <table className="fp-sim-table fp-sim-delta-table" data-testid="sim-compare-table">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">{t('sim.compare.a', { name: nameA })}</th>
          <th scope="col">{t('sim.compare.b', { name: nameB })}</th>
          <th scope="col">{t('sim.compare.diff')}</th>
        </tr>
      </thead>
      <tbody>
        {deltas.hasGoal && (
          <Row label="sim.compare.conversion" d={deltas.conversion} fmt={(v) => fmtShare(v, lang)} diff={(d) => t('sim.compare.points', { n: fmtSigned(d.diff, lang, 2) })} bound={(v) => t('sim.compare.points', { n: fmtSigned(v, lang, 2) })} testId="conversion" />
        )}
        {deltas.hasGoal && <Row label="sim.compare.converted" d={deltas.converted} fmt={(v) => fmtNum(v, lang, 1)} diff={(d) => fmtSigned(d.diff, lang, 1)} bound={(v) => fmtSigned(v, lang, 1)} testId="converted" />}
        <Row label="sim.compare.emails" d={deltas.emails} fmt={(v) => fmtInt(v, lang)} diff={(d) => withRelative(d, lang)} bound={(v) => fmtSigned(Math.round(v), lang)} testId="emails" />
        <Row label="sim.compare.perContact" d={deltas.emailsPerContact} fmt={(v) => fmtNum(v, lang, 2)} diff={(d) => fmtSigned(d.diff, lang, 2)} bound={(v) => fmtSigned(v, lang, 2)} testId="per-contact" />
        <Row label="sim.compare.unsubscribes" d={deltas.unsubscribes} fmt={(v) => fmtNum(v, lang, 1)} diff={(d) => withRelative(d, lang)} bound={(v) => fmtSigned(v, lang, 1)} testId="unsubscribes" />
      </tbody>
    </table>
  );
}

function withRelative(d: Delta, lang: 'en' | 'fr'): string {
  const abs = fmtSigned(Math.round(d.diff), lang);
  if (d.relative === null || Math.round(d.diff) === 0) return abs;
  return `${abs} (${fmtSigned(d.relative * 100, lang, 1)}${lang === 'fr' ? '\u00a0%' : '%'})`;
}

function Row({ label, d, fmt, diff, bound, testId }: { label: MessageKey; d: Delta; fmt: (v: number) => string; diff: (d: Delta) => string; bound: (v: number) => string; testId: string }) {
  const { t } = useT();
  const ranged = d.low !== null && d.high !== null && d.verdict !== 'same';
  return (
    <tr data-testid={`sim-delta-${testId}`}>
      <th scope="row">{t(label)}</th>
      <td className="fp-sim-num">{fmt(d.a)}</td>
      <td className="fp-sim-num">{fmt(d.b)}</td>
      <td className="fp-sim-num">
        <span className={`fp-sim-delta is-${d.verdict}`} title={t(`sim.compare.verdict.${d.verdict}` as MessageKey)}>
          {diff(d)}
        </span>
        {ranged && (
          <span className="fp-sim-range" data-testid={`sim-range-${testId}`}>
            {t('sim.compare.range', { low: bound(d.low!), high: bound(d.high!) })}
          </span>
        )}
        {d.verdict === 'chance' && (
          <span className="fp-sim-range is-chance" data-testid={`sim-chance-${testId}`}>
            {t('sim.compare.verdict.chance')}
          </span>
        )}
      </td>
    </tr>
  );
}
