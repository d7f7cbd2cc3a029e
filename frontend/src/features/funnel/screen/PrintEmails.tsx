// The emails of a printed funnel: each one the funnel sends, once, with its
// name, its subject and preview line as the inbox shows them, the steps
// that send it, and (in the printable summary) its content. Merge fields
// read as their names in brackets ("Hello [First name]"), never as code;
// the content is written out as text, headings and buttons — nothing of
// the email's own HTML runs or loads in the app's page.
import { useEffect, useState } from 'react';
import { emailsApi, type Block, type EmailTemplate } from '../../../api/emails';
import { useT } from '../../../i18n/useT';
import { readableLiquid } from '../../../screens/emails/readable';

/** useEmailTemplates loads the workspace's emails once (null while loading). */
export function useEmailTemplates(): EmailTemplate[] | null {
  const [list, setList] = useState<EmailTemplate[] | null>(null);
  useEffect(() => {
    let live = true;
    emailsApi()
      .templates()
      .then((l) => live && setList(l))
      .catch(() => live && setList([]));
    return () => {
      live = false;
    };
  }, []);
  return list;
}

export interface PrintEmailsProps {
  /** used lists the emails' ids in the order the funnel sends them, with the numbers of the steps that send each. */
  used: { template: string; steps: number[] }[];
  templates: EmailTemplate[] | null;
  /** content prints each email's body too. */
  content?: boolean;
}

/** PrintEmails lists a funnel's emails for paper. */
export function PrintEmails({ used, templates, content }: PrintEmailsProps) {
  const { t } = useT();
  if (used.length === 0) return <p className="fp-muted">{t('printEmails.none')}</p>;
  return (
    <div className="fp-pe" data-testid="print-emails">
      {used.map(({ template, steps }) => {
        const e = templates?.find((x) => x.id === template);
        return (
          <section key={template} className="fp-pe-email" data-testid="print-email">
            <h3 className="fp-pe-name">{e ? e.name || t('printEmails.unnamed') : templates === null ? t('app.loading') : t('printEmails.missing')}</h3>
            <p className="fp-pe-steps">{t(steps.length === 1 ? 'printEmails.sentBy' : 'printEmails.sentByMany', { steps: steps.join(', ') })}</p>
            {e && (
              <dl className="fp-pe-head">
                <dt>{t('printEmails.subject')}</dt>
                <dd data-testid="print-email-subject">{readableLiquid(e.subject, t) || '—'}</dd>
                <dt>{t('printEmails.preview')}</dt>
                <dd data-testid="print-email-preview">{e.preheader ? readableLiquid(e.preheader, t) : t('printEmails.noPreview')}</dd>
              </dl>
            )}
            {e && content && <EmailBody email={e} />}
          </section>
        );
      })}
    </div>
  );
}

function EmailBody({ email }: { email: EmailTemplate }) {
  const { t } = useT();
  if (email.blocks && email.blocks.length > 0) {
    return (
      <div className="fp-pe-body" data-testid="print-email-body">
        {email.blocks.map((b, i) => (
          <BlockView key={i} b={b} />
        ))}
      </div>
    );
  }
  const text = email.text?.trim() || htmlText(email.html ?? '');
  return (
    <div className="fp-pe-body" data-testid="print-email-body">
      {paragraphs(text).map((p, i) => (
        <p key={i}>{readableLiquid(p, t)}</p>
      ))}
    </div>
  );
}

function BlockView({ b }: { b: Block }) {
  const { t } = useT();
  const text = (s: string | undefined) => readableLiquid(htmlText(s ?? ''), t);
  switch (b.type) {
    case 'heading':
      return <p className="fp-pe-heading">{text(b.text)}</p>;
    case 'text':
      return (
        <>
          {paragraphs(htmlText(b.text ?? '')).map((p, i) => (
            <p key={i}>{readableLiquid(p, t)}</p>
          ))}
        </>
      );
    case 'button':
      return (
        <p>
          <span className="fp-pe-button">{text(b.text)}</span> <span className="fp-pe-url">{b.url}</span>
        </p>
      );
    case 'image':
      return <p className="fp-pe-image">{t('printEmails.image', { alt: b.alt || b.src || '' })}</p>;
    case 'divider':
      return <hr />;
    case 'columns':
      return (
        <div className="fp-pe-columns">
          {(b.columns ?? []).map((col, i) => (
            <div key={i}>
              {col.map((c, j) => (
                <BlockView key={j} b={c} />
              ))}
            </div>
          ))}
        </div>
      );
    default:
      return null;
  }
}

/** htmlText turns a bit of HTML into text, paragraphs kept as blank lines; nothing in it is loaded or run. */
export function htmlText(html: string): string {
  if (!/[<&]/.test(html)) return html;
  const marked = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|h[1-6]|li|tr|table)>/gi, '\n\n');
  const doc = new DOMParser().parseFromString(marked, 'text/html');
  doc.querySelectorAll('script, style, head').forEach((el) => el.remove());
  return doc.body.textContent ?? '';
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
