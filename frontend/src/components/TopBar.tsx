// The top bar: flow name, save state, Save, Publish and the language switch.
import { CircleAlert, Loader2, PanelLeft, Rocket, Save } from 'lucide-react';
import { useEffect, useState } from 'react';
import { LANGS } from '../api/types';
import { translate, type MessageKey } from '../i18n/dict';
import { useT } from '../i18n/useT';
import { isDirty, useEditor } from '../features/funnel/stores/editor';
import { useFunnel } from '../features/funnel/stores/funnel';
import { useSettings } from '../stores/settings';
import { ExportMenu } from '../features/funnel/screen/ExportMenu';
import { useNav } from '../stores/nav';

export function TopBar({ onToggleSidebar }: { onToggleSidebar: () => void }) {
  const { t } = useT();
  const meta = useEditor((s) => s.meta);
  const info = useEditor((s) => s.info);
  const dirty = useEditor(isDirty);
  const saving = useEditor((s) => s.saving);
  const saveError = useEditor((s) => s.saveError);
  const publishing = useEditor((s) => s.publishing);
  const errors = useEditor((s) => s.issues.filter((i) => i.severity === 'error').length);
  const lang = useSettings((s) => s.lang);
  const onFunnels = useNav((s) => s.screen === 'funnels');

  let status: { key: MessageKey; vars?: Record<string, string | number>; cls: string } | null = null;
  if (meta && onFunnels) {
    if (saving) status = { key: 'top.status.saving', cls: 'is-busy' };
    else if (saveError) status = { key: 'top.status.saveFailed', cls: 'is-error' };
    else if (dirty) status = { key: 'top.status.unsaved', cls: 'is-dirty' };
    else status = { key: 'top.status.saved', cls: 'is-saved' };
  }

  return (
    <header className="fp-topbar">
      <button type="button" className="fp-icon-btn" onClick={onToggleSidebar} title={t('top.toggleSidebar')} aria-label={t('top.toggleSidebar')} data-testid="toggle-sidebar">
        <PanelLeft size={18} />
      </button>
      <span className="fp-brand">Flightplan</span>
      {meta && onFunnels && <FlowName key={meta.id} name={meta.name} />}
      {status && (
        <span className={`fp-status ${status.cls}`} data-testid="save-status" title={saveError ?? undefined}>
          {status.cls === 'is-busy' && <Loader2 size={14} className="fp-spin" aria-hidden="true" />}
          {status.cls === 'is-dirty' && <span className="fp-dot" aria-hidden="true" />}
          {status.cls === 'is-error' && <CircleAlert size={14} aria-hidden="true" />}
          {t(status.key, status.vars)}
        </span>
      )}
      {meta && onFunnels && info && (
        <span className={`fp-live ${info.published_version > 0 ? 'is-live' : ''}`} data-testid="live-status">
          {info.published_version > 0 ? t('top.status.live', { version: info.published_version }) : t('top.status.neverPublished')}
        </span>
      )}
      <span className="fp-spacer" />
      {meta && onFunnels && (
        <>
          {onFunnels && <ExportMenu />}
          <button
            type="button"
            className="fp-btn"
            onClick={() => void useEditor.getState().save()}
            disabled={saving}
            title={t('top.saveHint')}
            data-testid="save"
          >
            <Save size={15} /> {t('top.save')}
          </button>
          <button
            type="button"
            className="fp-btn fp-btn-primary"
            onClick={() => void useFunnel.getState().requestPublish()}
            disabled={publishing}
            title={errors > 0 ? t('top.publishBlocked') : t('top.publishHint')}
            data-testid="publish"
          >
            <Rocket size={15} /> {t('top.publish')}
          </button>
        </>
      )}
      <div className="fp-lang" role="group" aria-label={t('lang.label')}>
        {LANGS.map((l) => (
          <button
            key={l}
            type="button"
            className={`fp-lang-btn ${lang === l ? 'is-on' : ''}`}
            aria-pressed={lang === l}
            // Each language is named in itself ("English", "Français"), so a
            // reader who does not read the current one still finds theirs.
            title={translate(l, `lang.${l}.long` as MessageKey)}
            lang={l}
            onClick={() => void useSettings.getState().setLang(l)}
            data-testid={`lang-${l}`}
          >
            {t(`lang.${l}` as MessageKey)}
          </button>
        ))}
      </div>
    </header>
  );
}

function FlowName({ name }: { name: string }) {
  const { t } = useT();
  const [value, setValue] = useState(name);
  useEffect(() => setValue(name), [name]);
  const commit = () => {
    if (value.trim() && value.trim() !== name) void useEditor.getState().rename(value);
    else setValue(name);
  };
  return (
    <input
      className="fp-flow-title"
      value={value}
      aria-label={t('top.nameLabel')}
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') {
          setValue(name);
          (e.target as HTMLInputElement).blur();
        }
      }}
      size={Math.max(8, Math.min(40, value.length + 1))}
      data-testid="flow-name"
    />
  );
}
