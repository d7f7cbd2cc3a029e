// The Contacts screen: the base of contacts, with tabs for the people
// table, imports, segments, fields and scoring.
import { useEffect } from 'react';
import { useT } from '../../i18n/useT';
import { useContactFields } from '../../stores/contactsFields';
import { CONTACTS_TABS, useContactsNav } from '../../stores/contactsNav';
import { useContactsTable } from '../../stores/contactsTable';
import './contacts.css';
import { FieldsTab } from './FieldsTab';
import { ImportTab } from './ImportTab';
import { PeopleTab } from './PeopleTab';
import { ScoringTab } from './ScoringTab';
import { SegmentsTab } from './SegmentsTab';

export function ContactsScreen() {
  const { t } = useT();
  const tab = useContactsNav((s) => s.tab);

  useEffect(() => {
    void useContactFields.getState().load();
    const table = useContactsTable.getState();
    void table.loadLookups();
    // Coming back to the screen: funnels, forms or an import may have changed the base meanwhile.
    if (table.total !== null) table.reload();
  }, []);

  return (
    <main className="fp-main fp-ct" data-testid="screen-contacts">
      <header className="fp-ct-head">
        <h1 className="fp-ct-title">{t('contacts.title')}</h1>
        <nav className="fp-ct-tabs" role="tablist" aria-label={t('contacts.tabs')}>
          {CONTACTS_TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`ct-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`ct-panel-${id}`}
              className={`fp-ct-tab ${tab === id ? 'is-active' : ''}`}
              data-testid={`contacts-tab-${id}`}
              onClick={() => useContactsNav.getState().go(id)}
            >
              {t(`contacts.tab.${id}`)}
            </button>
          ))}
        </nav>
      </header>
      <section className="fp-ct-body" role="tabpanel" id={`ct-panel-${tab}`} aria-labelledby={`ct-tab-${tab}`}>
        {tab === 'people' && <PeopleTab />}
        {tab === 'import' && <ImportTab />}
        {tab === 'segments' && <SegmentsTab />}
        {tab === 'fields' && <FieldsTab />}
        {tab === 'scoring' && <ScoringTab />}
      </section>
    </main>
  );
}
