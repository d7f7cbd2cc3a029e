// The right-hand side of the funnel builder: the step's settings (with the
// problems list), the published versions, or a contact's path — one tab
// each.
import { History, Route, SlidersHorizontal } from 'lucide-react';
import type { ComponentType } from 'react';
import { Problems } from '../../../components/Problems';
import type { MessageKey } from '../../../i18n/dict';
import { useT } from '../../../i18n/useT';
import { Inspector } from '../inspector/Inspector';
import { useFunnel, type Panel } from '../stores/funnel';
import { HistoryPanel } from './HistoryPanel';
import { PathPanel } from './PathPanel';

const TABS: { id: Panel; label: MessageKey; icon: ComponentType<{ size?: number }> }[] = [
  { id: 'settings', label: 'side.settings', icon: SlidersHorizontal },
  { id: 'history', label: 'side.history', icon: History },
  { id: 'path', label: 'side.path', icon: Route },
];

export function FunnelSide() {
  const { t } = useT();
  const panel = useFunnel((s) => s.panel);
  return (
    <aside className="fp-right" aria-label={t('inspector.title')}>
      <div className="fp-tabs" role="tablist" aria-label={t('side.label')}>
        {TABS.map(({ id, label, icon: Icon }) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={panel === id}
            className={`fp-tab ${panel === id ? 'is-on' : ''}`}
            onClick={() => useFunnel.getState().setPanel(id)}
            data-testid={`tab-${id}`}
          >
            <Icon size={14} /> {t(label)}
          </button>
        ))}
      </div>
      {panel === 'settings' && (
        <>
          <Inspector />
          <Problems />
        </>
      )}
      {panel === 'history' && <HistoryPanel />}
      {panel === 'path' && <PathPanel />}
    </aside>
  );
}
