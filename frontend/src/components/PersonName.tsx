// Settings → Your name: the name this computer's saves of funnels are
// signed with, which the others on a team workspace read ("Marie saved
// this funnel 2 min ago"). Kept on this computer, not in the workspace;
// empty, the system account's name is used.
import { useEffect, useId, useState } from 'react';
import { errorMessage } from '../api/backend';
import { person, setPersonName } from '../api/workspace';
import { useT } from '../i18n/useT';
import { msg } from '../i18n/message';
import { toast } from '../stores/toasts';

export function PersonCard() {
  const { t } = useT();
  const id = useId();
  const [name, setName] = useState('');
  const [saved, setSaved] = useState('');
  const [system, setSystem] = useState('');
  useEffect(() => {
    person()
      .then((p) => {
        setName(p.name);
        setSaved(p.name);
        setSystem(p.system);
      })
      .catch(() => undefined); // no engine (unit tests): the card stays empty
  }, []);
  const save = async () => {
    if (name.trim() === saved) return;
    try {
      await setPersonName(name);
      setSaved(name.trim());
      toast('success', msg('person.saved'), 'person');
    } catch (err) {
      toast('error', errorMessage(err), 'person');
    }
  };
  return (
    <section className="fp-card" data-testid="settings-person">
      <div className="fp-card-head">
        <h2>{t('person.title')}</h2>
      </div>
      <p className="fp-card-help">{t('person.help')}</p>
      <div className="fp-field">
        <label className="fp-label" htmlFor={id}>
          {t('person.label')}
        </label>
        <div className="fp-row">
          <input
            id={id}
            className="fp-input"
            value={name}
            maxLength={80}
            // The system account's name: data, not words to translate.
            placeholder={system}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => void save()}
            onKeyDown={(e) => e.key === 'Enter' && void save()}
            data-user-content
            data-testid="settings-person-name"
          />
        </div>
      </div>
    </section>
  );
}
