// The Mailbox screen: the offline capture mailbox. Every email the engine
// sends while no SMTP relay is set lands here instead of leaving the
// computer. Clicking a link in a message counts as the contact's click.
import { CheckCircle2, ExternalLink, Inbox, Link as LinkIcon, Loader2, RefreshCw, TriangleAlert, X } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { emailsApi, type MailView } from '../../api/emails';
import type { Lang } from '../../api/types';
import type { MessageKey } from '../../i18n/dict';
import { formatDayTime, formatTime } from '../../i18n/format';
import { useT } from '../../i18n/useT';
import { MAILBOX_POLL_MS, useMailbox, type LinkOutcome } from '../../stores/emailsMailbox';
import { EmailFrame } from './EmailFrame';
import './emails.css';
import { ScreenTitle } from '../../components/ScreenTitle';

/** MailLinkItem is one link of a message, for the list under it. */
export interface MailLinkItem {
  href: string;
  text: string;
}

/** extractLinks lists a message's web links (once each), with their visible text. */
export function extractLinks(html: string): MailLinkItem[] {
  if (!html || typeof DOMParser === 'undefined') return [];
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const seen = new Set<string>();
  const out: MailLinkItem[] = [];
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href')?.trim() ?? '';
    if (!/^https?:\/\//i.test(href) || seen.has(href)) continue;
    seen.add(href);
    const img = a.querySelector('img');
    out.push({ href, text: (a.textContent ?? '').replace(/\s+/g, ' ').trim() || img?.getAttribute('alt') || '' });
  }
  return out;
}

/** formatWhen shows a time for today's messages, and the date before otherwise. */
export function formatWhen(iso: string, lang: Lang, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay ? formatTime(d, lang) : formatDayTime(d, lang);
}

