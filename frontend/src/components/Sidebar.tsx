// The flow list: open, create, rename, delete. A damaged flow shows its
// error and cannot be opened; the others open as usual.
import { AlertTriangle, Pencil, Plus, Trash2 } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import type { FlowInfo } from '../api/types';
import { useT } from '../i18n/useT';
import { useEditor } from '../stores/editor';
import { useFlows } from '../stores/flows';
import { useSettings } from '../stores/settings';
import { toast } from '../stores/toasts';
import { ConfirmDialog } from './ConfirmDialog';

export function Sidebar() {
  const { t } = useT();
  const items = useFlows((s) => s.items);
  const loaded = useFlows((s) => s.loaded);
  const openId = useEditor((s) => s.flowId);
  const workspace = useSettings((s) => s.workspace);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<FlowInfo | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    const id = await useFlows.getState().create(name.trim());
    if (id) {
      setName('');
      setCreating(false);
    }
  };

  return (
    <nav className="fp-sidebar" aria-label={t('flows.title')} data-testid="sidebar">
      <div className="fp-panel-head">
        <h2>{t('flows.title')}</h2>
      </div>
      {!creating && (
        <button type="button" className="fp-btn fp-btn-small fp-btn-primary fp-new-flow-btn" onClick={() => setCreating(true)} data-testid="new-flow">
          <Plus size={14} /> {t('flows.new')}
        </button>
      )}
      {creating && (
        <form className="fp-new-flow" onSubmit={create}>
          <input
            autoFocus
            className="fp-input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('flows.newPlaceholder')}
            aria-label={t('flows.new')}
            data-testid="new-flow-name"
            onKeyDown={(e) => e.key === 'Escape' && setCreating(false)}
          />
          <div className="fp-row">
            <button type="submit" className="fp-btn fp-btn-small fp-btn-primary" disabled={!name.trim()} data-testid="new-flow-create">
              {t('common.create')}
            </button>
            <button type="button" className="fp-btn fp-btn-small" onClick={() => setCreating(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <ul className="fp-flow-list">
        {loaded && items.length === 0 && !creating && <li className="fp-muted fp-flow-empty">{t('flows.empty')}</li>}
        {items.map((f) =>
          renaming === f.id ? (
            <li key={f.id}>
              <RenameForm flow={f} onDone={() => setRenaming(null)} />
            </li>
          ) : (
            <li key={f.id} className={`fp-flow ${openId === f.id ? 'is-open' : ''} ${f.error ? 'is-damaged' : ''}`}>
              <button
                type="button"
                className="fp-flow-open"
                aria-current={openId === f.id ? 'page' : undefined}
                onClick={() => (f.error ? toast('error', t('flows.damaged', { error: f.error })) : void useEditor.getState().open(f.id))}
                data-testid={`flow-${f.id}`}
              >
                <span className="fp-flow-name">{f.name || f.id}</span>
                {f.error ? (
                  <span className="fp-flow-error">
                    <AlertTriangle size={12} aria-hidden="true" /> {t('flows.damaged', { error: f.error })}
                  </span>
                ) : (
                  <span className={`fp-flow-state ${f.published_version > 0 ? 'is-live' : ''}`}>
                    {f.published_version > 0 ? t('flows.live', { version: f.published_version }) : t('flows.draft')}
                  </span>
                )}
              </button>
              <span className="fp-flow-actions">
                {!f.error && (
                  <button type="button" className="fp-icon-btn" onClick={() => setRenaming(f.id)} title={t('common.rename')} aria-label={`${t('common.rename')} ${f.name}`}>
                    <Pencil size={14} />
                  </button>
                )}
                <button
                  type="button"
                  className="fp-icon-btn"
                  onClick={() => setDeleting(f)}
                  title={t('common.delete')}
                  aria-label={`${t('common.delete')} ${f.name}`}
                  data-testid={`delete-flow-${f.id}`}
                >
                  <Trash2 size={14} />
                </button>
              </span>
            </li>
          ),
        )}
      </ul>
      {workspace && (
        <p className="fp-workspace" title={workspace}>
          {t('flows.workspace', { path: workspace.split(/[\\/]/).pop() ?? workspace })}
        </p>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('flows.deleteTitle', { name: deleting.name || deleting.id })}
          body={t('flows.deleteBody')}
          confirm={t('common.delete')}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(null);
            void useFlows.getState().remove(id);
          }}
        />
      )}
    </nav>
  );
}

function RenameForm({ flow, onDone }: { flow: FlowInfo; onDone: () => void }) {
  const { t } = useT();
  const [name, setName] = useState(flow.name);
  const done = useRef(false);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (done.current) return;
    done.current = true;
    if (name.trim() && name.trim() !== flow.name) await useFlows.getState().rename(flow.id, name);
    onDone();
  };
  return (
    <form className="fp-new-flow" onSubmit={submit}>
      <input
        autoFocus
        className="fp-input"
        value={name}
        aria-label={t('flows.renameLabel')}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            done.current = true;
            onDone();
          }
        }}
        onBlur={() => void submit()}
      />
    </form>
  );
}
