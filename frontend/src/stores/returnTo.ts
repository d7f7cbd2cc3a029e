// The way back to a funnel step after leaving it to make or edit the thing
// it points at (an email made from "Send an email"): the Emails screen
// shows "Back to the funnel", which reopens the funnel with the step
// selected.
import { create } from 'zustand';
import { useEditor } from '../features/funnel/stores/editor';
import { useNav } from './nav';

export interface ReturnTarget {
  flowId: string;
  flowName: string;
  nodeId: string;
  stepName: string;
  field: string;
}

interface ReturnState {
  target: ReturnTarget | null;
  set(target: ReturnTarget | null): void;
  back(): Promise<void>;
}

export const useReturnTo = create<ReturnState>()((set, get) => ({
  target: null,
  set: (target) => set({ target }),
  async back() {
    const t = get().target;
    set({ target: null });
    useNav.getState().go('funnels');
    if (!t) return;
    const ed = useEditor.getState();
    if (ed.flowId !== t.flowId) await ed.open(t.flowId);
    const now = useEditor.getState();
    if (now.nodes.some((n) => n.id === t.nodeId)) now.focusIssue({ node_id: t.nodeId, field: t.field, severity: 'warning', code: '', message: '' });
  },
}));

// Going back to the funnels any other way ends the detour too.
useNav.subscribe((s, prev) => {
  if (s.screen === 'funnels' && prev.screen !== 'funnels') useReturnTo.getState().set(null);
});
