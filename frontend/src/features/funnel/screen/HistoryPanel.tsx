// The funnel's published versions, newest first, each with "Restore as
// draft" (after a confirmation: the draft being edited is replaced) and
// "Compare with current" (simulated against the draft, on the Simulate screen).
import { GitCompare, History, Loader2, RotateCcw } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { Version } from '../../../api/funnels';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useT } from '../../../i18n/useT';
import { useEditor } from '../stores/editor';
import { useFunnel } from '../stores/funnel';
import { formatWhen } from './when';
import { useSimulation } from '../../../stores/simulation';
import { useNav } from '../../../stores/nav';

export function HistoryPanel() {
  const { t, lang } = useT();
  const flowId = useEditor((s) => s.flowId);
  const live = useEditor((s) => s.info?.published_version ?? 0);
  const versions = useFunnel((s) => s.versions);
  const versionsFor = useFunnel((s) => s.versionsFor);
  const loading = useFunnel((s) => s.versionsLoading);
  const restoring = useFunnel((s) => s.restoring);
  const [asking, setAsking] = useState<Version | null>(null);

  useEffect(() => {
    if (flowId && versionsFor !== flowId) void useFunnel.getState().loadVersions();
  }, [flowId, versionsFor, live]);

  const list = versionsFor === flowId ? versions : [];
  return (
    <section className="fp-side-panel" aria-label={t('history.title')} data-testid="history-panel">
      <div className="fp-panel-head">
        <h2>
          <History size={15} aria-hidden="true" /> {t('history.title')}
        </h2>
      </div>
      <p className="fp-hint">{t('history.help')}</p>
      {loading && list.length === 0 && <p className="fp-muted">{t('app.loading')}</p>}
      {!loading && list.length === 0 && <p className="fp-muted" data-testid="history-empty">{t('history.none')}</p>}
      <ol className="fp-versions">
        {list.map((v) => (
          <li key={v.version} className={`fp-version ${v.version === live ? 'is-live' : ''}`} data-testid={`version-${v.version}`}>
            <div className="fp-version-head">
              <strong>{t('history.version', { version: v.version })}</strong>
              {v.version === live && <span className="fp-pill is-live">{t('history.live')}</span>}
            </div>
            <div className="fp-muted fp-small">{t('history.publishedAt', { when: formatWhen(v.published_at, lang) })}</div>
            {v.note && <div className="fp-version-note">{v.note}</div>}
            <button
              type="button"
              className="fp-btn fp-btn-small"
              onClick={() => setAsking(v)}
              disabled={restoring !== null}
              data-testid={`restore-${v.version}`}
            >
              {restoring === v.version ? <Loader2 size={13} className="fp-spin" aria-hidden="true" /> : <RotateCcw size={13} aria-hidden="true" />}{' '}
              {t('history.restore')}
            </button>{' '}
            <button
              type="button"
              className="fp-btn fp-btn-small"
              title={t('sim.compare.withCurrentHint')}
              onClick={() => {
                if (!flowId) return;
                useNav.getState().go('simulate');
                void useSimulation.getState().compareVersion(flowId, v.version);
              }}
              data-testid={`compare-version-${v.version}`}
            >
              <GitCompare size={13} aria-hidden="true" /> {t('sim.compare.withCurrent')}
            </button>
          </li>
        ))}
      </ol>
      {asking && (
        <ConfirmDialog
          tone="primary"
          title={t('history.confirmTitle', { version: asking.version })}
          body={t('history.confirmBody', { version: asking.version })}
          confirm={t('history.restore')}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            const v = asking.version;
            setAsking(null);
            void useFunnel.getState().restore(v);
          }}
        />
      )}
    </section>
  );
}
