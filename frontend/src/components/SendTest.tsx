// "Send a test to me": from the email editor (the draft as it is on screen)
// and from a send step (the email it names). The email is filled in as
// for a chosen contact (a sample contact unless one is picked by name or
// email) and sent to the user's own address — asked once, then remembered
// — through the configured relay or the test mailbox. The result says
// sent, or why not, in plain words.
import { CircleCheck, CircleX, Send } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/backend';
import type { EmailTemplate } from '../api/emails';
import { failuresApi, type ContactChoice, type TestResult } from '../api/failures';
import { useT } from '../i18n/useT';
import { Modal } from './Modal';

type Email = Partial<EmailTemplate> & { id: string };

/** SendTestButton opens the test dialog for an email (a draft, or {id} of a saved one); disabled without an email. */
export function SendTestButton({ email, testId = 'send-test' }: { email: Email | null; testId?: string }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="fp-btn fp-btn-small"
        disabled={!email?.id}
        title={email?.id ? undefined : t('sendTest.noEmail')}
        onClick={() => setOpen(true)}
        data-testid={testId}
      >
        <Send size={13} aria-hidden="true" /> {t('sendTest.button')}
      </button>
      {open && email?.id && <SendTestDialog email={email} onClose={() => setOpen(false)} />}
    </>
  );
}

export function SendTestDialog({ email, onClose }: { email: Email; onClose: () => void }) {
  const { t } = useT();
  const [to, setTo] = useState('');
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ContactChoice[]>([]);
  const [contact, setContact] = useState<ContactChoice | null>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    failuresApi()
      .myEmail()
      .then((v) => live && v && setTo((cur) => cur || v))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const q = search.trim();
    if (!q) {
      setFound([]);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      failuresApi()
        .findContacts(q)
        .then((cs) => live && setFound(cs))
        .catch(() => live && setFound([]));
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [search]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setResult(null);
    setError('');
    try {
      setResult(await failuresApi().sendTest(email, contact?.id ?? 0, to));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  const via = (r: TestResult) => (r.via === 'capture' ? t('sendTest.viaCapture') : r.via);

  return (
    <Modal title={t('sendTest.title')} onClose={onClose} testId="send-test-dialog">
      <form className="fp-send-test" onSubmit={submit}>
        <div className="fp-field">
          <label className="fp-label" htmlFor="send-test-to">
            {t('sendTest.myEmail')}
          </label>
          <input id="send-test-to" className="fp-input" type="email" value={to} onChange={(e) => setTo(e.target.value)} autoFocus required data-testid="send-test-to" />
          <p className="fp-muted fp-small">{t('sendTest.myEmailHelp')}</p>
        </div>
        <div className="fp-field">
          <label className="fp-label" htmlFor="send-test-contact">
            {t('sendTest.contact')}
          </label>
          <p className="fp-send-test-chosen" data-testid="send-test-chosen">
            {contact ? `${contact.name ? `${contact.name} · ` : ''}${contact.email}` : t('sendTest.sample')}
          </p>
          <input
            id="send-test-contact"
            className="fp-input"
            type="search"
            value={search}
            placeholder={t('sendTest.contactSearch')}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="send-test-search"
          />
          {(found.length > 0 || contact) && (
            <ul className="fp-send-test-found" role="listbox" aria-label={t('sendTest.contact')}>
              {contact && (
                <li>
                  <button type="button" className="fp-link-btn" onClick={() => setContact(null)} data-testid="send-test-sample">
                    {t('sendTest.sample')}
                  </button>
                </li>
              )}
              {found.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    role="option"
                    aria-selected={contact?.id === c.id}
                    className="fp-link-btn"
                    onClick={() => {
                      setContact(c);
                      setSearch('');
                    }}
                    data-testid={`send-test-contact-${c.id}`}
                  >
                    {c.name ? `${c.name} · ` : ''}
                    {c.email}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <button type="submit" className="fp-btn fp-btn-primary" disabled={sending || !to.trim()} data-testid="send-test-send">
          <Send size={14} aria-hidden="true" /> {sending ? t('sendTest.sending') : t('sendTest.send')}
        </button>
        {result && (
          <p className={`fp-send-test-result ${result.sent ? 'is-sent' : 'is-failed'}`} role="status" data-testid="send-test-result" data-sent={result.sent ? 'yes' : 'no'}>
            {result.sent ? <CircleCheck size={15} aria-hidden="true" /> : <CircleX size={15} aria-hidden="true" />}{' '}
            {result.sent ? t('sendTest.sent', { to: result.to, via: via(result), subject: result.subject }) : t('sendTest.notSent', { why: result.error ?? '' })}
          </p>
        )}
        {error && (
          <p className="fp-send-test-result is-failed" role="alert" data-testid="send-test-result" data-sent="no">
            <CircleX size={15} aria-hidden="true" /> {t('sendTest.notSent', { why: error })}
          </p>
        )}
      </form>
    </Modal>
  );
}
