// The live preview of the email being edited: as a computer or a phone shows
// it, or its plain-text version, for a sample contact or a real one found by
// name or email.
import { Loader2, Monitor, Smartphone, FileText } from 'lucide-react';
import { useState } from 'react';
import type { ContactChoice } from '../../api/failures';
import { ContactFinder, contactLabel } from '../../components/ContactFinder';
import { useT } from '../../i18n/useT';
import { useEmails } from '../../stores/emails';
import { EmailFrame } from './EmailFrame';

export type PreviewView = 'desktop' | 'mobile' | 'text';

/** Widths the email is laid out at: a desktop mail client's reading pane, and a phone. */
export const PREVIEW_WIDTH: Record<'desktop' | 'mobile', number> = { desktop: 680, mobile: 375 };

export function PreviewPane() {
  const { t } = useT();
  const [view, setView] = useState<PreviewView>('desktop');
  const preview = useEmails((s) => s.preview);
  const error = useEmails((s) => s.previewError);
  const busy = useEmails((s) => s.previewing);
  // A template with Liquid errors cannot be rendered: the problems list says
  // what to fix in the UI language, so the preview does not repeat the
  // renderer's (English) error.
  const blocked = useEmails((s) => s.problems.some((p) => p.severity === 'error'));
  const contactId = useEmails((s) => s.previewContactId);
  const [picked, setPicked] = useState<ContactChoice | null>(null);

  const views: { id: PreviewView; icon: typeof Monitor; label: string }[] = [
    { id: 'desktop', icon: Monitor, label: t('emails.preview.desktop') },
    { id: 'mobile', icon: Smartphone, label: t('emails.preview.mobile') },
    { id: 'text', icon: FileText, label: t('emails.preview.text') },
  ];

  const pick = (c: ContactChoice | null) => {
    setPicked(c);
    useEmails.getState().setPreviewContact(c?.id ?? 0);
  };
  // The contact the preview is for, by name; one picked before this pane
  // opened (only its number is kept) reads as "a contact".
  const chosen = contactId > 0 ? (picked?.id === contactId ? contactLabel(picked) : t('emails.preview.someContact')) : t('emails.preview.sample');

  return (
    <section className="fp-em-preview" aria-label={t('emails.preview.title')} data-testid="email-preview">
      <div className="fp-em-preview-bar">
        <div className="fp-tabs" role="tablist" aria-label={t('emails.preview.title')}>
          {views.map(({ id, icon: Icon, label }) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={view === id}
              className={`fp-tab ${view === id ? 'is-on' : ''}`}
              onClick={() => setView(id)}
              data-testid={`preview-${id}`}
            >
              <Icon size={14} /> {label}
            </button>
          ))}
        </div>
        {busy && <Loader2 size={14} className="fp-spin" aria-label={t('emails.preview.updating')} />}
      </div>
      <div className="fp-em-preview-who">
        <span className="fp-muted">{t('emails.preview.as')}</span>
        <strong className="fp-em-preview-chosen" data-testid="preview-who">
          {chosen}
        </strong>
        {contactId > 0 && (
          <button type="button" className="fp-link-btn" onClick={() => pick(null)} data-testid="preview-sample">
            {t('emails.preview.backToSample')}
          </button>
        )}
        <ContactFinder label={t('emails.preview.find')} onPick={pick} testId="preview-contact" />
      </div>
      {error && (
        <div className="fp-callout is-error" role="alert" data-testid="preview-error">
          {blocked ? (
            t('emails.preview.blocked')
          ) : (
            <>
              <strong>{t('emails.preview.failed')}</strong> {error}
            </>
          )}
        </div>
      )}
      {preview && (
        <div className="fp-em-preview-body">
          <div className="fp-em-envelope">
            <div>
              <span className="fp-muted">{t('emails.preview.subject')}</span> <strong data-testid="preview-subject">{preview.subject || t('emails.preview.noSubject')}</strong>
            </div>
          </div>
          {view === 'text' ? (
            <pre className="fp-plain" data-testid="preview-text-body">
              {preview.text}
            </pre>
          ) : (
            <div className={`fp-device is-${view}`}>
              <EmailFrame fill={view === 'desktop'} html={preview.html} width={PREVIEW_WIDTH[view]} title={t('emails.preview.frame')} testId="preview-frame" />
            </div>
          )}
        </div>
      )}
      {!preview && !error && <p className="fp-muted fp-pad">{t('app.loading')}</p>}
    </section>
  );
}
