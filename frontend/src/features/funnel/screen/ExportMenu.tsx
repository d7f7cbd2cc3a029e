// The top bar's "Export" menu: the funnel as a file (alone, or packaged
// with its emails and what else it names), as a picture (PNG, SVG) or as a
// printable summary.
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { ChevronDown, FileJson, Image, Package, Printer, Share2, Shapes } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../i18n/useT';
import { useEditor } from '../stores/editor';
import { exportFlowFile, exportPackage, exportPicture } from './exporting';
import { useFunnelUi } from './ui';

export function ExportMenu() {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const rf = useReactFlow();
  const store = useStoreApi();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const run = (fn: () => unknown) => {
    setOpen(false);
    void fn();
  };
  const meta = () => useEditor.getState().meta;

  return (
    <div className="fp-menu" ref={ref}>
      <button
        type="button"
        className="fp-btn"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        title={t('export.hint')}
        data-testid="export-menu"
      >
        <Share2 size={15} /> {t('export.button')} <ChevronDown size={14} />
      </button>
      {open && (
        <div className="fp-menu-list" role="menu">
          <button type="button" role="menuitem" data-testid="export-json" onClick={() => run(() => meta() && exportFlowFile(meta()!.id, meta()!.name))}>
            <FileJson size={15} /> <span>{t('export.file')}</span>
          </button>
          <button type="button" role="menuitem" data-testid="export-package" onClick={() => run(() => meta() && exportPackage(meta()!.id, meta()!.name))}>
            <Package size={15} /> <span>{t('export.package')}</span>
          </button>
          <button type="button" role="menuitem" data-testid="export-png" onClick={() => run(() => meta() && exportPicture('png', meta()!.name, rf.getNodes(), store.getState().domNode))}>
            <Image size={15} /> <span>{t('export.png')}</span>
          </button>
          <button type="button" role="menuitem" data-testid="export-svg" onClick={() => run(() => meta() && exportPicture('svg', meta()!.name, rf.getNodes(), store.getState().domNode))}>
            <Shapes size={15} /> <span>{t('export.svg')}</span>
          </button>
          <button type="button" role="menuitem" data-testid="export-print" onClick={() => run(() => useFunnelUi.getState().open('print'))}>
            <Printer size={15} /> <span>{t('export.print')}</span>
          </button>
        </div>
      )}
    </div>
  );
}
