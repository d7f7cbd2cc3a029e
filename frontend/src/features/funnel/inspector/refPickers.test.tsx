import { ReactFlowProvider } from '@xyflow/react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setRefsApi, EMPTY_REFS, type RefsApi, type References } from '../../../api/refs';
import { resetEmailsScreens, type FakeEmailsApi } from '../../../screens/emails/testing';
import { useEditor } from '../stores/editor';
import { useNav } from '../../../stores/nav';
import { useRefs } from '../../../stores/refs';
import { useReturnTo } from '../../../stores/returnTo';
import { resetAll } from '../../../test/helpers';
import { Inspector } from './Inspector';

let refs: References;
let emails: FakeEmailsApi;
let prevApi: RefsApi;
const calls: string[] = [];

beforeEach(() => {
  resetAll();
  emails = resetEmailsScreens();
  calls.length = 0;
  refs = {
    ...EMPTY_REFS,
    emails: [{ key: 'welcome', name: 'Welcome', detail: 'Glad you are here' }],
    lists: [{ key: 'Newsletter', name: 'Newsletter', count: 12 }],
    teammates: [{ key: 'tm_ana', name: 'Ana Lima', detail: 'ana@example.com' }],
    event_types: [{ type: 'page_visited', name: { en: 'Page visited', fr: 'Page visitée' }, system: true }],
  };
  prevApi = setRefsApi({
    references: async () => {
      calls.push('references');
      return structuredClone(refs);
    },
    createList: async (name) => {
      calls.push(`createList ${name}`);
      refs.lists.push({ key: name, name, count: 0 });
      return name;
    },
    declareEventType: async (name) => name.toLowerCase().replace(/\W+/g, '_'),
    addTeammate: async (name, email) => {
      calls.push(`addTeammate ${name} ${email}`);
      if (email.endsWith('.invalid')) throw new Error('no such domain');
      const r = { key: `tm_${refs.teammates.length + 1}`, name, detail: email };
      refs.teammates.push(r);
      return r;
    },
  });
  useRefs.setState({ refs: EMPTY_REFS, version: 0, status: 'idle' });
  useReturnTo.setState({ target: null });
  useNav.setState({ screen: 'funnels' });
});
afterEach(() => setRefsApi(prevApi));

async function open(nodeType: string, config: Record<string, unknown>) {
  useEditor.getState().load({
    flow: {
      format: 'flightplan.flow/v1',
      id: 'welcome-seq',
      name: 'Welcome sequence',
      settings: { reentry: 'once' },
      nodes: [{ id: 'send', type: nodeType, config, position: { x: 0, y: 0 } }],
      edges: [],
    },
    info: { id: 'welcome-seq', name: 'Welcome sequence', published_version: 0, enabled: false, updated_at: '' },
    issues: [],
  });
  useEditor.getState().select(['send']);
  render(
    <ReactFlowProvider>
      <Inspector />
    </ReactFlowProvider>,
  );
  await act(async () => {});
}

const combo = () => screen.getByRole('combobox');
const config = () => (useEditor.getState().nodes.find((n) => n.id === 'send')!.data as { config: Record<string, unknown> }).config;

