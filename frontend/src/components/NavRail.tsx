// The navigation rail: one button per section, icon above a short label.
import { ClipboardList, Code2, FlaskConical, Inbox, Mail, Settings, Users, Workflow } from 'lucide-react';
import type { ComponentType } from 'react';
import { useT } from '../i18n/useT';
import { useFailures } from '../stores/failures';
import { SCREENS, useNav, type Screen } from '../stores/nav';

const ICONS: Record<Screen, ComponentType<{ size?: number }>> = {
  funnels: Workflow,
  simulate: FlaskConical,
  contacts: Users,
  emails: Mail,
  mailbox: Inbox,
  forms: ClipboardList,
  scripts: Code2,
  settings: Settings,
};

export function NavRail() {
  const { t } = useT();
  const screen = useNav((s) => s.screen);
  // The notification area: what failed while running, on the funnels entry.
  const failed = useFailures((s) => s.total);
  return (
    <nav className="fp-rail" aria-label={t('nav.label')}>
      {SCREENS.map((s) => {
        const Icon = ICONS[s];
        return (
          <button
            key={s}
            type="button"
            className={`fp-rail-btn ${s === screen ? 'is-active' : ''}`}
            aria-current={s === screen ? 'page' : undefined}
            data-testid={`nav-${s}`}
            onClick={() => useNav.getState().go(s)}
          >
            <Icon size={18} />
            <span>{t(`nav.${s}`)}</span>
            {s === 'funnels' && failed > 0 && (
              <span className="fp-rail-alert" title={t('failures.navBadge', { count: failed })} aria-label={t('failures.navBadge', { count: failed })} data-testid="nav-failures">
                {failed}
              </span>
            )}
          </button>
        );
      })}
    </nav>
  );
}
