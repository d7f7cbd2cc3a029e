import { ReactFlowProvider } from '@xyflow/react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { FIELD_TYPES } from '../../../api/fieldTypes';
import type { NodeSpec } from '../../../api/types';
import { useCatalogue } from '../../../stores/catalogue';
import { EMPTY_REFS } from '../../../api/refs';
import { useEditor } from '../stores/editor';
import { useRefs } from '../../../stores/refs';
import { SPECS } from '../../../test/fakeBackend';
import { resetAll } from '../../../test/helpers';
import { Inspector } from './Inspector';

const t = (en: string) => ({ en, fr: `${en} (fr)` });

/** A made-up step with one field of every type. */
const everything: NodeSpec = {
  type: 'action.everything',
  kind: 'action',
  category: 'do',
  title: t('Everything'),
  help: t('One field of each type'),
  summary: t('All'),
  icon: 'zap',
  input: true,
  self_link: false,
  links_per_output: 1,
  ports: [{ id: 'next', label: t('Next') }],
  fields: FIELD_TYPES.map((type) => ({
    name: `f_${type}`,
    type,
    label: t(`Field ${type}`),
    ...(type === 'enum' || type === 'stage' ? { options: [{ value: 'x', label: t('Ex') }, { value: 'y', label: t('Why') }] } : {}),
    ...(type === 'node' ? { node_type: 'action.send_email' } : {}),
  })),
};

function open(nodeType: string, config: Record<string, unknown> = {}) {
  const fake = resetAll();
  useCatalogue.getState().setSpecs([...SPECS, everything]);
  useEditor.getState().load({
    flow: {
      format: 'flightplan.flow/v1',
      id: 'f',
      name: 'F',
      settings: { reentry: 'once' },
      nodes: [
        { id: 'n', type: nodeType, config, position: { x: 0, y: 0 } },
        { id: 'mail', type: 'action.send_email', label: 'Welcome email', position: { x: 0, y: 200 } },
      ],
      edges: [],
    },
    info: { id: 'f', name: 'F', published_version: 0, enabled: false, updated_at: '' },
    issues: [],
  });
  useEditor.getState().select(['n']);
  render(
    <ReactFlowProvider>
      <Inspector />
    </ReactFlowProvider>,
  );
  return fake;
}

const row = (name: string) => document.querySelector<HTMLElement>(`[data-field="${name}"]`);

beforeEach(() => {
  resetAll();
});

describe('the inspector', () => {
  it('renders a labelled control for every field type', () => {
    open('action.everything');
    for (const type of FIELD_TYPES) {
      const r = row(`f_${type}`);
      expect(r, type).not.toBeNull();
      expect(r!.dataset.fieldType).toBe(type);
      expect(within(r!).getByText(`Field ${type}`)).toBeInTheDocument();
      const control = document.getElementById(`field-n-f_${type}`);
      expect(control, `control for ${type}`).not.toBeNull();
      expect(r!.contains(control)).toBe(true);
    }
  });

  it('edits config through the renderers', () => {
    open('action.everything');
    fireEvent.change(document.getElementById('field-n-f_string')!, { target: { value: 'hello' } });
    fireEvent.change(document.getElementById('field-n-f_number')!, { target: { value: '42' } });
    fireEvent.click(document.getElementById('field-n-f_bool')!);
    fireEvent.change(document.getElementById('field-n-f_enum')!, { target: { value: 'y' } });
    fireEvent.change(document.getElementById('field-n-f_duration')!, { target: { value: '3' } });
    fireEvent.change(document.getElementById('field-n-f_node')!, { target: { value: 'mail' } });
    fireEvent.click(within(row('f_weekdays')!).getByText('Tue'));
    fireEvent.click(within(row('f_cases')!).getByText('Add a value'));
    fireEvent.click(within(row('f_filter')!).getByText('Add a condition'));
    const n = useEditor.getState().nodes.find((x) => x.id === 'n');
    if (n?.type !== 'step') throw new Error('n');
    expect(n.data.config).toMatchObject({
      f_string: 'hello',
      f_number: 42,
      f_bool: true,
      f_enum: 'y',
      f_duration: '3d',
      f_node: 'mail',
      f_weekdays: ['tue'],
      f_cases: [''],
      f_filter: { property: '' },
    });
  });

  it('offers the steps of the right type to a step picker, by name', () => {
    open('condition.email_engagement');
    const select = document.getElementById('field-n-email_node') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['', 'mail']);
    expect(select.options[1]!.textContent).toBe('Welcome email');
  });

  it('shows a field only when its show_if holds', () => {
    open('condition.behaviour');
    expect(row('days')).toBeNull();
    fireEvent.change(document.getElementById('field-n-window')!, { target: { value: 'last_days' } });
    expect(row('days')).not.toBeNull();
    fireEvent.change(document.getElementById('field-n-window')!, { target: { value: 'since_entry' } });
    expect(row('days')).toBeNull();
  });

  it('edits split branches and shows when they do not add up to 100%', () => {
    open('split.random');
    const r = row('branches')!;
    expect(within(r).getByText('Total: 100%')).toBeInTheDocument();
    fireEvent.click(within(r).getByText('Add a branch'));
    const n = useEditor.getState().nodes.find((x) => x.id === 'n');
    if (n?.type !== 'step') throw new Error('n');
    expect((n.data.config.branches as { id: string }[]).map((b) => b.id)).toEqual(['a', 'b', 'c']);
    fireEvent.click(within(r).getByText('Share evenly'));
    expect(within(row('branches')!).getByText('Total: 100%')).toBeInTheDocument();
  });

  it('marks the field of a problem and writes its message under it', () => {
    open('action.send_email');
    act(() =>
      useEditor.setState({
        issuesByNode: { n: [{ node_id: 'n', field: 'template', severity: 'error', code: 'required', message: 'Email is required' }] },
      }),
    );
    expect(within(row('template')!).getByText('Email is required')).toBeInTheDocument();
    expect(document.getElementById('field-n-template')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the flow settings when nothing is selected', () => {
    open('exit');
    act(() => useEditor.getState().select([]));
    expect(screen.getByTestId('flow-settings')).toBeInTheDocument();
    fireEvent.change(document.getElementById('field-flow-reentry')!, { target: { value: 'per_period' } });
    expect(document.getElementById('field-flow-reentry_period')).not.toBeNull();
    expect(useEditor.getState().meta?.settings.reentry).toBe('per_period');
  });

  it('lists the events that end a journey by their names, chosen from the catalogue', () => {
    open('exit');
    act(() => {
      useRefs.setState({ refs: { ...EMPTY_REFS, event_types: [{ type: 'purchase', name: { en: 'Purchase', fr: 'Achat' }, system: true }] }, status: 'ready' });
      useEditor.getState().select([]);
    });
    const input = document.getElementById('field-flow-exit_on')!;
    fireEvent.click(input);
    fireEvent.change(input, { target: { value: 'purch' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(useEditor.getState().meta?.settings.exit_on).toEqual(['purchase']);
    const chip = screen.getByText('Purchase').closest('li')!;
    fireEvent.click(within(chip).getByRole('button'));
    expect(useEditor.getState().meta?.settings.exit_on).toBeUndefined();
  });
});
