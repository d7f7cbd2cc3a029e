// Workspace files in the app: the start screen's section (the open
// workspace, New, Open, Save a copy, Export for a client, the recent ones),
// the dialog each opens, the report of an imported packaged funnel, and
// the window's File menu, which asks for the same things.
import { Copy, Database, FolderOpen, FilePlus2, Send } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { workspaceApi } from '../api/workspace';
import type { MessageKey } from '../i18n/dict';
import { useT } from '../i18n/useT';
import { isDesktopWindow } from '../features/funnel/screen/exporting';
import { importFunnelFile, useWorkspace, type DialogKind } from '../stores/workspace';
import type { RecentWorkspace } from '../api/workspace';
import { Modal } from './Modal';
import { TeamWorkspaceDialog } from './TeamWorkspaceDialog';
import { DraftConflictNotice, DraftWatch } from './DraftConflict';

/** WorkspaceSection is the start screen's part about workspace files (and the hub dialog's body, heading-less). */
export function WorkspaceSection({ inDialog = false }: { inDialog?: boolean }) {
  const { t } = useT();
  const info = useWorkspace((s) => s.info);
  const open = useWorkspace((s) => s.openDialog);
  useEffect(() => void useWorkspace.getState().load(), []);
  if (!info) return null;
  const recent = info.recent.filter((r) => !r.missing);
  return (
    <section className={inDialog ? 'fp-workspace-hub' : 'fp-workspace-section'} aria-label={t('workspace.title')} data-testid="workspace-section">
      {!inDialog && <h2>{t('workspace.title')}</h2>}
      <p className="fp-muted" data-testid="workspace-current" title={info.path}>
        {t('workspace.current', { name: info.name })}
      </p>
      <div className="fp-workspace-actions">
        <button type="button" className="fp-btn" onClick={() => open('new')} data-testid="workspace-new">
          <FilePlus2 size={15} /> {t('workspace.new')}
        </button>
        <button type="button" className="fp-btn" onClick={() => open('open')} data-testid="workspace-open">
          <FolderOpen size={15} /> {t('workspace.open')}
        </button>
        <button type="button" className="fp-btn" onClick={() => useWorkspace.getState().openTeamDialog()} data-testid="workspace-team">
          <Database size={15} /> {t('team.open')}
        </button>
        <button type="button" className="fp-btn" onClick={() => open('copy')} data-testid="workspace-copy">
          <Copy size={15} /> {t('workspace.copy')}
        </button>
        <button type="button" className="fp-btn" onClick={() => open('client')} data-testid="workspace-client">
          <Send size={15} /> {t('workspace.client')}
        </button>
      </div>
      <h3>{t('workspace.recent')}</h3>
      {recent.length === 0 ? (
        <p className="fp-muted">{t('workspace.recentNone')}</p>
      ) : (
        <ul className="fp-workspace-recent" data-testid="workspace-recent">
          {recent.map((r) => (
            <RecentItem key={r.path} r={r} testId="workspace-recent-item" />
          ))}
        </ul>
      )}
    </section>
  );
}

/** RecentItem is one recent workspace: a file by its name and folder, a team workspace by its database and server (never its password, which is not kept there). */
function RecentItem({ r, testId }: { r: RecentWorkspace; testId?: string }) {
  const { t } = useT();
  const name = r.team ? (r.database ?? r.name) : r.name;
  return (
    <li data-team={r.team ? 'yes' : undefined}>
      <button
        type="button"
        className="fp-link-btn"
        title={r.path}
        aria-label={t('workspace.openNamed', { name: r.team ? `${name} (${t('team.recentPlace', { host: r.host ?? '' })})` : name })}
        onClick={() => void useWorkspace.getState().openRecent(r.path, r.name)}
        data-testid={testId}
      >
        {name}
      </button>
      {r.team ? (
        <>
          <span className="fp-team-badge">{t('team.badge')}</span>
          <span className="fp-muted fp-workspace-path">{t('team.recentPlace', { host: r.host ?? '' })}</span>
        </>
      ) : (
        <span className="fp-muted fp-workspace-path">{r.path}</span>
      )}
    </li>
  );
}

/** WorkspaceDialogs holds the workspace dialog, the import report and the File menu's listener. */
export function WorkspaceDialogs() {
  const { t } = useT();
  const dialog = useWorkspace((s) => s.dialog);
  const report = useWorkspace((s) => s.report);
  const importAsked = useWorkspace((s) => s.importAsked);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    try {
      return workspaceApi().onMenu((a) => useWorkspace.getState().menu(a));
    } catch {
      return undefined; // no window runtime (unit tests)
    }
  }, []);
  // The team workspace last used could not be opened at start-up (no
  // password from the keyring): its dialog, filled in, asks at once.
  useEffect(() => void useWorkspace.getState().askAtStart(), []);
  useEffect(() => {
    if (importAsked > 0) input.current?.click();
  }, [importAsked]);

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    await importFunnelFile(file);
  };

  return (
    <>
      <input ref={input} type="file" accept=".flightplan-funnel,.json,application/json" hidden onChange={(e) => void onFile(e)} data-testid="package-file" />
      {dialog === 'hub' && (
        <Modal title={t('workspace.title')} onClose={() => useWorkspace.getState().closeDialog()} testId="workspace-hub-dialog">
          <WorkspaceSection inDialog />
        </Modal>
      )}
      {dialog === 'team' && <TeamWorkspaceDialog />}
      <DraftWatch />
      <DraftConflictNotice />
      {dialog && dialog !== 'hub' && dialog !== 'team' && <WorkspaceDialog kind={dialog} />}
      {report && <PackageReportDialog />}
    </>
  );
}

