// The Settings screen: language, how emails are sent (offline mailbox or an
// SMTP relay, with a connection test that says what failed), the sending
// rules, and the engine's local servers (for a website form to send events);
// every other workspace setting (you, contacts, local servers) by group, from
// the engine's list (WorkspaceSettings).
import { CheckCircle2, Copy, Eye, EyeOff, Inbox, Loader2, Plug, RefreshCw, Save, Send, TriangleAlert } from 'lucide-react';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { emailsApi } from '../../api/emails';
import { LANGS } from '../../api/types';
import { translate, type MessageKey } from '../../i18n/dict';
import { useT } from '../../i18n/useT';
import { isSendingDirty, useSending, type RelayStage, type SendingField, type SendingForm } from '../../stores/emailsSending';
import { useSettings } from '../../stores/settings';
import { toast } from '../../stores/toasts';
import { WebsiteCard } from './WebsiteCard';
import { SettingsGroup } from './WorkspaceSettings';
import './emails.css';
import { msg } from '../../i18n/message';
import { PersonCard } from '../../components/PersonName';

export function SettingsScreen() {
  const { t } = useT();
  const status = useSending((s) => s.status);
  const loadError = useSending((s) => s.loadError);

  useEffect(() => {
    if (!isSendingDirty(useSending.getState())) void useSending.getState().load();
    void useSending.getState().loadEngine();
    void useSettings.getState().loadEntries();
  }, []);

  return (
    <main className="fp-main fp-settings" data-testid="screen-settings">
      <div className="fp-settings-col">
        <h1 className="fp-settings-title">{t('settings.title')}</h1>
        <LanguageCard />
        <PersonCard />
        <SettingsGroup group="you" />
        {status === 'error' && <p className="fp-field-error">{t('settings.loadFailed', { message: loadError ?? '' })}</p>}
        {status !== 'error' && <SendingForms />}
        <SettingsGroup group="contacts" />
        <WebsiteCard />
        <EngineCard />
        <SettingsGroup group="engine" />
      </div>
    </main>
  );
}

function Card({ title, children, testId, help, action }: { title: string; help?: string; children: ReactNode; testId?: string; action?: ReactNode }) {
  return (
    <section className="fp-card" data-testid={testId}>
      <div className="fp-card-head">
        <h2>{title}</h2>
        {action}
      </div>
      {help && <p className="fp-card-help">{help}</p>}
      {children}
    </section>
  );
}

function LanguageCard() {
  const { t } = useT();
  const lang = useSettings((s) => s.lang);
  const menuLang = useSettings((s) => s.menuLang);
  return (
    <Card title={t('lang.label')} help={t('settings.langHelp')}>
      <div className="fp-lang" role="group" aria-label={t('lang.label')}>
        {LANGS.map((l) => (
          <button
            key={l}
            type="button"
            className={`fp-lang-btn fp-lang-long ${lang === l ? 'is-on' : ''}`}
            aria-pressed={lang === l}
            onClick={() => void useSettings.getState().setLang(l)}
            data-testid={`settings-lang-${l}`}
          >
            {/* Each language is named in itself, as language pickers do. */}
            <span lang={l}>{translate(l, l === 'en' ? 'lang.en.long' : 'lang.fr.long')}</span>
          </button>
        ))}
      </div>
      {menuLang && menuLang !== lang && (
        <p className="fp-muted fp-small" data-testid="settings-menu-lang">
          {t('settings.menuLang.next')}
        </p>
      )}
    </Card>
  );
}

