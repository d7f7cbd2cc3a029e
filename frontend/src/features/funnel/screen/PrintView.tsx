// The printable summary: a picture of the funnel over as many pages as it
// needs (its text never under 8 pt, each step numbered), its steps in
// words under the same numbers, in the order contacts meet them, its
// emails with their subject, preview line and content, and its settings.
// "Print" uses the window's print (with a print style sheet that shows
// only the page); "Save as a web page" keeps the same page as one HTML
// file, for windows that cannot print.
import { FileDown, Printer } from 'lucide-react';
import { useEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { readStrings } from '../canvas/ports';
import { Modal } from '../../../components/Modal';
import type { MessageKey } from '../../../i18n/dict';
import { useT } from '../../../i18n/useT';
import { specOf } from '../../../stores/catalogue';
import { useRefs } from '../../../stores/refs';
import { useEditor } from '../stores/editor';
import { fileBase, saveFile } from './exporting';
import { PrintEmails, useEmailTemplates } from './PrintEmails';
import { emailsOf, fromCanvas } from './printModel';
import { PrintPicture } from './PrintPicture';
import { useFunnelUi } from './ui';
import { formatWhen } from './when';
import './print.css';

export function PrintView() {
  const { t, lang } = useT();
  const close = useFunnelUi((s) => s.close);
  const meta = useEditor((s) => s.meta);
  const info = useEditor((s) => s.info);
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const page = useRef<HTMLDivElement>(null);
  const templates = useEmailTemplates();
  // Steps read the emails' and lists' names: they may arrive after the first draw.
  const refsVersion = useRefs((s) => s.version);
  useEffect(() => {
    if (useRefs.getState().status === 'idle') void useRefs.getState().refresh();
  }, []);
  // While the summary is open, printing prints it alone.
  useEffect(() => {
    document.body.classList.add('fp-printing');
    return () => document.body.classList.remove('fp-printing');
  }, []);
  const direction = meta?.direction === 'right' ? 'right' : 'down';
  // refsVersion: the names on the steps change when the workspace's names load.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const model = useMemo(() => fromCanvas(nodes, edges, direction, specOf, lang), [nodes, edges, direction, lang, refsVersion]);
  const steps = model.outline;
  const configOf = useMemo(() => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return (id: string) => {
      const n = byId.get(id);
      return n && n.type === 'step' ? n.data.config : undefined;
    };
  }, [nodes]);
  const used = useMemo(() => emailsOf(model, configOf), [model, configOf]);

  if (!meta) return null;
  const s = meta.settings;
  const exitOn = readStrings(s.exit_on);
  const reentry = ['once', 'always', 'per_period'].includes(s.reentry) ? t(`inspector.reentry.${s.reentry}` as MessageKey) : s.reentry;

  const saveHtml = () => {
    if (!page.current) return;
    const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(meta.name)}</title><style>${PAGE_CSS}${pictureCss()}</style></head><body>${page.current.outerHTML}</body></html>`;
    void saveFile(`${fileBase(meta.name)}-summary.html`, html, 'text/html');
  };

  return createPortal(
    <div className="fp-print-root">
      <Modal
        title={t('print.title')}
        onClose={close}
        wide
        testId="print-view"
        actions={
          <div className="fp-row fp-print-actions">
            <button type="button" className="fp-btn" onClick={saveHtml} disabled={templates === null} data-testid="print-save">
              <FileDown size={15} /> {t('print.saveHtml')}
            </button>
            <button type="button" className="fp-btn fp-btn-primary" onClick={() => window.print()} disabled={templates === null} data-testid="print-go">
              <Printer size={15} /> {t('print.print')}
            </button>
          </div>
        }
      >
        <div className="fp-print-page" ref={page}>
          <h1>{meta.name}</h1>
          {meta.description && <p className="fp-print-desc">{meta.description}</p>}
          <p className="fp-print-state">
            {info && info.published_version > 0 ? t('top.status.live', { version: info.published_version }) : t('top.status.neverPublished')}
            {' · '}
            {t('print.printedAt', { when: formatWhen(new Date().toISOString(), lang) })}
          </p>
          <h2>{t('print.picture')}</h2>
          {model.steps.length === 0 ? (
            <p className="fp-muted">{t('print.noSteps')}</p>
          ) : (
            <PrintPicture steps={model.steps} edges={model.edges} direction={direction} label={t('print.pictureAlt', { name: meta.name })} />
          )}
          <h2>{t('print.steps')}</h2>
          {steps.length > 0 && <p className="fp-print-hint">{t('print.stepsHint')}</p>}
          {steps.length === 0 ? (
            <p className="fp-muted">{t('print.noSteps')}</p>
          ) : (
            <ol className="fp-print-steps">
              {steps.map((st) => (
                <li key={st.id} data-testid="print-outline-step">
                  {/* The number is text, not a list marker: a marker is drawn
                      outside the box and lost its first digit from step 10. */}
                  <span className="fp-print-n">{st.n}.</span> <strong>{st.title}</strong>
                  {st.summary && st.summary !== st.title && <span> — {st.summary}</span>}
                  {st.exits.length > 0 && (
                    <ul>
                      {st.exits.map((x, i) => (
                        <li key={i}>
                          {x.to === null
                            ? x.port
                              ? t('print.exitNowhere', { port: x.port })
                              : t('print.nextNowhere')
                            : x.port
                              ? t('print.exitTo', { port: x.port, n: x.to })
                              : t('print.nextTo', { n: x.to })}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          )}
          <h2>{t('print.emails')}</h2>
          <PrintEmails used={used} templates={templates} content />
          <h2>{t('print.settings')}</h2>
          <dl className="fp-print-settings">
            <dt>{t('inspector.reentry')}</dt>
            <dd>
              {reentry}
              {s.reentry === 'per_period' && s.reentry_period ? ` (${s.reentry_period})` : ''}
            </dd>
            <dt>{t('inspector.timezone')}</dt>
            <dd>{s.timezone || t('print.contactTimezone')}</dd>
            <dt>{t('inspector.exitOn')}</dt>
            <dd>{exitOn.length > 0 ? exitOn.join(', ') : t('common.none')}</dd>
          </dl>
        </div>
      </Modal>
    </div>,
    document.body,
  );
}

/** pictureCss is the style of the picture and the emails, for the saved web page. */
function pictureCss(): string {
  const out: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const r of Array.from(rules)) {
      if (r instanceof CSSStyleRule && /fp-pp|fp-pe|fp-print|fp-cat-|^:root/.test(r.selectorText)) out.push(r.cssText);
    }
  }
  return out.join('\n');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

// The saved web page carries its own small style sheet.
const PAGE_CSS = `body{font-family:system-ui,sans-serif;color:#0f172a;margin:32px;line-height:1.45}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.fp-print-desc{margin:0 0 4px}.fp-print-state{color:#64748b;font-size:13px;margin:0 0 16px}
.fp-print-picture img{max-width:100%;border:1px solid #e2e8f0;border-radius:8px}
.fp-print-steps li{margin:0 0 6px}.fp-print-steps ul{margin:2px 0 0;color:#334155;font-size:13px}
.fp-print-settings{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}.fp-print-settings dt{color:#64748b}.fp-print-settings dd{margin:0}`;
