import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Column } from '../../api/contacts';
import { useContactImport } from '../../stores/contactsImport';
import { useSettings } from '../../stores/settings';
import { ImportTab } from './ImportTab';
import { MappingTable, samplesOf } from './MappingTable';
import { FIELDS, resetContacts, settle, type FakeContactsApi } from './test/fakeApi';

let api: FakeContactsApi;
const COLUMNS: Column[] = [
  { index: 0, header: 'Courriel', field: 'email', source: 'remembered', sample: 'a@b.c' },
  { index: 1, header: 'Prénom', field: 'first_name', source: 'guessed', sample: 'Émile' },
  { index: 2, header: 'Pointure', field: '', source: 'none', sample: '42' },
];
const SAMPLE = [
  ['a@b.c', 'Émile', '42'],
  ['d@e.f', 'Zoé', ''],
  ['g@h.i', 'Émile', '38'],
];

beforeEach(() => {
  api = resetContacts();
});

function renderTable(mapping: Record<string, string>, onChange = vi.fn()) {
  render(<MappingTable columns={COLUMNS} sample={SAMPLE} mapping={mapping} fields={FIELDS} onChange={onChange} />);
  return onChange;
}

describe('MappingTable', () => {
  it('shows each column with distinct example values and where it goes', () => {
    renderTable({ Courriel: 'email', Prénom: 'first_name', Pointure: '' });
    const row = screen.getByTestId('mapping-row-1');
    expect(within(row).getByText('Prénom')).toBeInTheDocument();
    expect(within(row).getAllByText(/Émile|Zoé/).map((e) => e.textContent)).toEqual(['Émile', 'Zoé']);
    expect(screen.getByTestId<HTMLSelectElement>('mapping-0').value).toBe('email');
    expect(screen.getByTestId<HTMLSelectElement>('mapping-2').value).toBe('');
    expect(screen.getByTestId('mapping-row-2')).toHaveClass('is-ignored');
    expect(within(screen.getByTestId('mapping-row-0')).getByText('as last time')).toBeInTheDocument();
    expect(within(screen.getByTestId('mapping-row-1')).getByText('suggested')).toBeInTheDocument();
  });

  it('offers identity and custom fields, tags, and a new field named after the column', () => {
    const onChange = renderTable({ Courriel: 'email', Prénom: 'first_name', Pointure: '' });
    const select = screen.getByTestId<HTMLSelectElement>('mapping-2');
    const labels = Array.from(select.options).map((o) => o.textContent);
    expect(labels).toEqual(expect.arrayContaining(['Don’t import', 'Email', 'Country', 'Plan', 'Seats', 'Tags', 'Create a new field “pointure”']));
    // Properties that only segments test are not import targets.
    expect(labels).not.toContain('Unsubscribed');
    fireEvent.change(select, { target: { value: '__new__' } });
    expect(onChange).toHaveBeenCalledWith('Pointure', 'pointure');
    fireEvent.change(select, { target: { value: 'seats' } });
    expect(onChange).toHaveBeenCalledWith('Pointure', 'seats');
  });

  it('marks two columns going to one field', () => {
    renderTable({ Courriel: 'email', Prénom: 'first_name', Pointure: 'first_name' });
    expect(screen.getAllByRole('alert').map((e) => e.textContent)).toEqual([
      'Another column also goes to “First name”.',
      'Another column also goes to “First name”.',
    ]);
    expect(screen.getByTestId('mapping-1')).toHaveAttribute('aria-invalid', 'true');
  });

  it('falls back to the engine’s sample when the first rows are empty', () => {
    expect(samplesOf({ ...COLUMNS[2], index: 5 }, SAMPLE)).toEqual(['42']);
  });

  it('is in French when the UI is', () => {
    useSettings.setState({ lang: 'fr' });
    renderTable({ Courriel: 'email', Prénom: 'first_name', Pointure: '' });
    expect(screen.getByText('Colonne du fichier')).toBeInTheDocument();
    expect(within(screen.getByTestId('mapping-row-0')).getByText('comme la dernière fois')).toBeInTheDocument();
  });
});

describe('ImportTab', () => {
  it('walks from the file to the result with the rejected line listed', async () => {
    render(<ImportTab />);
    const file = new File([new Uint8Array([0x61, 0x3b, 0xe9])], 'contacts.csv', { type: 'text/csv' });
    // jsdom's File has no arrayBuffer in every version: provide it.
    Object.defineProperty(file, 'arrayBuffer', { value: async () => new Uint8Array([0x61, 0x3b, 0xe9]).buffer });
    await act(async () => {
      fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
      await settle(10);
    });
    expect(screen.getByTestId('import-facts')).toHaveTextContent('3 rows · separated by semicolons · encoding windows-1252');
    expect(screen.getByTestId('import-start')).toHaveTextContent('Import 3 rows');
    fireEvent.change(screen.getByTestId('mapping-0'), { target: { value: '' } });
    expect(screen.getByTestId('mapping-problem-no_email')).toBeInTheDocument();
    expect(screen.getByTestId('import-start')).toBeDisabled();
    fireEvent.change(screen.getByTestId('mapping-0'), { target: { value: 'email' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('import-start'));
      await settle(10);
    });
    expect(useContactImport.getState().step).toBe('done');
    expect(screen.getByTestId('result-created')).toHaveTextContent('2');
    expect(screen.getByTestId('result-rejects')).toHaveTextContent('1');
    expect(screen.getByTestId('result-empty_lines')).toHaveTextContent('1');
    const reject = screen.getByTestId('reject-row');
    expect(reject).toHaveAttribute('data-line', '4');
    expect(reject).toHaveTextContent('“nope” is not an email address: it has no @');
    expect(reject).not.toHaveTextContent('invalid email');
    expect(reject).toHaveTextContent('3 (line 4 of the file)');
    // A duplicate row's other value is named, with the one kept.
    expect(screen.getByTestId('import-conflict')).toHaveTextContent('First name: kept “Zoé”, not “Zoe”');
    await act(async () => {
      fireEvent.click(screen.getByTestId('download-rejects'));
      await settle(10);
    });
    expect(api.saved[0].name).toBe('contacts-rejected.csv');
  });

  it('says in French why a row was merged (once the engine’s English)', async () => {
    useSettings.setState({ lang: 'fr' });
    render(<ImportTab />);
    const file = new File([new Uint8Array([0x61])], 'contacts.csv', { type: 'text/csv' });
    Object.defineProperty(file, 'arrayBuffer', { value: async () => new Uint8Array([0x61]).buffer });
    await act(async () => {
      fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
      await settle(10);
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('import-start'));
      await settle(10);
    });
    const note = screen.getByTestId('import-note');
    expect(note).toHaveTextContent('Même adresse courriel que la ligne 2 : fusionnée avec elle, en ne remplissant que ce que cette ligne laissait vide');
    expect(note).not.toHaveTextContent('merged into it');
    expect(screen.getByTestId('reject-row')).toHaveTextContent('« nope » n’est pas une adresse courriel');
  });
});
