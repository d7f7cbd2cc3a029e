// A fake of the engine's settings service for store and screen tests: a few
// settings shaped as engine/settings lists them, with the engine's checks
// for those kinds (a bad value is refused naming the setting by its label).
import type { SettingEntry, SettingsApi } from '../api/settings';

const T = (en: string, fr: string) => ({ en, fr });
const none = T('', '');

function entries(): SettingEntry[] {
  const e = (p: Partial<SettingEntry> & Pick<SettingEntry, 'key' | 'group' | 'kind'>): SettingEntry => ({
    default: '',
    label: T(p.key, p.key),
    help: T('help', 'aide'),
    where: T('Settings', 'Réglages'),
    secret: false,
    read_only: none,
    value: p.default ?? '',
    is_default: true,
    ...p,
  });
  return [
    e({ key: 'language', group: 'you', kind: 'choice', choices: ['en', 'fr'] }),
    e({ key: 'my_email', group: 'you', kind: 'email', label: T('Your email address', 'Votre adresse courriel') }),
    e({ key: 'cap_per_day', group: 'rules', kind: 'int', default: '0', value: '0' }),
    e({
      key: 'stage_backwards',
      group: 'contacts',
      kind: 'bool',
      default: 'false',
      value: 'false',
      label: T('Let a contact’s stage go back', 'Permettre à l’étape du cycle d’un contact de reculer'),
      where: T('Settings → Contacts', 'Réglages → Contacts'),
    }),
    e({ key: 'score_decay', group: 'contacts', kind: 'json', label: T('Old points count less', 'Les vieux points comptent moins'), where: T('Contacts → Scoring', 'Contacts → Score') }),
    e({ key: 'http_addr', group: 'engine', kind: 'address', default: '127.0.0.1:47800', value: '127.0.0.1:47800', label: T('Tracking and events address', 'Adresse du suivi et des événements') }),
    e({ key: 'public_host', group: 'engine', kind: 'hosts', label: T('Public names of this computer', 'Noms publics de cet ordinateur') }),
    e({ key: 'intake_token', group: 'engine', kind: 'secret', secret: true, value: '••••••••', is_default: false }),
    e({
      key: 'tracking_key',
      group: 'engine',
      kind: 'secret',
      secret: true,
      value: '••••••••',
      is_default: false,
      label: T('Link signing key', 'Clé de signature des liens'),
      read_only: T('it signs the links of every email already sent', 'elle signe les liens de chaque email déjà envoyé'),
    }),
  ];
}

export interface FakeSettingsApi extends SettingsApi {
  list_: SettingEntry[];
  calls: Record<string, string>[];
}

export function createFakeSettingsApi(): FakeSettingsApi {
  const api: FakeSettingsApi = {
    list_: entries(),
    calls: [],
    async list() {
      return structuredClone(api.list_);
    },
    async set(values) {
      api.calls.push(values);
      for (const [key, value] of Object.entries(values)) {
        const e = api.list_.find((x) => x.key === key);
        if (!e) throw `no such setting "${key}"`;
        if (e.kind === 'bool' && !['true', 'false', ''].includes(value)) throw `${e.label.en}: "${value}" is not true or false`;
        if (e.kind === 'hosts' && /[/:@ ]/.test(value)) throw `${e.label.en}: "${value}" is not a host name (like track.example.com, no http:// and no port)`;
      }
      for (const [key, value] of Object.entries(values)) {
        const e = api.list_.find((x) => x.key === key)!;
        e.value = value || e.default;
        e.is_default = value === '';
      }
      return structuredClone(api.list_);
    },
  };
  return api;
}