const TITLE: Record<Exclude<DialogKind, 'hub' | 'team'>, MessageKey> = {
  new: 'workspace.dialog.new',
  copy: 'workspace.dialog.copy',
  client: 'workspace.dialog.client',
  open: 'workspace.dialog.open',
};
const HELP: Record<Exclude<DialogKind, 'hub' | 'team'>, MessageKey> = {
  new: 'workspace.help.new',
  copy: 'workspace.help.copy',
  client: 'workspace.help.client',
  open: 'workspace.help.open',
};
const SUBMIT: Record<Exclude<DialogKind, 'hub' | 'team'>, MessageKey> = {
  new: 'workspace.submit.new',
  copy: 'workspace.submit.copy',
  client: 'workspace.submit.client',
  open: 'workspace.submit.open',
};

function WorkspaceDialog({ kind }: { kind: Exclude<DialogKind, 'hub' | 'team'> }) {
  const { t } = useT();
  const info = useWorkspace((s) => s.info);
  const busy = useWorkspace((s) => s.busy);
  const error = useWorkspace((s) => s.error);
  const close = useWorkspace((s) => s.closeDialog);
  const [name, setName] = useState(() =>
    kind === 'copy' ? t('workspace.copyName', { name: info?.name ?? '' }) : kind === 'client' ? t('workspace.clientName', { name: info?.name ?? '' }) : '',
  );
  const [path, setPath] = useState('');
  const [withContacts, setWithContacts] = useState(false);
  const desktop = isDesktopWindow();
  const recent = (info?.recent ?? []).filter((r) => !r.missing);
  const ready = kind === 'open' ? !!path.trim() : !!name.trim();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready || busy) return;
    void useWorkspace.getState().submit(kind, kind === 'open' ? { path } : { name }, withContacts);
  };

  return (
    <Modal title={t(TITLE[kind])} onClose={close} testId="workspace-dialog">
      <form className="fp-workspace-form" onSubmit={submit}>
        <p className="fp-muted">{t(HELP[kind])}</p>
        {kind === 'open' ? (
          <>
            {recent.length > 0 && (
              <ul className="fp-workspace-recent">
                {recent.map((r) => (
                  <RecentItem key={r.path} r={r} />
                ))}
              </ul>
            )}
            <label className="fp-field">
              <span>{t('workspace.pathLabel')}</span>
              <input className="fp-input" value={path} onChange={(e) => setPath(e.target.value)} data-testid="workspace-path" autoFocus />
            </label>
          </>
        ) : (
          <label className="fp-field">
            <span>{t('workspace.name')}</span>
            <input className="fp-input" value={name} onChange={(e) => setName(e.target.value)} data-testid="workspace-name" autoFocus />
            {info?.folder && <span className="fp-muted fp-workspace-path">{t('workspace.folderHint', { folder: info.folder })}</span>}
          </label>
        )}
        {kind === 'client' && (
          <label className="fp-check">
            <input type="checkbox" checked={withContacts} onChange={(e) => setWithContacts(e.target.checked)} data-testid="workspace-with-contacts" />
            <span>{t('workspace.withContacts')}</span>
          </label>
        )}
        {error && (
          <p className="fp-field-error" role="alert" data-testid="workspace-error">
            {error}
          </p>
        )}
        <div className="fp-modal-actions">
          {desktop && (
            <button type="button" className="fp-btn" disabled={busy} onClick={() => void useWorkspace.getState().choose(kind, `${name.trim() || 'workspace'}.flightplan`, withContacts)} data-testid="workspace-browse">
              {t(kind === 'open' ? 'workspace.browseOpen' : 'workspace.browse')}
            </button>
          )}
          <button type="button" className="fp-btn" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="fp-btn fp-btn-primary" disabled={!ready || busy} data-testid="workspace-submit">
            {t(SUBMIT[kind])}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function PackageReportDialog() {
  const { t } = useT();
  const rep = useWorkspace((s) => s.report)!;
  const close = useWorkspace((s) => s.closeReport);
  const name = rep.flow.flow?.name ?? rep.flow.info.name;
  const kind = (k: string) => t(`package.kind.${k}` as MessageKey);
  return (
    <Modal title={t('package.title', { name })} onClose={close} testId="package-report">
      <p className={rep.ok ? 'fp-ok' : 'fp-field-error'} data-testid="package-verdict" data-ok={rep.ok ? 'yes' : 'no'}>
        {t(rep.ok ? 'package.ok' : 'package.notOk')}
      </p>
      <h3>{t('package.brought')}</h3>
      {rep.brought.length === 0 ? (
        <p className="fp-muted">{t('package.nothing')}</p>
      ) : (
        <ul className="fp-package-list" data-testid="package-brought">
          {rep.brought.map((it, i) => (
            <li key={i}>
              <strong>{kind(it.kind)}</strong> {it.name} <span className="fp-muted">— {t(`package.note.${it.note || 'new'}` as MessageKey)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('package.missing')}</h3>
      {rep.missing.length === 0 ? (
        <p className="fp-muted">{t('package.nothing')}</p>
      ) : (
        <ul className="fp-package-list" data-testid="package-missing">
          {rep.missing.map((it, i) => (
            <li key={i}>
              <strong>{kind(it.kind)}</strong> {it.name}
            </li>
          ))}
        </ul>
      )}
      <div className="fp-modal-actions">
        <button type="button" className="fp-btn fp-btn-primary" onClick={close} data-testid="package-close">
          {t('package.close')}
        </button>
      </div>
    </Modal>
  );
}
