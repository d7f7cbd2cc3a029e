// The profile of one contact, beside the table: identity and custom
// fields, lists, tags, score and temperature, stage, and the timeline.
import {
  Activity,
  Ban,
  CircleAlert,
  Download,
  FileText,
  Flag,
  GitBranch,
  Globe,
  ListMinus,
  ListPlus,
  Mail,
  CircleX,
  MailOpen,
  MailX,
  MousePointerClick,
  Pencil,
  ShoppingCart,
  Tag,
  TagX,
  Target,
  TrendingDown,
  TrendingUp,
  UserPlus,
  Workflow,
  X,
  type LucideIcon,
} from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { toast } from '../../stores/toasts';
import { STAGES, type Contact, type TimelineItem } from '../../api/contacts';
import type { Translator } from '../../i18n/useT';
import { useT } from '../../i18n/useT';
import { customFields, useContactFields } from '../../stores/contactsFields';
import { PROFILE_POLL_MS, useContactProfile } from '../../stores/contactsProfile';
import { Chips, TempChip } from './bits';
import { eventLabel, fieldLabel, formatDate, formatDateTime, formatScore, fullName, stageLabel } from './labels';
import { failureText } from '../../features/funnel/canvas/failureText';
import { useSettings } from '../../stores/settings';
import { engineText } from '../../api/engineText';
import type { Lang } from '../../api/types';
import { msg } from '../../i18n/message';

const IDENTITY_SHOWN = ['first_name', 'last_name', 'company', 'job_title', 'phone', 'country', 'city', 'language', 'timezone', 'birth_date', 'owner'];

const EVENT_ICONS: Record<string, LucideIcon> = {
  contact_created: UserPlus,
  list_joined: ListPlus,
  list_left: ListMinus,
  tag_added: Tag,
  tag_removed: TagX,
  stage_changed: Flag,
  field_changed: Pencil,
  email_sent: Mail,
  email_opened: MailOpen,
  email_clicked: MousePointerClick,
  unsubscribed: Ban,
  bounced: MailX,
  page_visited: Globe,
  form_submitted: FileText,
  file_downloaded: Download,
  cart_updated: ShoppingCart,
  cart_abandoned: ShoppingCart,
  purchase: ShoppingCart,
  entered_flow: Workflow,
  goal_reached: Target,
};

export function ContactProfile() {
  const { t, lang } = useT();
  const contact = useContactProfile((s) => s.contact);
  const loading = useContactProfile((s) => s.loading);
  const error = useContactProfile((s) => s.error);
  const timeline = useContactProfile((s) => s.timeline);
  const close = () => useContactProfile.getState().close();
  const id = useContactProfile((s) => s.id);
  // Live while open and on screen: shown again (the Contacts screen
  // revisited) it reads the contact at once, then every few seconds.
  useEffect(() => {
    if (id === null) return;
    const tick = () => {
      if (document.visibilityState !== 'hidden') void useContactProfile.getState().reread();
    };
    tick();
    const timer = window.setInterval(tick, PROFILE_POLL_MS);
    return () => window.clearInterval(timer);
  }, [id]);

  return (
    <aside className="fp-ct-profile" aria-label={t('contacts.profile.title')} data-testid="contact-profile">
      <div className="fp-ct-profile-head">
        <div className="fp-ct-avatar" aria-hidden="true" data-user-content>
          {initials(contact)}
        </div>
        <div className="fp-ct-profile-id">
          <h2 data-testid="profile-name">{contact ? fullName(contact.identity?.first_name, contact.identity?.last_name) || contact.email : t('app.loading')}</h2>
          {contact && <p className="fp-muted fp-small" data-testid="profile-email">{contact.email}</p>}
        </div>
        <button type="button" className="fp-icon-btn" onClick={close} aria-label={t('contacts.profile.close')} data-testid="profile-close">
          <X size={16} />
        </button>
      </div>
      <div className="fp-ct-profile-body">
        {error && <p className="fp-field-error">{t('contacts.profile.loadFailed', { message: error })}</p>}
        {contact && (
          <>
            <ScoreAndStage contact={contact} />
            {(contact.unsubscribed || contact.bounced) && (
              <div className="fp-ct-flags">
                {contact.unsubscribed && <span className="fp-ct-flag">{t('contacts.field.unsubscribed')}</span>}
                {contact.bounced && <span className="fp-ct-flag">{t('contacts.field.bounced')}</span>}
              </div>
            )}
            <Section title={t('contacts.profile.identity')}>
              <dl className="fp-ct-dl">
                <dt>{t('contacts.field.email')}</dt>
                <dd>{contact.email}</dd>
                {IDENTITY_SHOWN.filter((k) => contact.identity?.[k]).map((k) => (
                  <Pair key={k} label={fieldLabel(t, k)} value={k === 'birth_date' ? formatDate(contact.identity[k], lang) : contact.identity[k]} />
                ))}
                <Pair label={t('contacts.field.created_at')} value={formatDateTime(contact.created_at, lang)} />
              </dl>
            </Section>
            <CustomFields contact={contact} />
            <Section title={t('contacts.profile.lists')}>
              <Chips items={contact.lists} empty={t('contacts.profile.none')} />
            </Section>
            <Section title={t('contacts.profile.tags')}>
              <Chips items={contact.tags} empty={t('contacts.profile.none')} />
            </Section>
          </>
        )}
        {contact && <ForgetContact contact={contact} />}
        <Section title={t('contacts.profile.timeline')}>
          {loading && timeline.length === 0 ? (
            <p className="fp-muted">{t('app.loading')}</p>
          ) : timeline.length === 0 ? (
            <p className="fp-muted">{t('contacts.profile.noHistory')}</p>
          ) : (
            <ol className="fp-ct-timeline" data-testid="timeline">
              {timeline.map((item, i) => (
                <TimelineEntry key={`${item.at}-${i}`} item={item} />
              ))}
            </ol>
          )}
        </Section>
      </div>
    </aside>
  );
}

