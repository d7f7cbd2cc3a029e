// The funnel builder's dialogs, and "?" for the shortcuts.
import { useEffect } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useT } from '../../../i18n/useT';
import { cancelDelete, confirmDelete } from './deleting';
import { isTyping } from '../hooks/useShortcuts';
import { FlowsMap } from './FlowsMap';
import { NewFunnelDialog } from './NewFunnelDialog';
import { PrintView } from './PrintView';
import { PublishConfirm } from './PublishConfirm';
import { ShortcutHelp } from './ShortcutHelp';
import { useFunnelUi } from './ui';
import './funnels.css';

export function FunnelDialogs() {
  const { t } = useT();
  const dialog = useFunnelUi((s) => s.dialog);
  const deleting = useFunnelUi((s) => s.deleting);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('.fp-modal-backdrop')) return;
      e.preventDefault();
      useFunnelUi.getState().open('shortcuts');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      {dialog === 'new' && <NewFunnelDialog />}
      {dialog === 'map' && <FlowsMap />}
      {dialog === 'shortcuts' && <ShortcutHelp />}
      {dialog === 'print' && <PrintView />}
      <PublishConfirm />
      {deleting > 0 && (
        <ConfirmDialog
          title={t('room.deleteMany.title', { count: deleting })}
          body={t('room.deleteMany.body')}
          confirm={t('room.deleteMany.confirm', { count: deleting })}
          onCancel={cancelDelete}
          onConfirm={confirmDelete}
          testId="confirm-delete"
        />
      )}
    </>
  );
}
