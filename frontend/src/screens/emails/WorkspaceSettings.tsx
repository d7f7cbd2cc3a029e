// The workspace settings the Settings screen's own forms do not already
// edit (the language, sending, rules and events cards do): shown by group
// from the engine's list, each with its label and help in the UI language,
// its default, and the engine's refusal in plain words under it.
import { Check, Loader2, Save } from 'lucide-react';
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { SettingEntry, SettingGroup } from '../../api/settings';
import type { MessageKey } from '../../i18n/dict';
import { useT } from '../../i18n/useT';
import { useSettings } from '../../stores/settings';

/** COVERED are the settings edited by the screen's other cards. */
export const COVERED = new Set([
  'language',
  'from_address',
  'smtp_relay',
  'cap_per_day',
  'cap_per_week',
  'quiet_from',
  'quiet_to',
  'temperature_warm',
  'temperature_hot',
  'intake_token',
  'honour_dnt',
]);

const TITLES: Partial<Record<SettingGroup, [MessageKey, MessageKey]>> = {
  you: ['settings.you.title', 'settings.you.help'],
  contacts: ['settings.contacts.title', 'settings.contacts.help'],
  engine: ['settings.servers.title', 'settings.servers.help'],
};

/** SettingsGroup is a card of the settings of one group that no other card edits. */
export function SettingsGroup({ group }: { group: SettingGroup }) {
  const { t } = useT();
  const entries = useSettings((s) => s.entries);
  const error = useSettings((s) => s.entriesError);
  const titles = TITLES[group];
  const shown = (entries ?? []).filter((e) => e.group === group && !COVERED.has(e.key));
  if (!titles || (entries && shown.length === 0)) return null;
  return (
    <section className="fp-card" data-testid={`settings-group-${group}`}>
      <div className="fp-card-head">
        <h2>{t(titles[0])}</h2>
      </div>
      <p className="fp-card-help">{t(titles[1])}</p>
      {error && <p className="fp-field-error">{t('settings.item.loadFailed', { message: error })}</p>}
      {!entries && !error && <p className="fp-muted">{t('app.loading')}</p>}
      <div className="fp-settings-items">
        {shown.map((e) => (
          <SettingItem key={e.key} entry={e} />
        ))}
      </div>
    </section>
  );
}

/** SettingItem edits one workspace setting (Settings → Website shows Do Not Track with it). */
export function SettingItem({ entry }: { entry: SettingEntry }) {
  if (entry.read_only?.en || entry.kind === 'json') return <ReadOnlyItem entry={entry} />;
  if (entry.kind === 'bool') return <BoolItem entry={entry} />;
  return <TextItem entry={entry} />;
}

function Frame({ entry, id, children, after }: { entry: SettingEntry; id?: string; children: ReactNode; after?: ReactNode }) {
  const { t, tx } = useT();
  const error = useSettings((s) => s.errors[entry.key]);
  return (
    <div className="fp-field fp-setting" data-testid={`setting-${entry.key}`}>
      <label className="fp-label" htmlFor={id}>
        {tx(entry.label)}
      </label>
      {children}
      <p className="fp-field-help">{tx(entry.help)}</p>
      {after}
      {entry.error && <p className="fp-field-error">{t('settings.item.unreadable', { message: entry.error })}</p>}
      {error && (
        <p className="fp-field-error" role="alert" data-testid={`setting-${entry.key}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function BoolItem({ entry }: { entry: SettingEntry }) {
  const { t } = useT();
  const id = useId();
  const saving = useSettings((s) => s.saving === entry.key);
  const on = entry.value === 'true';
  return (
    <Frame entry={entry} id={id}>
      <label className="fp-switch">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={on}
          disabled={saving}
          aria-checked={on}
          onChange={(e) => void useSettings.getState().saveSetting(entry.key, e.target.checked ? 'true' : 'false')}
          data-testid={`setting-${entry.key}-input`}
        />
        <span>{t(on ? 'settings.item.on' : 'settings.item.off')}</span>
        {saving && <Loader2 size={13} className="fp-spin" />}
      </label>
    </Frame>
  );
}

const INPUT_TYPE: Partial<Record<SettingEntry['kind'], string>> = { time: 'time', email: 'email' };

function TextItem({ entry }: { entry: SettingEntry }) {
  const { t } = useT();
  const id = useId();
  const saving = useSettings((s) => s.saving === entry.key);
  const stored = entry.is_default ? '' : entry.value;
  const [text, setText] = useState(stored);
  const [saved, setSaved] = useState(false);
  useEffect(() => setText(stored), [stored]);
  const dirty = text.trim() !== stored;
  const save = async () => {
    setSaved(false);
    if (await useSettings.getState().saveSetting(entry.key, text)) setSaved(true);
  };
  return (
    <Frame entry={entry} id={id} after={entry.default && <p className="fp-field-help">{t('common.default', { value: entry.default })}</p>}>
      <form
        className="fp-row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input
          id={id}
          className="fp-input"
          type={INPUT_TYPE[entry.kind] ?? 'text'}
          inputMode={entry.kind === 'int' || entry.kind === 'number' ? 'numeric' : undefined}
          value={text}
          placeholder={entry.default}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(false);
          }}
          autoComplete="off"
          data-testid={`setting-${entry.key}-input`}
        />
        <button type="submit" className="fp-btn fp-btn-small" disabled={!dirty || saving} data-testid={`setting-${entry.key}-save`}>
          {saving ? <Loader2 size={13} className="fp-spin" /> : <Save size={13} />} {t('settings.item.save')}
        </button>
        {saved && !dirty && (
          <span className="fp-status is-saved" data-testid={`setting-${entry.key}-saved`}>
            <Check size={13} /> {t('settings.item.saved')}
          </span>
        )}
      </form>
    </Frame>
  );
}

function ReadOnlyItem({ entry }: { entry: SettingEntry }) {
  const { t, tx } = useT();
  return (
    <Frame
      entry={entry}
      after={
        <p className="fp-field-help" data-testid={`setting-${entry.key}-where`}>
          {entry.read_only?.en ? t('settings.item.readOnly', { reason: tx(entry.read_only) }) : t('settings.item.editedIn', { where: tx(entry.where) })}
        </p>
      }
    >
      {entry.secret && <code className="fp-mono fp-token">{entry.value || t('settings.item.notSet')}</code>}
    </Frame>
  );
}
