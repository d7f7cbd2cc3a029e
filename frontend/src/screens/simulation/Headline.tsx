// The big numbers a consultant reads out first: contacts, conversions,
// emails sent, unsubscribes.
import type { SimResult } from '../../api/simulation';
import { useT } from '../../i18n/useT';
import { headline } from '../../stores/simulationModel';
import { fmtInt, fmtNum, fmtShare } from './format';

export function Headline({ result, flowId }: { result: SimResult; flowId: string }) {
  const { lang, t } = useT();
  const h = headline(result, flowId);
  return (
    <div className="fp-sim-headline" data-testid="sim-headline">
      <Stat testId="sim-stat-contacts" label={t('sim.head.contacts')} value={fmtInt(h.contacts, lang)} sub={t('sim.head.enrolled', { n: fmtInt(h.enrolled, lang) })} />
      <Stat
        testId="sim-stat-conversion"
        label={t('sim.head.conversion')}
        value={h.hasGoal ? fmtShare(h.conversion, lang) : '—'}
        sub={h.hasGoal ? t('sim.head.converted', { n: fmtInt(h.converted, lang) }) : t('sim.head.noGoal')}
        tone="good"
      />
      <Stat testId="sim-stat-emails" label={t('sim.head.emails')} value={fmtInt(h.emailsSent, lang)} sub={t('sim.head.perContact', { n: fmtNum(h.emailsPerContact, lang, 1) })} />
      <Stat
        testId="sim-stat-unsubscribes"
        label={t('sim.head.unsubscribes')}
        value={fmtInt(h.unsubscribes, lang)}
        sub={t('sim.head.unsubscribeRate', { share: fmtShare(h.unsubscribeRate, lang, 2) })}
        tone="bad"
      />
    </div>
  );
}

function Stat({ label, value, sub, tone, testId }: { label: string; value: string; sub: string; tone?: 'good' | 'bad'; testId: string }) {
  return (
    <div className={`fp-sim-stat ${tone ? `is-${tone}` : ''}`} data-testid={testId}>
      <span className="fp-sim-stat-label">{label}</span>
      <strong className="fp-sim-stat-value">{value}</strong>
      <span className="fp-sim-stat-sub">{sub}</span>
    </div>
  );
}
