// The people tab: search and filters over the contact table, the count,
// the export, and the profile of the contact clicked.
import { Download, Search, Upload, UserPlus, X } from 'lucide-react';
import { useState } from 'react';
import { STAGES, TEMPERATURES } from '../../api/contacts';
import { useT } from '../../i18n/useT';
import { useContactsNav } from '../../stores/contactsNav';
import { useContactProfile } from '../../stores/contactsProfile';
import { hasFilters, useContactsTable, type FilterKey } from '../../stores/contactsTable';
import { toast } from '../../stores/toasts';
import { AddContactDialog } from './AddContactDialog';
import { ContactProfile } from './ContactProfile';
import { ContactsTable } from './ContactsTable';
import { formatNumber, plural, stageLabel, temperatureLabel } from './labels';
import { msg } from '../../i18n/message';

export function PeopleTab() {
  const { t, lang } = useT();
  const searchInput = useContactsTable((s) => s.searchInput);
  const filters = useContactsTable((s) => s.filters);
  const total = useContactsTable((s) => s.total);
  const lookups = useContactsTable((s) => s.lookups);
  const segments = useContactsTable((s) => s.segments);
  const exporting = useContactsTable((s) => s.exporting);
  const openId = useContactProfile((s) => s.id);
  const [adding, setAdding] = useState(false);
  const filtered = hasFilters(filters);

  const table = useContactsTable.getState;
  const select = (key: FilterKey, label: string, any: string, options: { value: string; label: string }[]) => (
    <label className="fp-ct-filter">
      <span className="fp-ct-sr">{label}</span>
      <select
        className={`fp-input ${filters[key] ? 'is-set' : ''}`}
        value={filters[key]}
        onChange={(e) => table().setFilter(key, e.target.value)}
        data-testid={`filter-${key}`}
        aria-label={label}
      >
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  const exportCsv = async () => {
    const path = await table().exportCsv();
    if (path) toast('success', msg('contacts.exported', { path }), 'contacts-export');
  };

  return (
    <div className={`fp-ct-people ${openId !== null ? 'has-profile' : ''}`}>
      <div className="fp-ct-main">
        <div className="fp-ct-toolbar">
          <div className="fp-ct-toolbar-row">
          <label className="fp-ct-searchbox">
            <Search size={15} aria-hidden="true" />
            <input
              type="search"
              value={searchInput}
              placeholder={t('contacts.search')}
              aria-label={t('contacts.search')}
              onChange={(e) => table().setSearch(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && table().flushSearch()}
              data-testid="contacts-search"
            />
          </label>
          <span className="fp-ct-total" data-testid="contacts-total" aria-live="polite">
            {total === null ? t('app.loading') : plural(t, total, 'contacts.count.one', 'contacts.count', { count: formatNumber(total, lang) })}
          </span>
          <button
            type="button"
            className="fp-btn fp-btn-small"
            onClick={() => void exportCsv()}
            disabled={exporting || !total}
            title={t('contacts.exportHint')}
            data-testid="contacts-export"
          >
            <Download size={14} aria-hidden="true" />
            {t('contacts.export')}
          </button>
          <button type="button" className="fp-btn fp-btn-small" onClick={() => setAdding(true)} data-testid="add-contact">
            <UserPlus size={14} aria-hidden="true" />
            {t('contacts.add.button')}
          </button>
          </div>
          <div className="fp-ct-toolbar-row">
          {select(
            'segment',
            t('contacts.filter.segment'),
            t('contacts.filter.anySegment'),
            segments.map((s) => ({ value: s.id ?? '', label: s.name || s.id || '' })),
          )}
          {select('list', t('contacts.filter.list'), t('contacts.filter.anyList'), lookups.lists.map((l) => ({ value: l, label: l })))}
          {select('tag', t('contacts.filter.tag'), t('contacts.filter.anyTag'), lookups.tags.map((l) => ({ value: l, label: l })))}
          {select('stage', t('contacts.filter.stage'), t('contacts.filter.anyStage'), STAGES.map((s) => ({ value: s, label: stageLabel(t, s) })))}
          {select(
            'temperature',
            t('contacts.filter.temperature'),
            t('contacts.filter.anyTemperature'),
            TEMPERATURES.map((s) => ({ value: s, label: temperatureLabel(t, s) })),
          )}
          {filtered && (
            <button type="button" className="fp-btn fp-btn-ghost fp-btn-small" onClick={() => table().clearFilters()} data-testid="clear-filters">
              <X size={14} aria-hidden="true" />
              {t('contacts.clearFilters')}
            </button>
          )}
          </div>
        </div>
        {total === 0 && !filtered ? (
          <div className="fp-centre fp-ct-fill">
            <div className="fp-empty" data-testid="contacts-empty">
              <h2>{t('contacts.empty.title')}</h2>
              <p>{t('contacts.empty.body')}</p>
              <button type="button" className="fp-btn fp-btn-primary fp-ct-empty-btn" onClick={() => useContactsNav.getState().go('import')}>
                <Upload size={14} aria-hidden="true" />
                {t('contacts.empty.import')}
              </button>
            </div>
          </div>
        ) : total === 0 ? (
          <div className="fp-centre fp-ct-fill">
            <div className="fp-empty" data-testid="contacts-nomatch">
              <h2>{t('contacts.noMatch.title')}</h2>
              <p>{t('contacts.noMatch.body')}</p>
            </div>
          </div>
        ) : (
          <ContactsTable selected={openId} onOpen={(id) => void useContactProfile.getState().open(id)} />
        )}
      </div>
      {openId !== null && <ContactProfile />}
      {adding && <AddContactDialog onClose={() => setAdding(false)} />}
    </div>
  );
}
