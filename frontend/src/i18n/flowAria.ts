// React Flow's own words (its controls, minimap and screen-reader help) in
// the UI language: the library writes them in English unless told.
import type { AriaLabelConfig } from '@xyflow/react';
import type { Lang } from '../api/types';
import { translate } from './dict';
import type { en } from './flowAriaText';

/** flowAriaLabels is React Flow's ariaLabelConfig in lang. */
export function flowAriaLabels(lang: Lang): Partial<AriaLabelConfig> {
  const t = (k: keyof typeof en, v?: Record<string, string | number>) => translate(lang, k, v);
  return {
    'node.a11yDescription.default': t('rf.node.help'),
    'node.a11yDescription.keyboardDisabled': t('rf.node.helpKeys'),
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => t('rf.node.moved', { direction, x: Math.round(x), y: Math.round(y) }),
    'edge.a11yDescription.default': t('rf.edge.help'),
    'controls.ariaLabel': t('rf.controls'),
    'controls.zoomIn.ariaLabel': t('rf.zoomIn'),
    'controls.zoomOut.ariaLabel': t('rf.zoomOut'),
    'controls.fitView.ariaLabel': t('rf.fitView'),
    'controls.interactive.ariaLabel': t('rf.interactive'),
    'minimap.ariaLabel': t('rf.minimap'),
    'handle.ariaLabel': t('rf.handle'),
  };
}
