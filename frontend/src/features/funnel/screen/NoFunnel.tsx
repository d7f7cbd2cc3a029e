// What the funnels screen shows with no funnel open: the gallery of ready
// funnels, a blank one, and the workspace's files (new, open, copies).
import { FilePlus2 } from 'lucide-react';
import { useT } from '../../../i18n/useT';
import { WorkspaceSection } from '../../../components/Workspaces';
import { useFlows } from '../stores/flows';
import { GalleryGrid } from './Gallery';
import { useFunnelUi } from './ui';

export function NoFunnel() {
  const { t } = useT();
  const loaded = useFlows((s) => s.loaded);
  const count = useFlows((s) => s.items.length);
  if (!loaded) return <p>{t('app.loading')}</p>;
  return (
    <div className="fp-no-funnel">
      <h2>{count === 0 ? t('canvas.noFlow.firstTitle') : t('canvas.noFlow.title')}</h2>
      <p>{count === 0 ? t('canvas.noFlow.firstBody') : t('canvas.noFlow.body')}</p>
      <button type="button" className="fp-btn" onClick={() => useFunnelUi.getState().open('new', 'blank')} data-testid="no-flow-blank">
        <FilePlus2 size={15} /> {t('canvas.noFlow.blank')}
      </button>
      <GalleryGrid />
      <WorkspaceSection />
    </div>
  );
}
