// The funnel builder's dialogs, and "?" for the shortcuts.
import { useEffect } from 'react';
import { isTyping } from '../hooks/useShortcuts';
import { FlowsMap } from './FlowsMap';
import { NewFunnelDialog } from './NewFunnelDialog';
import { PrintView } from './PrintView';
import { PublishConfirm } from './PublishConfirm';
import { ShortcutHelp } from './ShortcutHelp';
import { useFunnelUi } from './ui';
import './funnels.css';

export function FunnelDialogs() {
  const dialog = useFunnelUi((s) => s.dialog);

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
    </>
  );
}
