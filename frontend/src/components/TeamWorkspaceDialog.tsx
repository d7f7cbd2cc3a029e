// The dialog that opens a team workspace (one kept on a database server)
// by its address: the server's parts or a pasted postgres:// address, the
// password, "Remember", a Test button that says in words what the server
// answered, and Open (or "Set it up and open" for an empty database).
// Reopened for a recent team workspace whose password the keyring could
// not give, it comes filled in and says why the password is asked.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { workspaceApi, type TeamAddress, type TeamCheck } from '../api/workspace';
import { errorMessage } from '../api/backend';
import type { MessageKey } from '../i18n/dict';
import { useT } from '../i18n/useT';
import { useWorkspace } from '../stores/workspace';
import { Modal } from './Modal';
import './team.css';

/** checkText words what the server answered, or '' when there is nothing to say. */
export function checkText(t: ReturnType<typeof useT>['t'], c: TeamCheck): string {
  if (c.state === 'address') return t(`team.field.${c.field || 'url'}` as MessageKey);
  const key = `team.state.${c.state}` as MessageKey;
  return t(key, { name: c.name ?? '', host: c.host ?? '', database: c.database ?? '', detail: c.detail ?? '' });
}

export function TeamWorkspaceDialog() {
  const { t } = useT();
  const prefill = useWorkspace((s) => s.team);
  const busy = useWorkspace((s) => s.busy);
  const error = useWorkspace((s) => s.error);
  const close = useWorkspace((s) => s.closeDialog);
  const start = prefill?.address;
  const [host, setHost] = useState(start?.host ?? '');
  const [port, setPort] = useState(start?.port ? String(start.port) : '5432');
  const [database, setDatabase] = useState(start?.database ?? '');
  const [user, setUser] = useState(start?.user ?? '');
  const [url, setUrl] = useState(start?.url ?? '');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const [check, setCheck] = useState<TeamCheck | null>(prefill?.reason ? null : (prefill?.check ?? null));
  const [testing, setTesting] = useState(false);
  // Asked again for a recent workspace, the password is what is missing:
  // the cursor goes there once the dialog has taken focus.
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!prefill) return;
    const id = setTimeout(() => passwordRef.current?.focus(), 0);
    return () => clearTimeout(id);
  }, [prefill]);

  const address = (): TeamAddress => ({
    url: url.trim(),
    host: host.trim(),
    port: Number(port.trim() || '5432') || -1,
    database: database.trim(),
    user: user.trim(),
    password,
  });

  const test = async () => {
    setTesting(true);
    try {
      setCheck(await workspaceApi().checkTeam(address()));
    } catch (err) {
      setCheck({ state: 'failed', detail: errorMessage(err) });
    } finally {
      setTesting(false);
    }
  };

  const open = async (setUp: boolean) => {
    if (busy) return;
    try {
      const res = await useWorkspace.getState().openTeam(address(), remember, setUp);
      if (!res.opened) setCheck(res.check);
    } catch {
      /* the store shows the error */
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void open(false);
  };

  const state = check?.state;
  const good = state === 'ready' || state === 'empty';
  return (
    <Modal title={t('team.title')} onClose={close} testId="team-dialog">
      <form className="fp-workspace-form" onSubmit={submit}>
        {prefill?.reason ? (
          <p className="fp-field-error" role="alert" data-testid="team-reason" data-reason={prefill.reason}>
            {t(`team.reason.${prefill.reason}` as MessageKey, { name: prefill.name })}
            {prefill.startedOn ? ` ${t('team.startedOn', { name: prefill.startedOn })}` : ''}
          </p>
        ) : (
          <p className="fp-muted">{t('team.help')}</p>
        )}
        <div className="fp-team-grid">
          <label className="fp-field">
            <span>{t('team.host')}</span>
            <input className="fp-input" value={host} onChange={(e) => setHost(e.target.value)} disabled={!!url.trim()} autoFocus={!prefill} data-testid="team-host" />
          </label>
          <label className="fp-field">
            <span>{t('team.port')}</span>
            <input className="fp-input" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} disabled={!!url.trim()} data-testid="team-port" />
          </label>
        </div>
        <div className="fp-team-grid is-even">
          <label className="fp-field">
            <span>{t('team.database')}</span>
            <input className="fp-input" value={database} onChange={(e) => setDatabase(e.target.value)} disabled={!!url.trim()} data-testid="team-database" />
          </label>
          <label className="fp-field">
            <span>{t('team.user')}</span>
            <input className="fp-input" value={user} onChange={(e) => setUser(e.target.value)} disabled={!!url.trim()} autoComplete="username" data-testid="team-user" />
          </label>
        </div>
        <label className="fp-field">
          <span>{t('team.password')}</span>
          <input className="fp-input" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" ref={passwordRef} data-testid="team-password" />
        </label>
        <label className="fp-field">
          <span>{t('team.url')}</span>
          <input className="fp-input" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="postgres://…" spellCheck={false} data-testid="team-url" />
          <span className="fp-field-help">{t('team.urlHint')}</span>
        </label>
        <label className="fp-check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} data-testid="team-remember" />
          <span>{t('team.remember')}</span>
        </label>
        {check && (
          <p className={`fp-team-result ${good ? 'fp-ok' : 'fp-field-error'}`} role={good ? 'status' : 'alert'} data-testid="team-result" data-state={check.state}>
            {checkText(t, check)}
          </p>
        )}
        {error && (
          <p className="fp-field-error" role="alert" data-testid="workspace-error">
            {error}
          </p>
        )}
        <div className="fp-modal-actions">
          <button type="button" className="fp-btn" disabled={testing || busy} onClick={() => void test()} data-testid="team-test">
            {t(testing ? 'team.testing' : 'team.test')}
          </button>
          <button type="button" className="fp-btn" onClick={close}>
            {t('common.cancel')}
          </button>
          {state === 'empty' ? (
            <button type="button" className="fp-btn fp-btn-primary" disabled={busy} onClick={() => void open(true)} data-testid="team-setup">
              {t('team.setUp')}
            </button>
          ) : (
            <button type="submit" className="fp-btn fp-btn-primary" disabled={busy} data-testid="team-submit">
              {t('team.submit')}
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
