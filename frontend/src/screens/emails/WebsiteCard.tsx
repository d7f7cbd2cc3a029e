// Settings → Website: the sites the workspace tracks, each with the code to
// paste in its pages (Copy button), "ask for consent first", and the
// workspace's Do Not Track setting. Addresses are checked by the engine,
// whose refusal comes in the UI language.
import { Copy, Globe, Plus, Trash2 } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { emailsApi } from '../../api/emails';
import { websiteApi, type Site } from '../../api/website';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/useT';
import { useSettings } from '../../stores/settings';
import { toast } from '../../stores/toasts';
import { SettingItem } from './WorkspaceSettings';
import { msg } from '../../i18n/message';

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function WebsiteCard() {
  const { t } = useT();
  const [sites, setSites] = useState<Site[] | null>(null);
  const [loadError, setLoadError] = useState('');
  const [origin, setOrigin] = useState('');
  const [name, setName] = useState('');
  const [addError, setAddError] = useState('');
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<Site | null>(null);
  const originId = useId();
  const nameId = useId();
  const dnt = useSettings((s) => s.entries?.find((e) => e.key === 'honour_dnt'));

  useEffect(() => {
    websiteApi()
      .sites()
      .then(setSites, (e) => setLoadError(errText(e)));
  }, []);

  const add = async () => {
    setBusy(true);
    try {
      setSites(await websiteApi().add(origin, name));
      setOrigin('');
      setName('');
      setAddError('');
      toast('success', msg('website.added'), 'website');
    } catch (e) {
      setAddError(errText(e));
    } finally {
      setBusy(false);
    }
  };
  const copy = async (text: string) => {
    const ok = await emailsApi().copyText(text);
    toast(ok ? 'success' : 'error', msg(ok ? 'settings.copied' : 'settings.copyFailed'), 'copy');
  };

  return (
    <section className="fp-card" data-testid="settings-website">
      <div className="fp-card-head">
        <h2>{t('website.title')}</h2>
      </div>
      <p className="fp-card-help">{t('website.help')}</p>
      {loadError && <p className="fp-field-error">{t('website.loadFailed', { message: loadError })}</p>}
      <form
        className="fp-website-add"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <div className="fp-grid-2">
          <div className="fp-field">
            <label className="fp-label" htmlFor={originId}>
              {t('website.address')}
            </label>
            <input
              id={originId}
              className="fp-input"
              value={origin}
              placeholder={t('website.addressPlaceholder')}
              onChange={(e) => setOrigin(e.target.value)}
              aria-invalid={!!addError}
              aria-describedby={addError ? `${originId}-err` : undefined}
              autoComplete="off"
              spellCheck={false}
              data-testid="website-origin"
            />
          </div>
          <div className="fp-field">
            <label className="fp-label" htmlFor={nameId}>
              {t('website.name')}
            </label>
            <input id={nameId} className="fp-input" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" data-testid="website-name" />
          </div>
        </div>
        {addError && (
          <p className="fp-field-error" id={`${originId}-err`} role="alert" data-testid="website-error">
            {addError}
          </p>
        )}
        <button type="submit" className="fp-btn fp-btn-primary" disabled={busy} data-testid="website-add">
          <Plus size={14} /> {t('website.add')}
        </button>
      </form>
      {sites && sites.length === 0 && (
        <p className="fp-muted" data-testid="website-none">
          {t('website.none')}
        </p>
      )}
      {sites?.map((s) => (
        <SiteBlock key={s.id} site={s} onCopy={copy} onChange={setSites} onRemove={() => setRemoving(s)} />
      ))}
      {dnt && (
        <div className="fp-settings-items">
          <SettingItem entry={dnt} />
        </div>
      )}
      {removing && (
        <ConfirmDialog
          title={t('website.remove')}
          body={t('website.removeConfirm', { site: removing.name || removing.origin })}
          confirm={t('website.remove')}
          testId="website-remove-confirm"
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const id = removing.id;
            setRemoving(null);
            websiteApi()
              .remove(id)
              .then(
                (list) => {
                  setSites(list);
                  toast('success', msg('website.removed'), 'website');
                },
                (e) => toast('error', errText(e), 'website'),
              );
          }}
        />
      )}
    </section>
  );
}

function SiteBlock({ site, onCopy, onChange, onRemove }: { site: Site; onCopy: (s: string) => void; onChange: (l: Site[]) => void; onRemove: () => void }) {
  const { t, lang } = useT();
  const consentId = useId();
  return (
    <div className="fp-website-site" data-testid="website-site" data-origin={site.origin}>
      <div className="fp-row fp-row-between">
        <h3 className="fp-sub">
          <Globe size={14} /> {site.name ? `${site.name} — ` : ''}
          <span className="fp-mono" data-verbatim>
            {site.origin}
          </span>
        </h3>
        <button type="button" className="fp-btn fp-btn-small" onClick={onRemove} data-testid="website-remove">
          <Trash2 size={13} /> {t('website.remove')}
        </button>
      </div>
      <p className="fp-field-help" data-testid="website-seen">
        {site.seen?.visitors
          ? t(site.seen.visitors === 1 ? 'website.seenOne' : 'website.seenMany', { n: formatNumber(site.seen.visitors, lang), when: site.seen.last ? formatDateTime(site.seen.last, lang) : '' })
          : t('website.seenNone')}
      </p>
      <div className="fp-row fp-row-between">
        <span className="fp-label">{t('website.snippet')}</span>
        <button type="button" className="fp-btn fp-btn-small" onClick={() => onCopy(site.snippet)} data-testid="website-copy">
          <Copy size={13} /> {t('website.copy')}
        </button>
      </div>
      <pre className="fp-plain fp-mono fp-website-snippet" data-testid="website-snippet" data-verbatim>
        {site.snippet}
      </pre>
      <label className="fp-switch" htmlFor={consentId}>
        <input
          id={consentId}
          type="checkbox"
          role="switch"
          checked={site.require_consent}
          aria-checked={site.require_consent}
          onChange={(e) =>
            websiteApi()
              .setConsent(site.id, e.target.checked)
              .then(onChange, (err) => toast('error', errText(err), 'website'))
          }
          data-testid="website-consent"
        />
        <span>{t('website.consent')}</span>
      </label>
      <p className="fp-field-help">{t('website.consentHelp')}</p>
    </div>
  );
}
