// A sticky note on the canvas: text for the humans, ignored by the engine.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../../../i18n/useT';
import type { NoteNode } from './types';

/** NOTE_COLOURS are the note colours offered, by name (saved in the flow file). */
export const NOTE_COLOURS = ['yellow', 'blue', 'green', 'pink', 'grey'] as const;

function NoteNodeViewImpl({ id, data, selected }: NodeProps<NoteNode>) {
  const { t } = useT();
  const colour = NOTE_COLOURS.includes(data.color as (typeof NOTE_COLOURS)[number]) ? data.color : 'yellow';
  return (
    <div className={`fp-note fp-note-${colour} ${selected ? 'is-selected' : ''}`} data-testid={`note-${id}`}>
      {data.text ? data.text : <span className="fp-note-placeholder">{t('note.placeholder')}</span>}
    </div>
  );
}

export const NoteNodeView = memo(NoteNodeViewImpl);
