// The results' charts: the funnel (entered → each email → goal), emails per
// contact, when goals are reached, and the day-by-day timeline. Animations
// are off: the numbers are read, printed and exported as pictures.
import { useEffect, useMemo, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type LegendPayload,
} from 'recharts';
import type { SimFlow, SimResult } from '../../api/simulation';
import type { Flow, Lang } from '../../api/types';
import { useT } from '../../i18n/useT';
import { useCatalogue } from '../../stores/catalogue';
import { refName, useRefs } from '../../stores/refs';
import { summaryText } from '../../features/funnel/canvas/summary';
import { funnelStages, goalsByDay, histogram, rate } from '../../stores/simulationModel';
import { fmtInt, fmtNum, fmtShare } from './format';

/**
 * DASHES tells the timeline's lines apart without colour (a report printed
 * in black and white): solid, long dashes, dots, dash-dot. Each line also
 * ends with its name written beside it.
 */
export const DASHES = { entered: undefined, emails: '9 4', goals: '2 3', unsubscribes: '10 3 2 3' } as const;

export const COLOURS = { entered: '#2563eb', emails: '#7c3aed', goals: '#16a34a', unsubscribes: '#dc2626', opens: '#0891b2' };

const AXIS = { fontSize: 12, fill: '#334155' };

/**
 * SeriesLegend is the charts' legend: each series' name beside its colour.
 * Recharts' own legend labels every swatch "… legend icon" in English; the
 * swatch here is decoration (aria-hidden), the name is the text read.
 */
function SeriesLegend({ payload }: { payload?: ReadonlyArray<LegendPayload> }) {
  return (
    <ul className="fp-sim-series">
      {(payload ?? []).map((e) => (
        <li key={String(e.value)}>
          <svg width="24" height="8" aria-hidden="true" focusable="false">
            {e.type === 'rect' ? (
              <rect x="2" y="0" width="12" height="8" fill={e.color} />
            ) : (
              <line x1="0" y1="4" x2="24" y2="4" stroke={e.color} strokeWidth="2.5" strokeDasharray={(e.payload as { strokeDasharray?: string } | undefined)?.strokeDasharray} />
            )}
          </svg>
          <span>{e.value}</span>
        </li>
      ))}
    </ul>
  );
}
const DIM = { initialDimension: { width: 600, height: 260 } };

/** ChartCard frames one chart with its title and what it shows. */
export function ChartCard({ title, hint, children, testId, wide }: { title: string; hint?: string; children: ReactNode; testId: string; wide?: boolean }) {
  return (
    <section className={`fp-sim-card fp-sim-chart ${wide ? 'is-wide' : ''}`} data-testid={testId}>
      <h3>{title}</h3>
      {hint && <p className="fp-sim-hint">{hint}</p>}
      {children}
    </section>
  );
}

/** stepName is how a step is called in charts and tables: its label, else its email's name, else its type's title. */
export function useStepName(flow: Flow | null): (id: string) => string {
  const { tx, lang } = useT();
  const byType = useCatalogue((s) => s.byType);
  const refsVersion = useRefs((s) => s.version);
  useEffect(() => {
    if (useRefs.getState().status === 'idle') void useRefs.getState().refresh();
  }, []);
  return useMemo(() => {
    const nodes = new Map((flow?.nodes ?? []).map((n) => [n.id, n]));
    // A step is named as the canvas writes it: its label, the email it
    // sends, else what it does ("Wait 2 days"). Never its id.
    return (id: string) => {
      const n = nodes.get(id);
      if (!n) return id;
      if (n.label) return n.label;
      const template = n.config?.template;
      if (typeof template === 'string' && template) {
        const email = refName(useRefs.getState().refs, 'template', template, lang);
        if (email) return email;
      }
      const spec = byType[n.type];
      if (!spec) return id;
      return summaryText(spec, n.config, lang) || tx(spec.title);
    };
    // refsVersion: the emails' names arrive after the first draw.
  }, [flow, byType, tx, lang, refsVersion]);
}

/** humanHours writes a duration in hours the way people say it: "5 hours", "2.5 days". */
export function humanHours(h: number, t: ReturnType<typeof useT>['t'], lang: Lang): string {
  if (h < 1) return t('sim.duration.minutes', { n: fmtInt(h * 60, lang) });
  if (h < 48) return t('sim.duration.hours', { n: fmtNum(h, lang, 1) });
  return t('sim.duration.days', { n: fmtNum(h / 24, lang, 1) });
}

