// The gallery of ready funnels: a card per template with its name, what it
// does, a thumbnail of its steps and how many steps and emails it brings.
// A click copies it into a new draft and opens it.
import { Loader2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { GalleryTemplate } from '../../../api/funnels';
import { pseudo } from '../../../i18n/pseudo';
import { useT } from '../../../i18n/useT';
import { useFlows } from '../stores/flows';
import { MiniFlow } from './MiniFlow';
import { tn } from './plural';

export function GalleryGrid({ onCreated, limit }: { onCreated?: (id: string) => void; limit?: number }) {
  const { t, lang } = useT();
  const gallery = useFlows((s) => s.gallery);
  const loading = useFlows((s) => s.galleryLoading);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    void useFlows.getState().loadGallery();
  }, []);

  const pick = async (g: GalleryTemplate) => {
    if (busy) return;
    setBusy(g.id);
    const id = await useFlows.getState().createFromTemplate(g.id);
    setBusy(null);
    if (id) onCreated?.(id);
  };

  if (!gallery) {
    return <p className="fp-muted">{loading ? t('app.loading') : t('gallery.unavailable')}</p>;
  }
  // Sorted by name in the language of the moment, as the engine sorts the
  // gallery in the language it was asked in.
  const nameOf = (g: GalleryTemplate) => g.texts?.[lang]?.name ?? g.name;
  const sorted = [...gallery].sort((a, b) => nameOf(a).localeCompare(nameOf(b), lang, { sensitivity: 'base' }));
  const shown = limit ? sorted.slice(0, limit) : sorted;
  return (
    <ul className="fp-gallery" data-testid="gallery">
      {shown.map((g) => {
        const steps = g.flow?.nodes?.length ?? 0;
        // The gallery was fetched in one language; each entry carries every
        // language, so switching shows the new one at once.
        const text = g.texts?.[lang] ?? { name: g.name, description: g.description };
        return (
          <li key={g.id}>
            <button
              type="button"
              className="fp-gallery-card"
              onClick={() => void pick(g)}
              disabled={busy !== null}
              aria-busy={busy === g.id}
              data-testid={`template-${g.id}`}
            >
              <span className="fp-gallery-picture">{g.flow && <MiniFlow flow={g.flow} width={200} height={96} />}</span>
              <span className="fp-gallery-name">
                {busy === g.id && <Loader2 size={14} className="fp-spin" aria-hidden="true" />} {pseudo(text.name)}
              </span>
              <span className="fp-gallery-desc">{pseudo(text.description)}</span>
              <span className="fp-gallery-meta">
                {tn(lang, 'gallery.steps', steps)}
                {g.emails.length > 0 && ` · ${tn(lang, 'gallery.emails', g.emails.length)}`}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