/** One labelled input of the form, with its error under it. */
function Input(props: {
  field: SendingField;
  label: string;
  help?: string;
  type?: string;
  placeholder?: string;
  width?: 'short' | 'time';
  suffix?: string;
}) {
  const { t } = useT();
  const id = useId();
  const value = useSending((s) => (s.form ? String(s.form[props.field]) : ''));
  const error = useSending((s) => s.errors[props.field]);
  return (
    <div className={`fp-field ${props.width ? `is-${props.width}` : ''}`}>
      <label className="fp-label" htmlFor={id}>
        {props.label}
      </label>
      <div className="fp-row">
        <input
          id={id}
          className="fp-input"
          type={props.type ?? 'text'}
          value={value}
          placeholder={props.placeholder}
          onChange={(e) => useSending.getState().change({ [props.field]: e.target.value } as Partial<SendingForm>)}
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-err` : undefined}
          data-testid={`settings-${props.field}`}
          inputMode={props.width === 'short' ? 'numeric' : undefined}
          autoComplete="off"
        />
        {props.suffix && <span className="fp-unit">{props.suffix}</span>}
      </div>
      {props.help && <p className="fp-field-help">{props.help}</p>}
      {error && (
        <p className="fp-field-error" id={`${id}-err`} data-testid={`settings-${props.field}-error`}>
          {t(error)}
        </p>
      )}
    </div>
  );
}

function Select(props: { field: SendingField; label: string; options: { value: string; label: string }[]; help?: string }) {
  const { t } = useT();
  const id = useId();
  const value = useSending((s) => (s.form ? String(s.form[props.field]) : ''));
  const error = useSending((s) => s.errors[props.field]);
  return (
    <div className="fp-field">
      <label className="fp-label" htmlFor={id}>
        {props.label}
      </label>
      <select
        id={id}
        className="fp-input"
        value={value}
        onChange={(e) => useSending.getState().change({ [props.field]: e.target.value } as Partial<SendingForm>)}
        aria-invalid={!!error}
        data-testid={`settings-${props.field}`}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.help && <p className="fp-field-help">{props.help}</p>}
      {error && (
        <p className="fp-field-error" data-testid={`settings-${props.field}-error`}>
          {t(error)}
        </p>
      )}
    </div>
  );
}

function SendingForms() {
  const { t } = useT();
  const form = useSending((s) => s.form);
  const saving = useSending((s) => s.saving);
  const dirty = useSending(isSendingDirty);
  const justSaved = useSending((s) => s.justSaved);
  const serverError = useSending((s) => s.serverError);
  const errorCount = useSending((s) => Object.keys(s.errors).length);
  const [showPassword, setShowPassword] = useState(false);

  if (!form) {
    return (
      <Card title={t('settings.sending.title')}>
        <p className="fp-muted">{t('app.loading')}</p>
      </Card>
    );
  }
  const relay = form.mode === 'relay';
  return (
    <form
      className="fp-settings-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void useSending
          .getState()
          .save()
          .then((ok) => ok && toast('success', msg('settings.saved'), 'settings-save'));
      }}
    >
      <Card title={t('settings.sending.title')} help={t('settings.sending.help')} testId="settings-sending">
        <div className="fp-choice-row" role="radiogroup" aria-label={t('settings.sending.title')}>
          <ModeChoice mode="offline" icon={<Inbox size={18} />} title={t('settings.mode.offline')} body={t('settings.mode.offlineHelp')} />
          <ModeChoice mode="relay" icon={<Send size={18} />} title={t('settings.mode.relay')} body={t('settings.mode.relayHelp')} />
        </div>
        <Input field="from" label={t('settings.from')} help={t('settings.fromHelp')} placeholder={t('settings.fromPlaceholder')} />
        {relay && (
          <div className="fp-relay" data-testid="settings-relay">
            <div className="fp-grid-2">
              <Input field="host" label={t('settings.host')} placeholder="smtp.example.com" />
              <Input field="port" label={t('settings.port')} placeholder={form.security === 'tls' ? '465' : form.security === 'none' ? '25' : '587'} width="short" help={t('settings.portHelp')} />
              <Select
                field="security"
                label={t('settings.security')}
                options={[
                  { value: 'starttls', label: t('settings.security.starttls') },
                  { value: 'tls', label: t('settings.security.tls') },
                  { value: 'none', label: t('settings.security.none') },
                ]}
              />
              <Select
                field="auth_method"
                label={t('settings.auth')}
                options={[
                  { value: '', label: t('settings.auth.auto') },
                  { value: 'plain', label: 'PLAIN' },
                  { value: 'login', label: 'LOGIN' },
                ]}
              />
              <Input field="username" label={t('settings.username')} help={t('settings.usernameHelp')} />
              <div className="fp-pw">
                <Input field="password" label={t('settings.password')} type={showPassword ? 'text' : 'password'} />
                <button type="button" className="fp-icon-btn" onClick={() => setShowPassword((v) => !v)} aria-label={t(showPassword ? 'settings.hidePassword' : 'settings.showPassword')}>
                  {showPassword ? <EyeOff size={15} /> : <Eye size={15} />}
                </button>
              </div>
              <Input field="per_second" label={t('settings.perSecond')} width="short" help={t('settings.zeroNoLimit')} />
              <Input field="per_hour" label={t('settings.perHour')} width="short" help={t('settings.zeroNoLimit')} />
            </div>
            <RelayTestRow />
            <p className="fp-field-help">{t('settings.relayRestart')}</p>
          </div>
        )}
      </Card>

      <Card title={t('settings.rules.title')} help={t('settings.rules.help')} testId="settings-rules">
        <div className="fp-grid-2">
          <Input field="cap_per_day" label={t('settings.capDay')} width="short" help={t('settings.zeroNoLimit')} suffix={t('settings.emails')} />
          <Input field="cap_per_week" label={t('settings.capWeek')} width="short" help={t('settings.zeroNoLimit')} suffix={t('settings.emails')} />
        </div>
        <h3 className="fp-sub">{t('settings.quiet.title')}</h3>
        <p className="fp-card-help">{t('settings.quiet.help')}</p>
        <div className="fp-grid-2">
          <Input field="quiet_from" label={t('settings.quiet.from')} type="time" width="time" />
          <Input field="quiet_to" label={t('settings.quiet.to')} type="time" width="time" />
        </div>
        <h3 className="fp-sub">{t('settings.temp.title')}</h3>
        <p className="fp-card-help">{t('settings.temp.help')}</p>
        <div className="fp-grid-2">
          <Input field="warm" label={t('settings.temp.warm')} width="short" suffix={t('settings.points')} />
          <Input field="hot" label={t('settings.temp.hot')} width="short" suffix={t('settings.points')} />
        </div>
      </Card>

      <div className="fp-savebar" data-testid="settings-savebar">
        {serverError && (
          <p className="fp-field-error" role="alert" data-testid="settings-server-error">
            {t('settings.saveFailed', { message: serverError })}
          </p>
        )}
        {!serverError && errorCount > 0 && <p className="fp-field-error">{t('settings.fixErrors', { count: errorCount })}</p>}
        {!serverError && errorCount === 0 && (
          <span className={`fp-status ${dirty ? 'is-dirty' : 'is-saved'}`} data-testid="settings-status">
            {dirty && <span className="fp-dot" aria-hidden="true" />}
            {t(dirty ? 'settings.unsaved' : justSaved ? 'settings.saved' : 'settings.upToDate')}
          </span>
        )}
        <span className="fp-spacer" />
        <button type="button" className="fp-btn" disabled={!dirty || saving} onClick={() => void useSending.getState().load()}>
          {t('settings.revert')}
        </button>
        <button type="submit" className="fp-btn fp-btn-primary" disabled={saving} data-testid="settings-save">
          {saving ? <Loader2 size={15} className="fp-spin" /> : <Save size={15} />} {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function ModeChoice({ mode, icon, title, body }: { mode: 'offline' | 'relay'; icon: ReactNode; title: string; body: string }) {
  const on = useSending((s) => s.form?.mode === mode);
  return (
    <label className={`fp-choice ${on ? 'is-on' : ''}`} data-testid={`settings-mode-${mode}`}>
      <input type="radio" name="fp-sending-mode" checked={on} onChange={() => useSending.getState().change({ mode })} />
      <span className="fp-choice-icon">{icon}</span>
      <span>
        <strong>{title}</strong>
        <span className="fp-choice-body">{body}</span>
      </span>
    </label>
  );
}

const STAGE_TEXT: Record<RelayStage, MessageKey> = {
  dns: 'settings.stage.dns',
  connect: 'settings.stage.connect',
  tls: 'settings.stage.tls',
  auth: 'settings.stage.auth',
  sender: 'settings.stage.sender',
  recipient: 'settings.stage.recipient',
  data: 'settings.stage.data',
  settings: 'settings.stage.settings',
  unknown: 'settings.stage.unknown',
};

function RelayTestRow() {
  const { t } = useT();
  const testing = useSending((s) => s.testing);
  const test = useSending((s) => s.test);
  return (
    <div className="fp-relay-test">
      <button type="button" className="fp-btn" onClick={() => void useSending.getState().testRelay()} disabled={testing} data-testid="settings-test-relay">
        {testing ? <Loader2 size={15} className="fp-spin" /> : <Plug size={15} />} {t(testing ? 'settings.testing' : 'settings.test')}
      </button>
      {test?.ok && (
        <div className="fp-callout is-success" role="status" data-testid="relay-test-ok">
          <CheckCircle2 size={16} /> <p>{t('settings.testOk')}</p>
        </div>
      )}
      {test && !test.ok && (
        <div className="fp-callout is-error" role="alert" data-testid="relay-test-failed" data-stage={test.stage}>
          <TriangleAlert size={16} />
          <div className="fp-callout-text">
            <p>
              <strong>{t(STAGE_TEXT[test.stage])}</strong>
            </p>
            <p className="fp-mono fp-small">{test.message}</p>
          </div>
        </div>
      )}
    </div>
  );
}

/** curlExample is what a website's back end sends to record an event. */
export function curlExample(httpAddr: string, token: string): string {
  return [
    `curl -X POST http://${httpAddr}/events \\`,
    `  -H "Authorization: Bearer ${token}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"type": "form_submitted", "email": "camille@example.com", "data": {"form": "newsletter"}}'`,
  ].join('\n');
}

