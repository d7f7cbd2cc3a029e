// The application shell: flow list on the left, palette + canvas in the
// middle, inspector and problems on the right.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { Canvas } from './features/funnel/canvas/Canvas';
import { Palette } from './components/Palette';
import { Sidebar } from './components/Sidebar';
import { Toasts } from './components/Toasts';
import { TopBar } from './components/TopBar';
import { useShortcuts } from './features/funnel/hooks/useShortcuts';
import { useT } from './i18n/useT';
import { NavRail } from './components/NavRail';
import { ContactsScreen, EmailsScreen, MailboxScreen, ScriptsScreen, Section, SettingsScreen } from './screens/lazy';
import { FunnelDialogs } from './features/funnel/screen/Dialogs';
import { NoFunnel } from './features/funnel/screen/NoFunnel';
import { FunnelSide } from './features/funnel/screen/Side';
import { useFailureWatch } from './features/funnel/screen/useFailures';
import { SimulationScreen } from './screens/simulation/Screen';
import { useNav } from './stores/nav';
import { useCatalogue } from './stores/catalogue';
import { isDirty, useEditor } from './features/funnel/stores/editor';

export function App() {
  const { lang } = useT();
  const [sidebar, setSidebar] = useState(true);
  const screen = useNav((s) => s.screen);
  useShortcuts();
  useFailureWatch();

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // Leaving with unsaved changes: save them first.
  useEffect(() => {
    const onHide = () => {
      if (isDirty(useEditor.getState())) void useEditor.getState().flush();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, []);

  return (
    <ReactFlowProvider>
      <div className={`fp-app ${sidebar && screen === 'funnels' ? '' : 'no-sidebar'}`}>
        <TopBar onToggleSidebar={() => setSidebar((v) => !v)} />
        <NavRail />
        {screen === 'funnels' && sidebar && <Sidebar />}
        {screen === 'funnels' && <Workspace />}
        {screen === 'simulate' && <SimulationScreen />}
        {screen !== 'funnels' && screen !== 'simulate' && (
          <Section name={screen}>
            {screen === 'contacts' && <ContactsScreen />}
            {screen === 'emails' && <EmailsScreen />}
            {screen === 'mailbox' && <MailboxScreen />}
            {screen === 'scripts' && <ScriptsScreen />}
            {screen === 'settings' && <SettingsScreen />}
          </Section>
        )}
      </div>
      {screen === 'funnels' && <FunnelDialogs />}
      <Toasts />
    </ReactFlowProvider>
  );
}

function Workspace() {
  const { t } = useT();
  const hasFlow = useEditor((s) => !!s.meta);
  const flowId = useEditor((s) => s.flowId);
  const loading = useEditor((s) => s.loading);
  const loadError = useEditor((s) => s.loadError);
  const catalogueStatus = useCatalogue((s) => s.status);
  const catalogueError = useCatalogue((s) => s.error);

  if (catalogueStatus === 'error') {
    return (
      <main className="fp-main fp-centre">
        <div className="fp-empty">
          <p>{t('app.engineDown', { message: catalogueError ?? '' })}</p>
        </div>
      </main>
    );
  }
  if (!hasFlow) {
    return (
      <main className="fp-main fp-centre" data-testid="no-flow">
        <div className={`fp-empty ${loading || loadError ? '' : 'fp-empty-wide'}`}>
          {loading ? (
            <p>{t('app.loading')}</p>
          ) : loadError ? (
            <p className="fp-field-error">{t('canvas.loadFailed', { message: loadError })}</p>
          ) : (
            <NoFunnel />
          )}
        </div>
      </main>
    );
  }
  return (
    <main className="fp-main fp-editor">
      <Palette />
      <div className="fp-canvas" data-testid="canvas">
        <Canvas key={flowId ?? ''} />
      </div>
      <FunnelSide />
    </main>
  );
}
