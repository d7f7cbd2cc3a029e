// The mapping table of an import: each column of the file, a few of its
// values, and the field it goes to.
import type { Column, FieldDef } from '../../api/contacts';
import { useT } from '../../i18n/useT';
import { fillableFields } from '../../stores/contactsFields';
import { fieldNameFor, mappingProblems, TAGS_TARGET } from '../../stores/contactsImport';
import { fieldLabel } from './labels';

const NEW_FIELD = '__new__';

/** samplesOf returns up to three non-empty values of a column. */
export function samplesOf(col: Column, sample: string[][] | null | undefined): string[] {
  const out: string[] = [];
  for (const row of sample ?? []) {
    const v = (row[col.index] ?? '').trim();
    if (v && !out.includes(v)) out.push(v);
    if (out.length === 3) break;
  }
  if (out.length === 0 && col.sample) out.push(col.sample);
  return out;
}

export function MappingTable(props: {
  columns: Column[];
  sample: string[][] | null;
  mapping: Record<string, string>;
  fields: FieldDef[];
  onChange: (header: string, field: string) => void;
}) {
  const { t } = useT();
  const fillable = fillableFields(props.fields);
  const identity = fillable.filter((f) => f.identity);
  const custom = fillable.filter((f) => !f.identity);
  const known = new Set(['', TAGS_TARGET, ...fillable.map((f) => f.name)]);
  const duplicates = new Map<string, string>();
  for (const p of mappingProblems(props.mapping)) {
    if (p.code === 'duplicate') for (const h of p.headers) duplicates.set(h, p.field);
  }

  return (
    <table className="fp-ct-mapping" data-testid="mapping-table">
      <thead>
        <tr>
          <th scope="col">{t('contacts.import.col.column')}</th>
          <th scope="col">{t('contacts.import.col.samples')}</th>
          <th scope="col">{t('contacts.import.col.target')}</th>
        </tr>
      </thead>
      <tbody>
        {props.columns.map((c) => {
          const field = props.mapping[c.header] ?? '';
          const dup = duplicates.get(c.header);
          const id = `map-${c.index}`;
          const sameAsEngine = field === (c.field ?? '');
          return (
            <tr key={c.header} className={field ? '' : 'is-ignored'} data-testid={`mapping-row-${c.index}`} data-header={c.header}>
              <th scope="row">
                <label htmlFor={id}>{c.header}</label>
              </th>
              <td className="fp-ct-samples">
                {samplesOf(c, props.sample).map((v) => (
                  <span key={v} className="fp-ct-sample" title={v}>
                    {v}
                  </span>
                ))}
              </td>
              <td>
                <div className="fp-row">
                  <select
                    id={id}
                    className="fp-input"
                    value={field}
                    aria-invalid={!!dup}
                    onChange={(e) => props.onChange(c.header, e.target.value === NEW_FIELD ? fieldNameFor(c.header) : e.target.value)}
                    data-testid={`mapping-${c.index}`}
                  >
                    <option value="">{t('contacts.import.target.ignore')}</option>
                    <optgroup label={t('contacts.import.target.identity')}>
                      {identity.map((f) => (
                        <option key={f.name} value={f.name}>
                          {fieldLabel(t, f.name)}
                        </option>
                      ))}
                    </optgroup>
                    {custom.length > 0 && (
                      <optgroup label={t('contacts.import.target.custom')}>
                        {custom.map((f) => (
                          <option key={f.name} value={f.name}>
                            {fieldLabel(t, f.name, custom)}
                          </option>
                        ))}
                      </optgroup>
                    )}
                    <optgroup label={t('contacts.import.target.other')}>
                      <option value={TAGS_TARGET}>{t('contacts.import.target.tags')}</option>
                      {!known.has(field) && <option value={field}>{t('contacts.import.target.new', { name: fieldLabel(t, field) })}</option>}
                      {known.has(fieldNameFor(c.header)) || fieldNameFor(c.header) === field ? null : (
                        <option value={NEW_FIELD}>{t('contacts.import.target.createFrom', { name: fieldNameFor(c.header) })}</option>
                      )}
                    </optgroup>
                  </select>
                  {sameAsEngine && field && (c.source === 'remembered' || c.source === 'guessed') && (
                    <span className={`fp-ct-badge is-${c.source}`} title={t(`contacts.import.source.${c.source}Hint`)}>
                      {t(`contacts.import.source.${c.source}`)}
                    </span>
                  )}
                </div>
                {dup && (
                  <p className="fp-field-error" role="alert">
                    {t('contacts.import.problem.duplicateShort', { field: fieldLabel(t, dup, props.fields) })}
                  </p>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
