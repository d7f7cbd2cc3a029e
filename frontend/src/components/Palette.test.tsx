import { ReactFlowProvider } from '@xyflow/react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEditor } from '../features/funnel/stores/editor';
import { useSettings } from '../stores/settings';
import { spec } from '../test/fakeBackend';
import { resetAll } from '../test/helpers';
import { matches, Palette } from './Palette';

async function setup() {
  const fake = resetAll();
  useEditor.getState().load(await fake.createFlow('P'));
  render(
    <ReactFlowProvider>
      <Palette />
    </ReactFlowProvider>,
  );
}

beforeEach(setup);

describe('the palette', () => {
  it('groups steps by category in plain words, each with title and help', () => {
    const groups = [...document.querySelectorAll('.fp-palette-group h3')].map((h) => h.textContent);
    expect(groups).toEqual(['Start when…', 'Check', 'Wait', 'Do', 'Finish']);
    const item = screen.getByTestId('palette-action.send_email');
    expect(within(item).getByText('Send an email')).toBeInTheDocument();
    expect(item.querySelector('.fp-palette-help')?.textContent).toMatch(/template/);
  });

  it('filters with the search box, in either language, ignoring accents', () => {
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'etiquette' } });
    const shown = [...document.querySelectorAll('.fp-palette-item')].map((b) => b.getAttribute('data-testid'));
    expect(shown).toContain('palette-condition.tag');
    expect(shown).not.toContain('palette-action.send_email');
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'zzzz' } });
    expect(screen.getByText('No step matches “zzzz”.')).toBeInTheDocument();
  });

  it('adds a step on click, linked under the selected step', () => {
    fireEvent.click(screen.getByTestId('palette-trigger.list_joined'));
    expect(useEditor.getState().nodes.map((n) => n.id)).toEqual(['list-joined-1']);
    fireEvent.click(screen.getByTestId('palette-action.send_email'));
    const s = useEditor.getState();
    expect(s.nodes.map((n) => n.id)).toEqual(['list-joined-1', 'email-1']);
    expect(s.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['list-joined-1->email-1']);
    expect(s.nodes[1]!.position.y).toBeGreaterThan(s.nodes[0]!.position.y);
  });

  it('speaks French', () => {
    act(() => useSettings.setState({ lang: 'fr' }));
    expect(screen.getByText('Ajouter une étape')).toBeInTheDocument();
    expect(screen.getByText('Démarrer quand…')).toBeInTheDocument();
  });

  it('matches on type names too', () => {
    expect(matches(spec('wait.delay'), 'delay')).toBe(true);
    expect(matches(spec('wait.delay'), 'attendre')).toBe(true);
    expect(matches(spec('wait.delay'), 'webhook')).toBe(false);
  });
});
