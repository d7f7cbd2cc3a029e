// Flows shared by tests.
import type { Flow } from '../api/types';

/** A flow that uses every kind of value the format holds. */
export const richFlow: Flow = {
  format: 'flightplan.flow/v1',
  id: 'welcome',
  name: 'Welcome sequence',
  description: 'New subscribers',
  settings: { reentry: 'per_period', reentry_period: '30d', timezone: 'Europe/Paris', exit_on: ['purchase'] },
  nodes: [
    { id: 'signup', type: 'trigger.list_joined', label: 'Newsletter sign-up', config: { list: 'newsletter' }, position: { x: 0, y: 0 } },
    { id: 'hello', type: 'action.send_email', config: { template: 'welcome-1', transactional: false }, position: { x: 12.5, y: 160 } },
    { id: 'wait2d', type: 'wait.delay', config: { duration: '2d' }, position: { x: 0, y: 320 } },
    { id: 'opened', type: 'condition.email_engagement', config: { email_node: 'hello', engagement: 'opened' }, position: { x: 0, y: 480 } },
    {
      id: 'ab',
      type: 'split.random',
      config: { branches: [{ id: 'a', label: 'A', percent: 70 }, { id: 'b', label: 'B', percent: 30 }] },
      position: { x: -300, y: 640 },
    },
    { id: 'by-country', type: 'split.field', config: { field: 'country', cases: ['FR', 'US'] }, position: { x: 300, y: 640 } },
    { id: 'window', type: 'wait.window', config: { from: '09:00', to: '18:00', days: ['mon', 'fri'] }, position: { x: 0, y: 800 } },
    { id: 'evt', type: 'wait.event', config: { event_type: 'purchase', filter: { sku: 'A1', qty: 2 }, timeout: '7d' }, position: { x: 0, y: 960 } },
    { id: 'bye', type: 'exit', position: { x: 0, y: 1120 } },
  ],
  edges: [
    { from: 'signup', to: 'hello' },
    { from: 'hello', to: 'wait2d' },
    { from: 'wait2d', to: 'opened' },
    { from: 'opened', port: 'yes', to: 'ab' },
    { from: 'opened', port: 'no', to: 'by-country' },
    { from: 'ab', port: 'a', to: 'window' },
    { from: 'by-country', port: 'case_fr', to: 'window' },
    { from: 'window', to: 'evt' },
    { from: 'evt', port: 'met', to: 'bye' },
    { from: 'evt', port: 'timeout', to: 'bye' },
  ],
  notes: [
    { id: 'n1', text: 'Ask legal about the FR wording', position: { x: 400, y: 0 }, color: 'pink' },
    { id: 'n2', text: 'Plain note', position: { x: 400, y: 200 } },
  ],
};
