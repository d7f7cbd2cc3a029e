import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/base.css';
import './styles.css';
import { App } from './App';
import { startPerf } from './perf';
import { startProbe } from './probe';
import { useCatalogue } from './stores/catalogue';
import { useFlows } from './features/funnel/stores/flows';
import { useRefs } from './stores/refs';
import { useSettings } from './stores/settings';

// Ask the backend for what the first screen needs before React draws
// anything, so the answers travel while the shell is drawn (issue #7: the
// window ready within 1.5 s).
void useSettings.getState().load();
void useCatalogue.getState().load();
void useFlows.getState().start();
// The names of the emails, lists… the steps point at (never their ids).
void useRefs.getState().refresh();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
startPerf(); // inert unless the window benchmark runs (src/perf.ts)
startProbe(); // inert unless the window end-to-end walk runs (src/probe.ts)