/** ForgetContact erases the contact for good, after a confirmation that says what goes. */
function ForgetContact({ contact }: { contact: Contact }) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  const name = fullName(contact.identity?.first_name, contact.identity?.last_name) || contact.email;
  return (
    <>
      <button type="button" className="fp-btn fp-btn-small fp-ct-forget" onClick={() => setAsking(true)} data-testid="profile-forget">
        {t('contacts.profile.forget')}
      </button>
      {asking && (
        <ConfirmDialog
          title={t('contacts.profile.forgetTitle', { name })}
          body={t('contacts.profile.forgetBody', { email: contact.email })}
          confirm={t('contacts.profile.forget')}
          testId="forget-confirm"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            useContactProfile
              .getState()
              .forget()
              .then(
                () => toast('success', msg('contacts.profile.forgotten', { email: contact.email }), 'forget'),
                (e) => toast('error', e instanceof Error ? e.message : String(e), 'forget'),
              );
          }}
        />
      )}
    </>
  );
}

function initials(c: Contact | null): string {
  if (!c) return '';
  const a = c.identity?.first_name?.[0] ?? '';
  const b = c.identity?.last_name?.[0] ?? '';
  return (a + b || c.email[0] || '?').toUpperCase();
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="fp-ct-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function Pair({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function ScoreAndStage({ contact }: { contact: Contact }) {
  const { t } = useT();
  const stageError = useContactProfile((s) => s.stageError);
  const saving = useContactProfile((s) => s.stageSaving);
  return (
    <div className="fp-ct-scorebox">
      <div>
        <div className="fp-ct-label">{t('contacts.profile.score')}</div>
        <div className="fp-ct-score-big">
          <span data-testid="profile-score">{formatScore(contact.score)}</span>
          <TempChip temperature={contact.temperature} />
        </div>
      </div>
      <div className="fp-ct-stagebox">
        <label className="fp-ct-label" htmlFor="ct-stage">
          {t('contacts.profile.stage')}
        </label>
        <select
          id="ct-stage"
          className="fp-input"
          value={contact.stage}
          disabled={saving}
          aria-invalid={!!stageError}
          aria-describedby="ct-stage-help"
          onChange={(e) => void useContactProfile.getState().setStage(e.target.value)}
          data-testid="profile-stage"
        >
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {stageLabel(t, s)}
            </option>
          ))}
        </select>
        {stageError ? (
          <p className="fp-field-error" id="ct-stage-help" role="alert" data-testid="stage-error">
            <CircleAlert size={12} aria-hidden="true" /> {stageMessage(t, stageError)}
          </p>
        ) : (
          <p className="fp-field-help" id="ct-stage-help">
            {t('contacts.profile.stageHelp')}
          </p>
        )}
      </div>
    </div>
  );
}