export function MailboxScreen() {
  const { t, lang } = useT();
  const messages = useMailbox((s) => s.messages);
  const status = useMailbox((s) => s.status);
  const error = useMailbox((s) => s.error);
  const selectedId = useMailbox((s) => s.selectedId);
  const seen = useMailbox((s) => s.seen);

  useEffect(() => {
    const st = useMailbox.getState();
    void st.refresh();
    if (st.selectedId !== null) void st.open(st.selectedId);
    const timer = setInterval(() => {
      if (!document.hidden) void useMailbox.getState().refresh();
    }, MAILBOX_POLL_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <main className="fp-main fp-mb" data-testid="screen-mailbox">
      <ScreenTitle screen="mailbox" />
      <aside className="fp-mb-list" aria-label={t('mailbox.title')}>
        <div className="fp-panel-head">
          <h2>{t('mailbox.title')}</h2>
          <button type="button" className="fp-icon-btn" onClick={() => void useMailbox.getState().refresh()} aria-label={t('mailbox.refresh')} title={t('mailbox.refresh')} data-testid="mailbox-refresh">
            <RefreshCw size={15} />
          </button>
        </div>
        <p className="fp-hint">{t('mailbox.hint')}</p>
        {status === 'error' && <p className="fp-field-error fp-pad">{t('mailbox.loadFailed', { message: error ?? '' })}</p>}
        {status === 'ready' && messages.length === 0 && (
          <div className="fp-mb-empty" data-testid="mailbox-empty">
            <Inbox size={28} aria-hidden="true" />
            <p>{t('mailbox.empty')}</p>
          </div>
        )}
        <ul className="fp-mb-items" data-testid="mailbox-list">
          {messages.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className={`fp-mb-item ${m.id === selectedId ? 'is-on' : ''} ${seen[m.id] ? '' : 'is-new'}`}
                onClick={() => void useMailbox.getState().open(m.id)}
                data-testid={`mail-${m.id}`}
                aria-current={m.id === selectedId}
              >
                <span className="fp-mb-row">
                  <span className="fp-mb-to" title={m.to}>{m.to}</span>
                  <time className="fp-mb-time" dateTime={m.received_at}>
                    {formatWhen(m.received_at, lang)}
                  </time>
                </span>
                <span className="fp-mb-subject">{m.subject || t('emails.preview.noSubject')}</span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <MessageView />
    </main>
  );
}

type Tab = 'html' | 'text' | 'headers';

function MessageView() {
  const { t, lang } = useT();
  const message = useMailbox((s) => s.message);
  const selectedId = useMailbox((s) => s.selectedId);
  const loading = useMailbox((s) => s.loadingMessage);
  const error = useMailbox((s) => s.messageError);
  const item = useMailbox((s) => s.messages.find((m) => m.id === s.selectedId));
  const [tab, setTab] = useState<Tab>('html');
  const links = useMemo(() => extractLinks(message?.html ?? ''), [message]);

  if (selectedId === null) {
    return (
      <section className="fp-mb-view is-centre">
        <div className="fp-empty">
          <p>{t('mailbox.pick')}</p>
        </div>
      </section>
    );
  }
  if (error) {
    return (
      <section className="fp-mb-view fp-pad">
        <p className="fp-field-error">{t('mailbox.openFailed', { message: error })}</p>
      </section>
    );
  }
  if (!message || message.id !== selectedId) {
    return (
      <section className="fp-mb-view is-centre">
        {loading && <Loader2 size={20} className="fp-spin" aria-label={t('app.loading')} />}
      </section>
    );
  }
  const tabs: { id: Tab; key: MessageKey }[] = [
    { id: 'html', key: 'mailbox.tab.html' },
    { id: 'text', key: 'mailbox.tab.text' },
    { id: 'headers', key: 'mailbox.tab.headers' },
  ];
  return (
    <section className="fp-mb-view" aria-label={message.subject} data-testid="mail-view">
      <header className="fp-mb-head">
        <h2 data-testid="mail-subject">{message.subject || t('emails.preview.noSubject')}</h2>
        <dl>
          <dt>{t('mailbox.from')}</dt>
          <dd>{message.from}</dd>
          <dt>{t('mailbox.to')}</dt>
          <dd data-testid="mail-to">{message.to}</dd>
          {item && (
            <>
              <dt>{t('mailbox.received')}</dt>
              <dd>{formatWhen(item.received_at, lang)}</dd>
            </>
          )}
        </dl>
        <div className="fp-tabs" role="tablist" aria-label={t('mailbox.view')}>
          {tabs.map(({ id, key }) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} className={`fp-tab ${tab === id ? 'is-on' : ''}`} onClick={() => setTab(id)} data-testid={`mail-tab-${id}`}>
              {t(key)}
            </button>
          ))}
        </div>
      </header>
      <LinkBanner />
      <div className="fp-mb-body">
        {tab === 'html' &&
          (message.html ? (
            <>
              <EmailFrame fill html={message.html} width={680} title={t('mailbox.frame')} onLink={(url) => void useMailbox.getState().followLink(url)} testId="mail-frame" />
              <LinkList links={links} />
            </>
          ) : (
            <p className="fp-muted fp-pad">{t('mailbox.noHtml')}</p>
          ))}
        {tab === 'text' && (
          <pre className="fp-plain" data-testid="mail-text">
            {message.text || t('mailbox.noText')}
          </pre>
        )}
        {tab === 'headers' && <Headers message={message} />}
      </div>
    </section>
  );
}

function LinkList({ links }: { links: readonly MailLinkItem[] }) {
  const { t } = useT();
  const busy = useMailbox((s) => s.linkBusy);
  if (links.length === 0) return null;
  return (
    <div className="fp-mb-links" data-testid="mail-links">
      <h3>{t('mailbox.links.title')}</h3>
      <p className="fp-field-help">{t('mailbox.links.help')}</p>
      <ul>
        {links.map((l, i) => (
          <li key={l.href}>
            <LinkIcon size={13} aria-hidden="true" />
            <span className="fp-mb-link-text">{l.text || t('mailbox.links.noText')}</span>
            <button type="button" className="fp-btn fp-btn-small" disabled={busy} onClick={() => void useMailbox.getState().followLink(l.href)} data-testid={`mail-link-${i}`}>
              {t('mailbox.links.click')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

const LINK_TEXT: Record<LinkOutcome['kind'], MessageKey> = {
  click: 'mailbox.link.click',
  open: 'mailbox.link.open',
  unsubscribe: 'mailbox.link.unsubscribe',
  unsubscribed: 'mailbox.link.unsubscribed',
  external: 'mailbox.link.external',
  error: 'mailbox.link.error',
};

function LinkBanner() {
  const { t } = useT();
  const link = useMailbox((s) => s.link);
  const busy = useMailbox((s) => s.linkBusy);
  if (!link && !busy) return null;
  if (!link) {
    return (
      <div className="fp-callout" data-testid="link-outcome">
        <Loader2 size={14} className="fp-spin" /> {t('mailbox.link.following')}
      </div>
    );
  }
  const good = link.kind === 'click' || link.kind === 'open' || link.kind === 'unsubscribed';
  const canOpen = (link.kind === 'click' || link.kind === 'external') && /^https?:\/\//.test(link.destination);
  return (
    <div className={`fp-callout ${link.kind === 'error' ? 'is-error' : good ? 'is-success' : 'is-warning'}`} role="status" data-testid="link-outcome" data-kind={link.kind}>
      {good ? <CheckCircle2 size={16} aria-hidden="true" /> : <TriangleAlert size={16} aria-hidden="true" />}
      <div className="fp-callout-text">
        <p>{t(LINK_TEXT[link.kind], { destination: link.destination, message: link.error ?? '' })}</p>
        <div className="fp-row">
          {canOpen && (
            <button type="button" className="fp-btn fp-btn-small" onClick={() => emailsApi().openExternal(link.destination)}>
              <ExternalLink size={13} /> {t('mailbox.link.openBrowser')}
            </button>
          )}
          {link.kind === 'unsubscribe' && (
            <button type="button" className="fp-btn fp-btn-small fp-btn-danger" disabled={busy} onClick={() => void useMailbox.getState().unsubscribe(link.url)} data-testid="link-unsubscribe">
              {t('mailbox.link.unsubscribeDo')}
            </button>
          )}
        </div>
      </div>
      <button type="button" className="fp-icon-btn" onClick={() => useMailbox.getState().clearLink()} aria-label={t('common.close')}>
        <X size={14} />
      </button>
    </div>
  );
}

function Headers({ message }: { message: MailView }) {
  const rows = Object.entries(message.headers ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <table className="fp-mb-headers" data-testid="mail-headers">
      <tbody>
        {rows.flatMap(([k, vs]) =>
          vs.map((v, i) => (
            <tr key={`${k}-${i}`}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
