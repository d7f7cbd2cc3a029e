// Shared set-up for store and component tests: a fresh fake backend and
// stores reset to their initial state.
import { setBackend } from '../api/backend';
import { setSettingsApi } from '../api/settings';
import { useCatalogue } from '../stores/catalogue';
import { cancelTimers, useEditor } from '../features/funnel/stores/editor';
import { useFlows } from '../features/funnel/stores/flows';
import { useSettings } from '../stores/settings';
import { useToasts } from '../stores/toasts';
import { createFakeBackend, SPECS, type FakeBackend } from './fakeBackend';
import { createFakeSettingsApi, type FakeSettingsApi } from './fakeSettings';

/** fakeSettings is the settings API installed by the last resetAll. */
export let fakeSettings: FakeSettingsApi = createFakeSettingsApi();

const initial = {
  editor: useEditor.getState(),
  flows: useFlows.getState(),
  settings: useSettings.getState(),
  catalogue: useCatalogue.getState(),
};

export function resetAll(): FakeBackend {
  cancelTimers();
  const fake = createFakeBackend();
  setBackend(fake);
  fakeSettings = createFakeSettingsApi();
  setSettingsApi(fakeSettings);
  useEditor.setState(initial.editor, true);
  useFlows.setState(initial.flows, true);
  useSettings.setState({ ...initial.settings, lang: 'en' }, true);
  useCatalogue.setState(initial.catalogue, true);
  useCatalogue.getState().setSpecs(SPECS);
  useToasts.getState().clear();
  return fake;
}