/** stageMessage turns the engine's refusal of a backward move into a plain sentence. */
export function stageMessage(t: Translator['t'], message: string): string {
  const m = /cannot go back from "([^"]*)" to "([^"]*)"/.exec(message);
  if (m) return t('contacts.profile.stageBackwards', { from: stageLabel(t, m[1]), to: stageLabel(t, m[2]) });
  return message;
}

function CustomFields({ contact }: { contact: Contact }) {
  const { t, lang } = useT();
  const defs = customFields(useContactFields((s) => s.fields));
  if (defs.length === 0) return null;
  return (
    <Section title={t('contacts.profile.custom')}>
      <dl className="fp-ct-dl">
        {defs.map((d) => {
          const v = contact.fields?.[d.name];
          let text = v === undefined || v === null || v === '' ? '—' : String(v);
          if (typeof v === 'boolean') text = v ? t('common.yes') : t('common.no');
          if (d.type === 'date' && typeof v === 'string' && v) text = formatDate(v, lang);
          return <Pair key={d.name} label={fieldLabel(t, d.name, defs)} value={text} />;
        })}
      </dl>
    </Section>
  );
}

function propsText(props: Record<string, unknown> | undefined, skip: string[] = []): string {
  if (!props) return '';
  return Object.entries(props)
    .filter(([k, v]) => !skip.includes(k) && v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** timelineView decides the icon and the words of a timeline item. */
export function timelineView(t: Translator['t'], item: TimelineItem, lang: string = useSettings.getState().lang): { icon: LucideIcon; title: string; detail: string; tone: string } {
  const p = item.props ?? {};
  // What the engine says of the item, in the window's language (written
  // in Go, engine/words); the older fields are for a history without it.
  const said = item.text ? engineText(item.text, lang) : undefined;
  switch (item.kind) {
    case 'event': {
      const type = item.title;
      let detail = said ?? propsText(p);
      if (type === 'stage_changed') detail = `${stageLabel(t, String(p.old ?? ''))} → ${stageLabel(t, String(p.new ?? ''))}`;
      // A visitor's anonymous history joined the contact: one plain line.
      if (type === 'visits_joined') {
        const n = Number(p.visits ?? 0);
        return { icon: Activity, title: n === 1 ? t('contacts.tl.visitJoined') : t('contacts.tl.visitsJoined', { n: String(n) }), detail: '', tone: 'event' };
      }
      return { icon: EVENT_ICONS[type] ?? Activity, title: eventLabel(t, type), detail, tone: 'event' };
    }
    case 'step': {
      const port = String(p.port ?? '');
      const flow = item.flow_name || item.flow_id || '';
      const node = item.step_name ? engineText(item.step_name, lang) : (item.node ?? '');
      // The engine's sentence says which way the step went: no port id.
      const title =
        port && !said ? t('contacts.tl.stepPort', { flow, node, port }) : t('contacts.tl.step', { flow, node });
      // A step whose message could not be sent, or that stopped the journey, reads in red.
      const failed = p.outcome === 'failed' || p.outcome === 'error';
      const detail = said ?? (failed ? failureText(item.detail, lang as Lang) : item.detail);
      return { icon: failed ? CircleX : GitBranch, title, detail, tone: failed ? 'failed' : 'step' };
    }
    case 'message': {
      const kind = String(p.kind ?? '');
      // The engine names the email (none when it was deleted): never its id.
      const name = said !== undefined ? (item.name ?? '') : item.title.startsWith(kind) ? item.title.slice(kind.length).trim() : item.title;
      const title = kind === 'email' ? t('contacts.tl.email', { name: name || t('contacts.tl.deletedEmail') }) : item.title;
      return { icon: Mail, title, detail: said ?? item.detail, tone: 'message' };
    }
    case 'score': {
      const delta = Number(p.delta ?? 0);
      const score = Number(p.score ?? 0);
      const signed = `${delta >= 0 ? '+' : '−'}${formatScore(Math.abs(delta))}`;
      return {
        icon: delta >= 0 ? TrendingUp : TrendingDown,
        title: t('contacts.tl.score', { delta: signed, score: formatScore(score) }),
        detail: said ?? item.detail,
        tone: delta >= 0 ? 'score-up' : 'score-down',
      };
    }
  }
  return { icon: Activity, title: item.title, detail: item.detail, tone: 'event' };
}

function TimelineEntry({ item }: { item: TimelineItem }) {
  const { t, lang } = useT();
  const v = timelineView(t, item, lang);
  const Icon = v.icon;
  return (
    <li className={`fp-ct-tl is-${v.tone}`} data-kind={item.kind} data-testid="timeline-item">
      <span className="fp-ct-tl-icon" aria-hidden="true">
        <Icon size={14} />
      </span>
      <div className="fp-ct-tl-text">
        <div className="fp-ct-tl-title">{v.title}</div>
        {v.detail && <div className="fp-ct-tl-detail">{v.detail}</div>}
        <time className="fp-ct-tl-time" dateTime={item.at}>
          {formatDateTime(item.at, lang)}
        </time>
      </div>
    </li>
  );
}
