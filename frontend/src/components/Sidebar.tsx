// The flow list: open, create (blank or from the gallery), import, rename,
// duplicate, export, delete, and the map of funnels. A damaged flow shows
// its error and cannot be opened; the others open as usual.
import { importFunnelFile, useWorkspace } from '../stores/workspace';
import { AlertTriangle, CopyPlus, Download, Network, Pencil, Plus, Trash2, Upload } from 'lucide-react';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { FlowInfo } from '../api/types';
import { useT } from '../i18n/useT';
import { useEditor } from '../features/funnel/stores/editor';
import { useFlows } from '../features/funnel/stores/flows';
import { useSettings } from '../stores/settings';
import { toast } from '../stores/toasts';
import { ConfirmDialog } from './ConfirmDialog';
import { exportFlowFile } from '../features/funnel/screen/exporting';
import { useFunnelUi } from '../features/funnel/screen/ui';
import { msg } from '../i18n/message';

export function Sidebar() {
  const { t } = useT();
  const items = useFlows((s) => s.items);
  const loaded = useFlows((s) => s.loaded);
  const openId = useEditor((s) => s.flowId);
  const workspace = useSettings((s) => s.workspace);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<FlowInfo | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    await importFunnelFile(file);
  };

  return (
    <nav className="fp-sidebar" aria-label={t('flows.title')} data-testid="sidebar">
      <div className="fp-panel-head">
        <h2>{t('flows.title')}</h2>
      </div>
      <button type="button" className="fp-btn fp-btn-small fp-btn-primary fp-new-flow-btn" onClick={() => useFunnelUi.getState().open('new')} data-testid="new-flow">
        <Plus size={14} /> {t('flows.new')}
      </button>
      <div className="fp-sidebar-tools">
        <button type="button" className="fp-btn fp-btn-small fp-btn-ghost" onClick={() => fileInput.current?.click()} title={t('flows.importHint')} data-testid="import-flow">
          <Upload size={14} /> {t('flows.import')}
        </button>
        <button type="button" className="fp-btn fp-btn-small fp-btn-ghost" onClick={() => useFunnelUi.getState().open('map')} title={t('map.hint')} data-testid="open-map">
          <Network size={14} /> {t('map.open')}
        </button>
        <input ref={fileInput} type="file" accept=".json,.flightplan-funnel,application/json" hidden onChange={(e) => void importFile(e)} data-testid="import-file" />
      </div>
      <ul className="fp-flow-list">
        {loaded && items.length === 0 && <li className="fp-muted fp-flow-empty">{t('flows.empty')}</li>}
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
                onClick={() => (f.error ? toast('error', msg('flows.damaged', { error: f.error })) : void useEditor.getState().open(f.id))}
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
                  <>
                    <button
                      type="button"
                      className="fp-icon-btn"
                      onClick={() => setRenaming(f.id)}
                      title={t('common.rename')}
                      aria-label={`${t('common.rename')} ${f.name}`}
                      data-testid={`rename-flow-${f.id}`}
                    >
                      <Pencil size={14} />
                    </button>
                    <button
                      type="button"
                      className="fp-icon-btn"
                      onClick={() => void useFlows.getState().duplicate(f.id)}
                      title={t('flows.duplicate')}
                      aria-label={`${t('flows.duplicate')} ${f.name}`}
                      data-testid={`duplicate-flow-${f.id}`}
                    >
                      <CopyPlus size={14} />
                    </button>
                    <button
                      type="button"
                      className="fp-icon-btn"
                      onClick={() => void exportFlowFile(f.id, f.name)}
                      title={t('export.file')}
                      aria-label={`${t('export.file')} ${f.name}`}
                      data-testid={`export-flow-${f.id}`}
                    >
                      <Download size={14} />
                    </button>
                  </>
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
        <button type="button" className="fp-workspace" title={workspace} onClick={() => useWorkspace.getState().openDialog('hub')} data-testid="workspace-hub">
          {t('flows.workspace', { path: workspace.split(/[\\/]/).pop() ?? workspace })}
        </button>
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
        data-testid="rename-input"
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
