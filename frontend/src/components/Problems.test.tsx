import { ReactFlowProvider } from '@xyflow/react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Inspector } from '../features/funnel/inspector/Inspector';
import { useEditor } from '../features/funnel/stores/editor';
import { useSettings } from '../stores/settings';
import { resetAll } from '../test/helpers';
import { Problems } from './Problems';

function setup() {
  resetAll();
  useEditor.getState().load({
    flow: {
      format: 'flightplan.flow/v1',
      id: 'f',
      name: 'F',
      settings: { reentry: 'once' },
      nodes: [
        { id: 'start', type: 'trigger.list_joined', config: { list: 'news' }, position: { x: 0, y: 0 } },
        { id: 'mail', type: 'action.send_email', label: 'Welcome email', position: { x: 0, y: 200 } },
      ],
      edges: [{ from: 'start', to: 'mail' }],
    },
    info: { id: 'f', name: 'F', published_version: 0, enabled: false, updated_at: '' },
    issues: [
      { node_id: 'mail', field: 'template', severity: 'error', code: 'required', message: 'Email is required' },
      { field: 'reentry_period', severity: 'warning', code: 'bad_reentry_period', message: 're-entry period: empty duration' },
    ],
  });
  render(
    <ReactFlowProvider>
      <Inspector />
      <Problems />
    </ReactFlowProvider>,
  );
}

beforeEach(setup);

describe('the problems list', () => {
  it('lists each problem with the step it is on', () => {
    expect(screen.getByText('1 to fix')).toBeInTheDocument();
    expect(screen.getByText('1 to check')).toBeInTheDocument();
    const first = screen.getAllByRole('button', { name: /Email is required/ })[0]!;
    expect(first).toHaveTextContent('Welcome email');
  });

  it('selects the step and focuses the field of a clicked problem', async () => {
    fireEvent.click(screen.getByRole('button', { name: /Email is required/ }));
    expect(useEditor.getState().nodes.find((n) => n.id === 'mail')?.selected).toBe(true);
    await waitFor(() => expect(document.activeElement?.id).toBe('field-mail-template'));
  });

  it('says when there is nothing left, and while it checks', () => {
    act(() => useEditor.setState({ issues: [], issuesByNode: {} }));
    expect(screen.getByText(/No problem/)).toBeInTheDocument();
    act(() => useEditor.setState((s) => ({ changeSeq: s.changeSeq + 1 })));
    expect(screen.getByTestId('problems-checking')).toBeInTheDocument();
  });

  it('never names a step by its id: a problem left over for a step since removed is not shown', () => {
    act(() =>
      useEditor.setState((s) => ({
        issues: [...s.issues, { node_id: 'email-9', field: 'template', severity: 'error', code: 'required', message: 'Email is required' }],
      })),
    );
    expect(screen.queryByText('email-9')).not.toBeInTheDocument();
    expect(screen.getByText('1 to fix')).toBeInTheDocument();
  });

  it('speaks French', () => {
    act(() => useSettings.setState({ lang: 'fr' }));
    expect(screen.getByRole('button', { name: /Courriel est obligatoire/ })).toBeInTheDocument();
    expect(screen.getByText('1 à corriger')).toBeInTheDocument();
  });
});