describe('the alert’s recipient', () => {
  it('is a teammate picked by name, the email beside it; an old plain address shows as the address', async () => {
    await open('action.notify', { to: 'sam@example.com' });
    expect(combo()).toHaveValue('sam@example.com');
    fireEvent.click(combo());
    await act(async () => {});
    const ana = screen.getByRole('option', { name: /Ana Lima/ });
    expect(ana).toHaveTextContent('ana@example.com');
    expect(screen.getByRole('option', { name: /The contact’s owner/ })).toBeInTheDocument();
    fireEvent.mouseDown(ana);
    fireEvent.click(ana);
    expect(config().to).toBe('tm_ana');
    expect(combo()).toHaveValue('Ana Lima');
    expect(document.body.textContent).not.toContain('tm_ana');
    await act(async () => useEditor.getState().updateConfig('send', 'to', 'tm_gone'));
    expect(combo()).toHaveValue('Missing teammate');
  });

  it('takes a plain address typed in full', async () => {
    await open('action.notify', { to: 'owner' });
    expect(combo()).toHaveValue('The contact’s owner');
    fireEvent.focus(combo());
    fireEvent.change(combo(), { target: { value: 'sales@example.com' } });
    fireEvent.blur(combo());
    expect(config().to).toBe('sales@example.com');
  });

  it('adds a teammate in place, asking a name and an email, and refuses a bad address with the reason', async () => {
    await open('action.notify', {});
    fireEvent.click(combo());
    fireEvent.change(combo(), { target: { value: 'Bruno' } });
    await act(async () => {});
    const row = screen.getByRole('option', { name: /Add teammate “Bruno”/ });
    fireEvent.mouseDown(row);
    fireEvent.click(row);
    await act(async () => {});
    const form = screen.getByRole('form', { name: 'New teammate' });
    expect(screen.getByLabelText('Name')).toHaveValue('Bruno');
    fireEvent.change(screen.getByLabelText('Email address'), { target: { value: 'bruno@' } });
    fireEvent.submit(form);
    await act(async () => {});
    expect(screen.getByRole('alert')).toHaveTextContent('“bruno@” is not an email address');
    expect(calls.filter((c) => c.startsWith('addTeammate'))).toEqual([]);
    fireEvent.change(screen.getByLabelText('Email address'), { target: { value: 'bruno@example.com' } });
    fireEvent.submit(form);
    await act(async () => {});
    expect(calls).toContain('addTeammate Bruno bruno@example.com');
    expect(config().to).toBe('tm_2');
    expect(combo()).toHaveValue('Bruno');
    expect(screen.queryByRole('form', { name: 'New teammate' })).toBeNull();
  });
});

describe('reference fields in the inspector', () => {
  it('name the email, and call a deleted one “Missing email”', async () => {
    await open('action.send_email', { template: 'welcome' });
    expect(combo()).toHaveValue('Welcome');
    await act(async () => useEditor.getState().updateConfig('send', 'template', 'gone'));
    expect(combo()).toHaveValue('Missing email');
    expect(document.body.textContent).not.toContain('gone');
  });

  it('are always current: an email made elsewhere shows the next time the field opens', async () => {
    await open('action.send_email', {});
    refs.emails.push({ key: 'second', name: 'Second email', detail: 'Still there?' });
    fireEvent.click(combo());
    await act(async () => {});
    expect(screen.getByRole('option', { name: /Second email/ })).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByRole('option', { name: /Second email/ }));
    fireEvent.click(screen.getByRole('option', { name: /Second email/ }));
    expect(config().template).toBe('second');
  });

  it('create a list by name in place', async () => {
    await open('condition.list', {});
    fireEvent.click(combo());
    await act(async () => {});
    expect(screen.getByRole('option', { name: /Newsletter/ })).toHaveTextContent('12 contacts');
    fireEvent.change(combo(), { target: { value: 'Buyers' } });
    fireEvent.keyDown(combo(), { key: 'Enter' });
    await act(async () => {});
    expect(calls).toContain('createList Buyers');
    expect(config().list).toBe('Buyers');
    expect(combo()).toHaveValue('Buyers');
  });

  it('find the catalogue’s event for what the user typed: “page visit” offers “Page visited”', async () => {
    await open('trigger.event', {});
    fireEvent.click(combo());
    fireEvent.change(combo(), { target: { value: 'page visit' } });
    await act(async () => {});
    fireEvent.keyDown(combo(), { key: 'Enter' });
    expect(config().event_type).toBe('page_visited');
    expect(combo()).toHaveValue('Page visited');
  });

  it('make a new email from the step, open it, and come back to the step with it picked', async () => {
    await open('action.send_email', {});
    fireEvent.click(combo());
    fireEvent.change(combo(), { target: { value: 'Second' } });
    await act(async () => {});
    const row = screen.getByRole('option', { name: /New email “Second”/ });
    fireEvent.mouseDown(row);
    fireEvent.click(row);
    await act(async () => {});
    const id = config().template as string;
    expect(emails.store.get(id)?.name).toBe('Second');
    expect(useNav.getState().screen).toBe('emails');
    expect(useReturnTo.getState().target).toMatchObject({ flowId: 'welcome-seq', nodeId: 'send', field: 'template' });
    await act(async () => useReturnTo.getState().back());
    expect(useNav.getState().screen).toBe('funnels');
    expect(useEditor.getState().nodes.find((n) => n.id === 'send')?.selected).toBe(true);
    expect(config().template).toBe(id);
  });
});