/**
 * peakLabel writes a line's name at its highest point (a direct label:
 * read without matching colours to the legend; the lines mostly end
 * together at zero, their peaks are apart).
 */
function peakLabel(name: string, values: number[], row = 0) {
  const peak = values.reduce((best, v, i) => (v > values[best]! ? i : best), 0);
  const right = peak > values.length / 2;
  if (!(values[peak]! > 0)) return false;
  return function PeakLabel(p: { x?: number | string; y?: number | string; index?: number }) {
    if (p.index !== peak || p.x === undefined || p.y === undefined) return null;
    return (
      <text x={Number(p.x) + (right ? -6 : 6)} y={Number(p.y) - 6 + 15 * row} textAnchor={right ? 'end' : 'start'} fontSize={12} fontWeight={600} fill="#0f172a" className="fp-sim-peak-label">
        {name}
      </text>
    );
  };
}

function intTick(lang: Lang) {
  return (v: number) => fmtInt(v, lang);
}

export function Charts({ result, flow, fr }: { result: SimResult; flow: Flow; fr: SimFlow }) {
  const { lang, t } = useT();
  const byType = useCatalogue((s) => s.byType);
  const name = useStepName(flow);
  const isStart = (type: string) => byType[type]?.kind === 'trigger';

  const stages = funnelStages(flow, fr, result.emails ?? [], isStart).map((s) => ({
    name: s.kind === 'entered' ? t('sim.chart.funnel.entered') : s.kind === 'goal' ? `★ ${name(s.node)}` : name(s.node),
    value: s.value,
    kind: s.kind,
    label: `${fmtInt(s.value, lang)} · ${fmtShare(rate(s.value, fr.enrolled), lang)}`,
  }));
  const hist = histogram(result.emails_per_contact ?? []);
  const goals = goalsByDay(result, fr.enrolled);
  const timeline = (result.timeline ?? []).map((d) => ({ ...d, day: d.day + 1 }));
  const hasGoal = (fr.goals ?? []).length > 0;
  const funnelHeight = Math.max(160, 44 * stages.length + 40);

  return (
    <div className="fp-sim-charts">
      <ChartCard title={t('sim.chart.funnel.title')} hint={t('sim.chart.funnel.hint')} testId="sim-chart-funnel">
        <ResponsiveContainer width="100%" height={funnelHeight} {...DIM}>
          <BarChart data={stages} layout="vertical" margin={{ top: 4, right: 120, bottom: 4, left: 8 }}>
            <XAxis type="number" hide domain={[0, 'dataMax']} />
            <YAxis type="category" dataKey="name" width={170} tick={AXIS} interval={0} />
            <Tooltip formatter={(v) => fmtInt(Number(v), lang)} />
            <Bar dataKey="value" name={t('sim.chart.contacts')} fill={COLOURS.entered} isAnimationActive={false} barSize={26}>
              <LabelList dataKey="label" position="right" style={{ fontSize: 12, fontWeight: 600, fill: '#0f172a' }} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard title={t('sim.chart.perContact.title')} hint={t('sim.chart.perContact.hint')} testId="sim-chart-per-contact">
        <ResponsiveContainer width="100%" height={240} {...DIM}>
          <BarChart data={hist} margin={{ top: 16, right: 12, bottom: 18, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="emails" tick={AXIS} label={{ value: t('sim.chart.perContact.x'), position: 'insideBottom', offset: -10, fontSize: 12 }} />
            <YAxis tick={AXIS} tickFormatter={intTick(lang)} allowDecimals={false} width={56} />
            <Tooltip formatter={(v) => fmtInt(Number(v), lang)} labelFormatter={(l) => t('sim.chart.perContact.tip', { n: String(l) })} />
            <Bar dataKey="contacts" name={t('sim.chart.contacts')} fill={COLOURS.emails} isAnimationActive={false}>
              {hist.length <= 12 && (
                <LabelList dataKey="contacts" position="top" formatter={(v: unknown) => fmtInt(Number(v), lang)} style={{ fontSize: 11, fill: '#334155' }} />
              )}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard title={t('sim.chart.timeline.title')} hint={t('sim.chart.timeline.hint')} testId="sim-chart-timeline" wide>
        <ResponsiveContainer width="100%" height={280} {...DIM}>
          <LineChart data={timeline} margin={{ top: 8, right: 8, bottom: 18, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tick={AXIS} label={{ value: t('sim.chart.day'), position: 'insideBottom', offset: -10, fontSize: 12 }} />
            <YAxis
              yAxisId="big"
              tick={AXIS}
              tickFormatter={intTick(lang)} allowDecimals={false}
              width={64}
              label={{ value: t('sim.chart.timeline.leftAxis'), angle: -90, position: 'insideLeft', fontSize: 12, style: { textAnchor: 'middle' } }}
            />
            <YAxis
              yAxisId="small"
              orientation="right"
              tick={AXIS}
              tickFormatter={intTick(lang)} allowDecimals={false}
              width={64}
              label={{ value: t('sim.chart.timeline.rightAxis'), angle: 90, position: 'insideRight', fontSize: 12, style: { textAnchor: 'middle' } }}
            />
            <Tooltip labelFormatter={(l) => t('sim.chart.dayN', { n: String(l) })} formatter={(v) => fmtInt(Number(v), lang)} />
            <Legend verticalAlign="top" height={26} content={(p) => <SeriesLegend payload={p.payload} />} />
            <Line yAxisId="big" dataKey="entered" name={t('sim.chart.timeline.entered')} stroke={COLOURS.entered} dot={false} strokeWidth={2} isAnimationActive={false} label={peakLabel(t('sim.chart.timeline.entered'), timeline.map((d) => d.entered), 0)} />
            <Line yAxisId="big" dataKey="emails" name={t('sim.chart.timeline.emails')} stroke={COLOURS.emails} dot={false} strokeWidth={2} strokeDasharray={DASHES.emails} isAnimationActive={false} label={peakLabel(t('sim.chart.timeline.emails'), timeline.map((d) => d.emails), 1)} />
            <Line yAxisId="small" dataKey="goals" name={t('sim.chart.timeline.goals')} stroke={COLOURS.goals} dot={false} strokeWidth={2.5} strokeDasharray={DASHES.goals} isAnimationActive={false} label={peakLabel(t('sim.chart.timeline.goals'), timeline.map((d) => d.goals), 2)} />
            <Line
              yAxisId="small"
              dataKey="unsubscribes"
              name={t('sim.chart.timeline.unsubscribes')}
              stroke={COLOURS.unsubscribes}
              dot={false}
              strokeWidth={2}
              strokeDasharray={DASHES.unsubscribes}
              isAnimationActive={false}
              label={peakLabel(t('sim.chart.timeline.unsubscribes'), timeline.map((d) => d.unsubscribes), 3)}
            />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard
        title={t('sim.chart.goalTime.title')}
        hint={
          hasGoal
            ? (fr.goals ?? [])
                .map((g) => t('sim.chart.goalTime.median', { name: name(g.node), median: g.reached > 0 ? humanHours(g.median_hours, t, lang) : '—' }))
                .join(' · ')
            : t('sim.chart.noGoal')
        }
        testId="sim-chart-goal-time"
        wide
      >
        {hasGoal && (
          <ResponsiveContainer width="100%" height={240} {...DIM}>
            <ComposedChart data={goals} margin={{ top: 8, right: 8, bottom: 18, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" tick={AXIS} label={{ value: t('sim.chart.day'), position: 'insideBottom', offset: -10, fontSize: 12 }} />
              <YAxis yAxisId="n" tick={AXIS} tickFormatter={intTick(lang)} allowDecimals={false} width={64} />
              <YAxis yAxisId="p" orientation="right" tick={AXIS} tickFormatter={(v: number) => fmtShare(v, lang, 1)} width={64} />
              <Tooltip
                labelFormatter={(l) => t('sim.chart.dayN', { n: String(l) })}
                formatter={(v, key) => (key === t('sim.chart.goalTime.share') ? fmtShare(Number(v), lang) : fmtInt(Number(v), lang))}
              />
              <Legend verticalAlign="top" height={26} content={(p) => <SeriesLegend payload={p.payload} />} />
              <Bar yAxisId="n" dataKey="goals" name={t('sim.chart.goalTime.goals')} fill={COLOURS.goals} isAnimationActive={false} />
              <Line yAxisId="p" dataKey="share" name={t('sim.chart.goalTime.share')} stroke="#0f172a" dot={false} strokeWidth={2} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </ChartCard>
    </div>
  );
}
