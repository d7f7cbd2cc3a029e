import { ReactFlowProvider } from '@xyflow/react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { TopBar } from '../../../components/TopBar';
import { useEditor } from '../stores/editor';
import { useFlows } from '../stores/flows';
import { useFunnel } from '../stores/funnel';
import { useSettings } from '../../../stores/settings';
import type { FakeBackend } from '../../../test/fakeBackend';
import { resetFunnels, type FakeFunnels } from '../../../test/fakeFunnels';
import { FunnelDialogs } from './Dialogs';
import { FunnelSide } from './Side';

// A loaded machine runs these slower than the 1 s default wait.

let api: FakeFunnels;
let fake: FakeBackend;
const step = (node: string, port: string, outcome: string, reason = '') => ({
  enrollment_id: 1,
  flow_id: 'welcome-sequence',
  version: 1,
  node,
  port,
  reason,
  outcome,
  at: '2026-03-12T14:05:00Z',
});

beforeEach(async () => {
  ({ backend: fake, funnels: api } = resetFunnels());
  await useFlows.getState().createFromTemplate('welcome');
});

function draw() {
  return render(
    <ReactFlowProvider>
      <TopBar onToggleSidebar={() => {}} />
      <FunnelSide />
      <FunnelDialogs />
    </ReactFlowProvider>,
  );
}

describe('why did this contact go this way', () => {
  it('shows each step in words, with the way out taken, the reason and when', async () => {
    // A condition in the path: its "No" output is named in words.
    useEditor.getState().insertAfter('hello', 'next', 'condition.tag');
    const cond = useEditor.getState().nodes.find((n) => n.id === 'if-tag-1')!.id;
    api.paths.set('7/welcome-sequence', [
      step('signup', 'next', 'ok', 'entered the flow on list joined "newsletter"'),
      step('hello', 'next', 'ok', 'sent email "welcome-1"'),
      step(cond, 'no', 'ok', 'not tagged "vip"'),
      step('wait', '', 'wait', 'waiting 2 days'),
    ]);
    draw();
    fireEvent.click(screen.getByTestId('tab-path'));
    fireEvent.change(screen.getByTestId('path-who'), { target: { value: 'camille@example.com' } });
    fireEvent.click(screen.getByTestId('path-go'));
    const list = await screen.findByTestId('path-steps');
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[1]).toHaveTextContent('Send an email');
    expect(items[1]).toHaveTextContent('sent email "welcome-1"');
    expect(items[2]).toHaveTextContent('Went on through “No”');
    expect(items[3]).toHaveTextContent('Waiting here now');
    expect(items[0]!.querySelector('time')?.getAttribute('dateTime')).toBe('2026-03-12T14:05:00Z');
    expect(useEditor.getState().path?.nodes).toEqual(['signup', 'hello', cond, 'wait']);
  });

  it('says when the contact is unknown or never went through', async () => {
    draw();
    fireEvent.click(screen.getByTestId('tab-path'));
    fireEvent.change(screen.getByTestId('path-who'), { target: { value: 'nobody@example.com' } });
    fireEvent.click(screen.getByTestId('path-go'));
    expect(await screen.findByTestId('path-error')).toHaveTextContent('no contact has the email "nobody@example.com"');
    fireEvent.change(screen.getByTestId('path-who'), { target: { value: '12' } });
    fireEvent.click(screen.getByTestId('path-go'));
    expect(await screen.findByTestId('path-none')).toHaveTextContent('Contact 12 has not been through this funnel.');
  });

  it('speaks French', async () => {
    act(() => useSettings.setState({ lang: 'fr' }));
    api.paths.set('7/welcome-sequence', [step('wait', '', 'wait')]);
    draw();
    fireEvent.click(screen.getByTestId('tab-path'));
    fireEvent.change(screen.getByTestId('path-who'), { target: { value: '7' } });
    fireEvent.click(screen.getByTestId('path-go'));
    expect(await screen.findByTestId('path-steps')).toHaveTextContent('Attend ici en ce moment');
  });
});

describe('versions', () => {
  it('lists the published versions and restores one only after confirming', async () => {
    await useEditor.getState().publish();
    useEditor.getState().setLabel('hello', 'Hi there');
    await useEditor.getState().save();
    await useEditor.getState().publish();
    draw();
    fireEvent.click(screen.getByTestId('tab-history'));
    await screen.findByTestId('version-1');
    expect(screen.getByTestId('version-2')).toHaveTextContent('Live');
    fireEvent.click(screen.getByTestId('restore-1'));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('Restore version 1 as the draft?');
    fireEvent.click(screen.getByText('Cancel'));
    expect(api.calls).not.toContain('restoreVersion');
    fireEvent.click(screen.getByTestId('restore-1'));
    fireEvent.click(screen.getByTestId('confirm'));
    await waitFor(() => expect(api.calls).toContain('restoreVersion'));
    await waitFor(() => expect(useEditor.getState().nodes.find((n) => n.id === 'hello')!.data).not.toHaveProperty('label'));
  });

  it('says when nothing was published yet', async () => {
    draw();
    fireEvent.click(screen.getByTestId('tab-history'));
    expect(await screen.findByTestId('history-empty')).toHaveTextContent('Not published yet');
  });
});

describe('publishing over contacts', () => {
  it('asks before publishing when contacts are inside, in plain words', async () => {
    await useEditor.getState().publish();
    api.active.set('welcome-sequence', 3);
    draw();
    fireEvent.click(screen.getByTestId('publish'));
    const dialog = await screen.findByTestId('publish-confirm');
    expect(dialog).toHaveTextContent('Publish version 2?');
    expect(dialog).toHaveTextContent('3 contacts are inside this funnel: they stay on version 1; new contacts get the new version.');
    fireEvent.click(within(dialog).getByTestId('confirm'));
    await waitFor(() => expect(fake.published.get('welcome-sequence')).toBe(2));
    expect(screen.queryByTestId('publish-confirm')).toBeNull();
    expect(useFunnel.getState().publishQuestion).toBeNull();
  });

  it('says it for one contact too', async () => {
    await useEditor.getState().publish();
    api.active.set('welcome-sequence', 1);
    draw();
    fireEvent.click(screen.getByTestId('publish'));
    expect(await screen.findByTestId('publish-confirm')).toHaveTextContent('1 contact is inside this funnel: they stay on version 1');
  });
});
