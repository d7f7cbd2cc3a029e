// One line per email step: how many were sent, opened, clicked, made people
// unsubscribe or bounced, with their rates.
import type { SimEmail } from '../../api/simulation';
import type { Flow } from '../../api/types';
import { useT } from '../../i18n/useT';
import { refName, useRefs } from '../../stores/refs';
import { rate } from '../../stores/simulationModel';
import { useStepName } from './Charts';
import { fmtInt, fmtShare } from './format';

export function EmailTable({ emails, flow }: { emails: SimEmail[]; flow: Flow }) {
  const { lang, t } = useT();
  const name = useStepName(flow);
  const refs = useRefs((s) => s.refs);
  // Emails and funnels by their names; a key only while the names load.
  const emailName = (key: string) => (key ? (refName(refs, 'template', key, lang) ?? key) : '');
  const flowName = (id: string) => refName(refs, 'flow', id, lang) ?? id;
  const mine = emails.filter((e) => e.flow === flow.id);
  // Another funnel's email is listed only when this run reached it (through
  // a "Go to another funnel" step): the simulation takes in every funnel
  // that can be gone to, and a row of zeros for one this funnel never sends
  // anyone to is only noise.
  const others = emails.filter((e) => e.flow !== flow.id && e.queued + e.skipped > 0);
  const cell = (n: number, of: number) => (
    <td className="fp-sim-num">
      {fmtInt(n, lang)} <span className="fp-sim-rate">{fmtShare(rate(n, of), lang)}</span>
    </td>
  );
  const rows = (list: SimEmail[], prefix: boolean) =>
    list.map((e) => (
      <tr key={`${e.flow}/${e.node}`} data-testid={`sim-email-${e.node}`}>
        <th scope="row">
          <span className="fp-sim-email-name">{prefix ? `${flowName(e.flow)} · ${emailName(e.template) || e.node}` : name(e.node)}</span>
          {!prefix && e.template && emailName(e.template) !== name(e.node) && (
            <span className="fp-sim-email-template">{t('sim.emails.sends', { email: emailName(e.template) })}</span>
          )}
        </th>
        <td className="fp-sim-num">{fmtInt(e.sent, lang)}</td>
        {cell(e.opened, e.sent)}
        {cell(e.clicked, e.sent)}
        {cell(e.unsubscribed, e.sent)}
        {cell(e.bounced, e.queued)}
        <td className="fp-sim-num">{fmtInt(e.skipped, lang)}</td>
      </tr>
    ));
  return (
    <section className="fp-sim-card fp-sim-emails" data-testid="sim-email-table">
      <h3>{t('sim.emails.title')}</h3>
      <p className="fp-sim-hint">{t('sim.emails.hint')}</p>
      {emails.length === 0 ? (
        <p className="fp-muted">{t('sim.emails.none')}</p>
      ) : (
        <table className="fp-sim-table">
          <thead>
            <tr>
              <th scope="col">{t('sim.emails.email')}</th>
              <th scope="col">{t('sim.emails.sent')}</th>
              <th scope="col">{t('sim.emails.opens')}</th>
              <th scope="col">{t('sim.emails.clicks')}</th>
              <th scope="col">{t('sim.emails.unsubscribes')}</th>
              <th scope="col">{t('sim.emails.bounces')}</th>
              <th scope="col" title={t('sim.emails.skippedHint')}>
                {t('sim.emails.skipped')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows(mine, false)}
            {rows(others, true)}
          </tbody>
        </table>
      )}
    </section>
  );
}
