import { ReactFlowProvider } from '@xyflow/react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEditor } from '../stores/editor';
import { resetFunnels } from '../../../test/fakeFunnels';
import { FunnelDialogs } from './Dialogs';
import { NoFunnel } from './NoFunnel';
import { useFunnelUi } from './ui';
import { useFlows } from '../stores/flows';
import { useSettings } from '../../../stores/settings';

// A loaded machine runs these slower than the 1 s default wait.

beforeEach(() => {
  resetFunnels();
  useFunnelUi.setState({ dialog: null, newTab: 'gallery' });
});

function drawDialogs() {
  return render(
    <ReactFlowProvider>
      <FunnelDialogs />
    </ReactFlowProvider>,
  );
}

describe('the “New funnel” dialog', () => {
  it('offers a blank funnel and the gallery’s cards with a picture and their size', async () => {
    drawDialogs();
    act(() => useFunnelUi.getState().open('new'));
    const dialog = await screen.findByTestId('new-funnel-dialog');
    expect(within(dialog).getByTestId('new-flow-name')).toBeInTheDocument();
    const card = await within(dialog).findByTestId('template-welcome');
    expect(card).toHaveTextContent('Welcome sequence');
    expect(card).toHaveTextContent('Greets every new subscriber.');
    expect(card).toHaveTextContent('4 steps · 1 email');
    expect(card.querySelectorAll('svg rect')).toHaveLength(4);
    expect(within(dialog).getByTestId('template-tiny')).toHaveTextContent('1 step');
  });

  it('shows the gallery in the language of the moment, switching with it', async () => {
    drawDialogs();
    act(() => useFunnelUi.getState().open('new'));
    const card = await screen.findByTestId('template-welcome');
    expect(card).toHaveTextContent('Welcome sequence');
    const order = () => [...screen.getByTestId('gallery').querySelectorAll('[data-testid^=template-]')].map((c) => c.getAttribute('data-testid'));
    expect(order()).toEqual(['template-tiny', 'template-welcome']);
    act(() => useSettings.setState({ lang: 'fr' }));
    expect(card).toHaveTextContent('Séquence de bienvenue');
    // Sorted again by the French names: « Séquence… » before « Tiny ».
    expect(order()).toEqual(['template-welcome', 'template-tiny']);
    expect(card).toHaveTextContent('Accueille chaque nouvel abonné.');
    expect(card).not.toHaveTextContent('Welcome');
    // An entry without texts (an older backend) keeps its one name.
    expect(screen.getByTestId('template-tiny')).toHaveTextContent('Tiny');
  });

  it('opens a ready funnel as a draft and closes', async () => {
    drawDialogs();
    act(() => useFunnelUi.getState().open('new'));
    fireEvent.click(await screen.findByTestId('template-welcome'));
    await waitFor(() => expect(useEditor.getState().flowId).toBe('welcome-sequence'));
    await waitFor(() => expect(screen.queryByTestId('new-funnel-dialog')).toBeNull());
  });

  it('creates a blank funnel with the name typed', async () => {
    drawDialogs();
    act(() => useFunnelUi.getState().open('new', 'blank'));
    const name = await screen.findByTestId('new-flow-name');
    expect(screen.getByTestId('new-flow-create')).toBeDisabled();
    fireEvent.change(name, { target: { value: 'Spring sale' } });
    fireEvent.click(screen.getByTestId('new-flow-create'));
    await waitFor(() => expect(useEditor.getState().meta?.name).toBe('Spring sale'));
    expect(useEditor.getState().nodes).toHaveLength(0);
    await waitFor(() => expect(screen.queryByTestId('new-funnel-dialog')).toBeNull());
  });

  it('closes with Escape', async () => {
    drawDialogs();
    act(() => useFunnelUi.getState().open('new'));
    await screen.findByTestId('new-funnel-dialog');
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('new-funnel-dialog')).toBeNull();
  });

  it('shows the keyboard shortcuts with ?', async () => {
    drawDialogs();
    fireEvent.keyDown(window, { key: '?' });
    expect(await screen.findByTestId('shortcut-help')).toHaveTextContent('Undo');
  });
});

describe('no funnel open', () => {
  it('offers the gallery and a blank funnel in an empty workspace', async () => {
    await act(() => useFlows.getState().load());
    render(<NoFunnel />);
    expect(screen.getByText('Create your first funnel')).toBeInTheDocument();
    expect(await screen.findByTestId('template-welcome')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('no-flow-blank'));
    expect(useFunnelUi.getState()).toMatchObject({ dialog: 'new', newTab: 'blank' });
  });
});