function EngineCard() {
  const { t } = useT();
  const engine = useSending((s) => s.engine);
  const error = useSending((s) => s.engineError);
  const [reveal, setReveal] = useState(false);

  const copy = async (text: string) => {
    const ok = await emailsApi().copyText(text);
    toast(ok ? 'success' : 'error', msg(ok ? 'settings.copied' : 'settings.copyFailed'), 'copy');
  };

  return (
    <Card
      title={t('settings.engine.title')}
      help={t('settings.engine.help')}
      testId="settings-engine"
      action={
        <button type="button" className="fp-btn fp-btn-small" onClick={() => void useSending.getState().loadEngine()}>
          <RefreshCw size={13} /> {t('settings.engine.refresh')}
        </button>
      }
    >
      {error && <p className="fp-field-error">{error}</p>}
      {engine && (
        <>
          <dl className="fp-kv">
            <dt>{t('settings.engine.state')}</dt>
            <dd data-testid="engine-running">
              <span className={`fp-pill ${engine.running ? 'is-ok' : 'is-error'}`}>{t(engine.running ? 'settings.engine.running' : 'settings.engine.stopped')}</span>
              {!engine.running && engine.problem && (
                <p className="fp-field-error" data-testid="engine-problem">
                  {t('settings.engine.problem')} {engine.problem}
                </p>
              )}
            </dd>
            <dt>{t('settings.engine.http')}</dt>
            <dd className="fp-mono" data-testid="engine-http" data-verbatim>
              {engine.http_addr ? `http://${engine.http_addr}` : '—'}
            </dd>
            <dt>{t('settings.engine.capture')}</dt>
            <dd className="fp-mono">{engine.capture_addr || '—'}</dd>
            <dt>{t('settings.engine.token')}</dt>
            <dd className="fp-row">
              <code className="fp-mono fp-token" data-testid="engine-token">
                {engine.intake_token ? (reveal ? engine.intake_token : '•'.repeat(Math.min(engine.intake_token.length, 24))) : '—'}
              </code>
              {engine.intake_token && (
                <>
                  <button type="button" className="fp-icon-btn" onClick={() => setReveal((v) => !v)} aria-label={t(reveal ? 'settings.engine.hideToken' : 'settings.engine.showToken')}>
                    {reveal ? <EyeOff size={15} /> : <Eye size={15} />}
                  </button>
                  <button type="button" className="fp-btn fp-btn-small" onClick={() => void copy(engine.intake_token)} data-testid="copy-token">
                    <Copy size={13} /> {t('settings.copy')}
                  </button>
                </>
              )}
            </dd>
          </dl>
          {engine.http_addr && engine.intake_token && (
            <div className="fp-curl">
              <div className="fp-row fp-row-between">
                <h3 className="fp-sub">{t('settings.engine.curlTitle')}</h3>
                <button type="button" className="fp-btn fp-btn-small" onClick={() => void copy(curlExample(engine.http_addr, engine.intake_token))} data-testid="copy-curl">
                  <Copy size={13} /> {t('settings.copy')}
                </button>
              </div>
              <p className="fp-card-help">{t('settings.engine.curlHelp')}</p>
              <pre className="fp-plain fp-mono" data-testid="engine-curl" data-verbatim>
                {curlExample(engine.http_addr, reveal ? engine.intake_token : '<token>')}
              </pre>
            </div>
          )}
          <h3 className="fp-sub">{t('settings.engine.outbox')}</h3>
          <Outbox counts={engine.outbox} />
        </>
      )}
    </Card>
  );
}

const OUTBOX_LABEL: Record<string, MessageKey> = {
  pending: 'settings.outbox.pending',
  sending: 'settings.outbox.sending',
  sent: 'settings.outbox.sent',
  failed: 'settings.outbox.failed',
  bounce: 'settings.outbox.bounce',
};

function Outbox({ counts }: { counts: Record<string, number> | null }) {
  const { t } = useT();
  const entries = Object.entries(counts ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="fp-muted" data-testid="outbox-empty">{t('settings.outbox.empty')}</p>;
  return (
    <ul className="fp-outbox" data-testid="outbox">
      {entries.map(([k, n]) => (
        <li key={k}>
          <strong>{n}</strong> <span>{OUTBOX_LABEL[k] ? t(OUTBOX_LABEL[k]) : k}</span>
        </li>
      ))}
    </ul>
  );
}
