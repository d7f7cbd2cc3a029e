// The application shell. On the funnels screen the canvas takes the room:
// the funnel list folds away, the palette opens on demand, the inspector is a
// drawer that opens on a selection (features/funnel/screen/room.ts keeps
// each choice).
import { ReactFlowProvider } from '@xyflow/react';
import { Plus } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Canvas, CanvasToolbar } from './features/funnel/canvas/Canvas';
import { Palette } from './components/Palette';
import { Sidebar } from './components/Sidebar';
import { Toasts } from './components/Toasts';
import { WorkspaceDialogs } from './components/Workspaces';
import { LiveRegion } from './components/LiveRegion';
import { SkipLinks } from './components/SkipLinks';
import { TopBar } from './components/TopBar';
import { useShortcuts } from './features/funnel/hooks/useShortcuts';
import { useT } from './i18n/useT';
import { NavRail } from './components/NavRail';
import { ScreenTitle } from './components/ScreenTitle';
import { ContactsScreen, EmailsScreen, FormsScreen, MailboxScreen, ScriptsScreen, Section, SettingsScreen } from './screens/lazy';
import { FunnelDialogs } from './features/funnel/screen/Dialogs';
import { NoFunnel } from './features/funnel/screen/NoFunnel';
import { FunnelSide } from './features/funnel/screen/Side';
import { listShown, paletteShown, useRoom } from './features/funnel/screen/room';
import { useDrawerClearance, useRoomFolding } from './features/funnel/screen/folding';
import { useFailureWatch } from './features/funnel/screen/useFailures';
import { SimulationScreen } from './screens/simulation/Screen';
import { useNav } from './stores/nav';
import { useCatalogue } from './stores/catalogue';
import { isDirty, useEditor } from './features/funnel/stores/editor';

export function App() {
  const { lang } = useT();
  const sidebar = useRoom(listShown);
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
      {screen === 'funnels' && <SkipLinks />}
      <div className={`fp-app ${sidebar && screen === 'funnels' ? '' : 'no-sidebar'}`}>
        <TopBar onToggleSidebar={() => useRoom.getState().setListFolded(sidebar)} />
        <NavRail />
        {screen === 'funnels' && sidebar && <Sidebar />}
        {screen === 'funnels' && <Workspace />}
        {screen === 'simulate' && <SimulationScreen />}
        {screen !== 'funnels' && screen !== 'simulate' && (
          <Section name={screen}>
            {screen === 'contacts' && <ContactsScreen />}
            {screen === 'emails' && <EmailsScreen />}
            {screen === 'mailbox' && <MailboxScreen />}
            {screen === 'forms' && <FormsScreen />}
            {screen === 'scripts' && <ScriptsScreen />}
            {screen === 'settings' && <SettingsScreen />}
          </Section>
        )}
      </div>
      {screen === 'funnels' && <FunnelDialogs />}
      <WorkspaceDialogs />
      <Toasts />
      <LiveRegion />
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
  const paletteOpen = useRoom(paletteShown);
  // A floating drawer covers the canvas's right edge: the canvas bar's tools wrap left of it.
  const floatingDrawer = useRoom((s) => (s.drawerOpen && s.drawerFloats ? s.drawerWidth : 0));
  // Panels fold while they would squeeze the canvas (screen/room.ts).
  useRoomFolding(hasFlow);
  useDrawerClearance(hasFlow);
  // An empty funnel can only grow from the palette: it opens with it.
  const empty = useEditor((s) => !!s.meta && !s.nodes.some((n) => n.type === 'step'));
  // Only when a funnel is opened, not each time its last step goes; and
  // once it has loaded: while it loads, the steps are the last funnel's.
  const loaded = useEditor((s) => (!s.loading && s.meta ? s.flowId : null));
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!hasFlow || !loaded || seen.current === loaded) return;
    seen.current = loaded;
    if (empty) useRoom.getState().setPalette(true);
  }, [loaded, hasFlow, empty]);

  if (catalogueStatus === 'error') {
    return (
      <main className="fp-main fp-centre">
        <ScreenTitle screen="funnels" />
        <div className="fp-empty">
          <p>{t('app.engineDown', { message: catalogueError ?? '' })}</p>
        </div>
      </main>
    );
  }
  if (!hasFlow) {
    return (
      <main className="fp-main fp-centre" data-testid="no-flow">
        <ScreenTitle screen="funnels" />
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
    <main
      className={`fp-main fp-editor ${floatingDrawer ? 'drawer-floats' : ''}`}
      style={floatingDrawer ? ({ '--drawer-w': `${floatingDrawer}px` } as React.CSSProperties) : undefined}
    >
      <ScreenTitle screen="funnels" />
      {paletteOpen && <Palette />}
      <div className="fp-canvas-col">
        <div className="fp-canvas-bar">
          {!paletteOpen && (
            <button type="button" className="fp-btn fp-btn-small fp-btn-primary" onClick={openPalette} title={t('room.addStepHint')} data-testid="open-palette">
              <Plus size={15} /> {t('room.addStep')}
            </button>
          )}
          <span className="fp-spacer" />
          <CanvasToolbar />
        </div>
        <div className="fp-canvas" id="fp-canvas" tabIndex={-1} data-testid="canvas">
          <Canvas key={flowId ?? ''} />
        </div>
      </div>
      <FunnelSide />
    </main>
  );
}

/** openPalette opens the palette and puts the cursor in its search box. */
function openPalette() {
  useRoom.getState().setPalette(true);
  window.requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid=palette-search]')?.focus());
}
