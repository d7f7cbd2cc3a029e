// "New funnel": a blank funnel with a name, or a ready one from the gallery.
import { FilePlus2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Modal } from '../../../components/Modal';
import { useT } from '../../../i18n/useT';
import { useFlows } from '../stores/flows';
import { GalleryGrid } from './Gallery';
import { useFunnelUi } from './ui';

export function NewFunnelDialog() {
  const { t } = useT();
  const close = useFunnelUi((s) => s.close);
  const tab = useFunnelUi((s) => s.newTab);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || busy) return;
    setBusy(true);
    const id = await useFlows.getState().create(name.trim());
    setBusy(false);
    if (id) close();
  };

  return (
    <Modal title={t('newFunnel.title')} onClose={close} wide testId="new-funnel-dialog">
      <form className="fp-new-blank" onSubmit={create}>
        <FilePlus2 size={20} aria-hidden="true" className="fp-new-blank-icon" />
        <div className="fp-new-blank-text">
          <h3>{t('newFunnel.blank')}</h3>
          <p className="fp-muted">{t('newFunnel.blankHelp')}</p>
        </div>
        <input
          autoFocus={tab === 'blank'}
          className="fp-input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('flows.newPlaceholder')}
          aria-label={t('newFunnel.nameLabel')}
          data-testid="new-flow-name"
        />
        <button type="submit" className="fp-btn fp-btn-primary" disabled={!name.trim() || busy} data-testid="new-flow-create">
          {t('newFunnel.createBlank')}
        </button>
      </form>
      <h3 className="fp-gallery-title">{t('newFunnel.fromGallery')}</h3>
      <p className="fp-muted fp-gallery-help">{t('newFunnel.galleryHelp')}</p>
      <GalleryGrid onCreated={close} />
    </Modal>
  );
}
