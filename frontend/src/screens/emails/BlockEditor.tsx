// The block editor: the email as a column of blocks (heading, text, button,
// image, divider, spacer, two columns) that the engine turns into email HTML
// every mail client shows the same way.
import { ArrowDown, ArrowUp, Columns2, Heading, Image, Minus, MousePointerClick, MoveVertical, Plus, Trash2, Type } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { BLOCK_TYPES, type Block, type BlockType } from '../../api/emails';
import type { MessageKey } from '../../i18n/dict';
import { useT } from '../../i18n/useT';
import { useEmails } from '../../stores/emails';
import { problemText } from './problemText';
import { INNER_TYPES, samePath, type BlockPath, type LocatedProblem } from './blocks';
import { useInsertable } from './MergeFields';

const ICONS: Record<BlockType, LucideIcon> = {
  heading: Heading,
  text: Type,
  button: MousePointerClick,
  image: Image,
  divider: Minus,
  spacer: MoveVertical,
  columns: Columns2,
};

export const BLOCK_LABEL: Record<BlockType, MessageKey> = {
  heading: 'emails.block.heading',
  text: 'emails.block.text',
  button: 'emails.block.button',
  image: 'emails.block.image',
  divider: 'emails.block.divider',
  spacer: 'emails.block.spacer',
  columns: 'emails.block.columns',
};

const pathId = (p: BlockPath) => p.join('-');

/** NO_BLOCKS is a stable empty list: a selector must not return a new array each time. */
export const NO_BLOCKS: Block[] = [];

export function BlockEditor({ problems }: { problems: readonly LocatedProblem[] }) {
  const { t } = useT();
  const blocks = useEmails((s) => s.draft?.blocks) ?? NO_BLOCKS;
  const selected = useEmails((s) => s.selectedBlock);
  const addBlock = useEmails((s) => s.addBlock);

  return (
    <div className="fp-blocks" data-testid="block-editor">
      {blocks.length === 0 && <p className="fp-blocks-empty">{t('emails.blocks.empty')}</p>}
      <ol className="fp-block-list">
        {blocks.map((b, i) => (
          <BlockCard
            key={i}
            block={b}
            path={[i]}
            count={blocks.length}
            selected={selected}
            problems={problems.filter((p) => p.block === i)}
          />
        ))}
      </ol>
      <div className="fp-block-add" role="group" aria-label={t('emails.blocks.add')}>
        <span className="fp-block-add-label">
          <Plus size={14} /> {selected && selected.length === 1 ? t('emails.blocks.addAfter', { n: selected[0]! + 1 }) : t('emails.blocks.add')}
        </span>
        {BLOCK_TYPES.map((type) => {
          const Icon = ICONS[type];
          return (
            <button key={type} type="button" className="fp-btn fp-btn-small" onClick={() => addBlock(type, selected && selected.length === 1 ? selected : null)} data-testid={`add-block-${type}`}>
              <Icon size={14} /> {t(BLOCK_LABEL[type])}
            </button>
          );
        })}
      </div>
    </div>
  );
}

function BlockCard(props: { block: Block; path: BlockPath; count: number; selected: BlockPath | null; problems: readonly LocatedProblem[] }) {
  const { block, path, count, selected, problems } = props;
  const { t } = useT();
  const { moveBlock, removeBlock, selectBlock } = useEmails.getState();
  const isSel = samePath(selected, path);
  const index = path[path.length - 1]!;
  const Icon = ICONS[block.type] ?? Type;
  const errors = problems.some((p) => p.severity === 'error');
  const label = BLOCK_LABEL[block.type] ? t(BLOCK_LABEL[block.type]) : block.type;
  const where = path.length === 1 ? t('emails.blocks.position', { n: index + 1, label }) : t('emails.blocks.inColumn', { col: path[1]! + 1, label });
  return (
    <li
      className={`fp-block ${isSel ? 'is-selected' : ''} ${problems.length ? (errors ? 'has-error' : 'has-warning') : ''}`}
      data-testid={`block-${pathId(path)}`}
      data-type={block.type}
      onFocusCapture={() => !isSel && selectBlock(path)}
      onMouseDown={(e) => {
        e.stopPropagation();
        if (!isSel) selectBlock(path);
      }}
    >
      <div className="fp-block-head">
        <Icon size={15} aria-hidden="true" />
        <span className="fp-block-title">{label}</span>
        <span className="fp-spacer" />
        <button type="button" className="fp-icon-btn" disabled={index === 0} onClick={() => moveBlock(path, -1)} aria-label={t('emails.blocks.up', { where })} title={t('emails.blocks.upShort')} data-testid={`block-up-${pathId(path)}`}>
          <ArrowUp size={15} />
        </button>
        <button type="button" className="fp-icon-btn" disabled={index >= count - 1} onClick={() => moveBlock(path, 1)} aria-label={t('emails.blocks.down', { where })} title={t('emails.blocks.downShort')} data-testid={`block-down-${pathId(path)}`}>
          <ArrowDown size={15} />
        </button>
        <button type="button" className="fp-icon-btn fp-icon-danger" onClick={() => removeBlock(path)} aria-label={t('emails.blocks.remove', { where })} title={t('emails.blocks.removeShort')} data-testid={`block-remove-${pathId(path)}`}>
          <Trash2 size={15} />
        </button>
      </div>
      <BlockFields block={block} path={path} more={isSel} />
      {block.type === 'columns' && <Columns block={block} path={path} selected={selected} />}
      {problems.length > 0 && (
        <ul className="fp-block-problems">
          {problems.map((p, i) => (
            <li key={i} className={p.severity === 'error' ? 'is-error' : 'is-warning'} data-testid="block-problem">
              {problemText(t, p)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Columns({ block, path, selected }: { block: Block; path: BlockPath; selected: BlockPath | null }) {
  const { t } = useT();
  const addBlock = useEmails((s) => s.addBlock);
  const cols = block.columns ?? [];
  return (
    <div className="fp-columns" style={{ gridTemplateColumns: `repeat(${Math.max(cols.length, 1)}, minmax(0, 1fr))` }}>
      {cols.map((col, c) => (
        <div key={c} className="fp-column" data-testid={`column-${pathId(path)}-${c}`}>
          <div className="fp-column-title">{t('emails.blocks.column', { n: c + 1 })}</div>
          <ol className="fp-block-list">
            {col.map((inner, j) => (
              <BlockCard key={j} block={inner} path={[path[0]!, c, j]} count={col.length} selected={selected} problems={[]} />
            ))}
          </ol>
          <select
            className="fp-input fp-input-small"
            value=""
            aria-label={t('emails.blocks.addToColumn', { n: c + 1 })}
            onChange={(e) => e.target.value && addBlock(e.target.value as BlockType, [path[0]!, c])}
            data-testid={`column-add-${pathId(path)}-${c}`}
          >
            <option value="">{t('emails.blocks.addToColumn', { n: c + 1 })}</option>
            {INNER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(BLOCK_LABEL[type])}
              </option>
            ))}
          </select>
        </div>
      ))}
    </div>
  );
}

function Field({ label, children, wide }: { label: string; children: (id: string) => ReactNode; wide?: boolean }) {
  const id = useId();
  return (
    <div className={`fp-bfield ${wide ? 'is-wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

function TextInput(props: { id: string; label: string; value: string; onChange: (v: string) => void; placeholder?: string; testId?: string; multiline?: boolean; type?: string }) {
  const input = useInsertable<HTMLInputElement>(props.label, props.value, props.onChange);
  const area = useInsertable<HTMLTextAreaElement>(props.label, props.value, props.onChange);
  if (props.multiline) {
    return (
      <textarea
        id={props.id}
        ref={area.ref}
        onFocus={area.onFocus}
        className="fp-input fp-textarea"
        rows={4}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
    );
  }
  return (
    <input
      id={props.id}
      ref={input.ref}
      onFocus={input.onFocus}
      className="fp-input"
      type={props.type ?? 'text'}
      value={props.value}
      placeholder={props.placeholder}
      onChange={(e) => props.onChange(e.target.value)}
      data-testid={props.testId}
    />
  );
}

const COLOR_DEFAULT: Partial<Record<BlockType, string>> = { heading: '#111827', text: '#374151', button: '#2563eb', divider: '#e5e7eb' };

function BlockFields({ block, path, more }: { block: Block; path: BlockPath; more: boolean }) {
  const { t } = useT();
  const update = (patch: Partial<Block>) => useEmails.getState().updateBlock(path, patch);
  const tid = (f: string) => `block-${pathId(path)}-${f}`;
  const align = (def: string) => (
    <Field label={t('emails.blocks.align')}>
      {(id) => (
        <select id={id} className="fp-input" value={block.align || def} onChange={(e) => update({ align: e.target.value === def ? undefined : e.target.value })}>
          <option value="left">{t('emails.blocks.align.left')}</option>
          <option value="center">{t('emails.blocks.align.center')}</option>
          <option value="right">{t('emails.blocks.align.right')}</option>
        </select>
      )}
    </Field>
  );
  const color = (key: 'color' | 'text_color', label: string, def: string) => (
    <Field label={label}>
      {(id) => (
        <input id={id} type="color" className="fp-color" value={block[key] || def} onChange={(e) => update({ [key]: e.target.value })} />
      )}
    </Field>
  );

  switch (block.type) {
    case 'heading':
      return (
        <div className="fp-bfields">
          <Field label={t('emails.blocks.headingText')} wide>
            {(id) => <TextInput id={id} label={t('emails.blocks.headingText')} value={block.text ?? ''} onChange={(text) => update({ text })} testId={tid('text')} />}
          </Field>
          {more && (
            <>
              <Field label={t('emails.blocks.level')}>
                {(id) => (
                  <select id={id} className="fp-input" value={block.level || 1} onChange={(e) => update({ level: Number(e.target.value) })}>
                    <option value={1}>{t('emails.blocks.level.1')}</option>
                    <option value={2}>{t('emails.blocks.level.2')}</option>
                    <option value={3}>{t('emails.blocks.level.3')}</option>
                  </select>
                )}
              </Field>
              {align('left')}
              {color('color', t('emails.blocks.color'), COLOR_DEFAULT.heading!)}
            </>
          )}
        </div>
      );
    case 'text':
      return (
        <div className="fp-bfields">
          <Field label={t('emails.blocks.textText')} wide>
            {(id) => <TextInput id={id} label={t('emails.blocks.textText')} multiline value={block.text ?? ''} onChange={(text) => update({ text })} testId={tid('text')} />}
          </Field>
          {more && (
            <>
              <p className="fp-bhelp">{t('emails.blocks.textHelp')}</p>
              {align('left')}
              {color('color', t('emails.blocks.color'), COLOR_DEFAULT.text!)}
            </>
          )}
        </div>
      );
    case 'button':
      return (
        <div className="fp-bfields">
          <Field label={t('emails.blocks.buttonText')}>
            {(id) => <TextInput id={id} label={t('emails.blocks.buttonText')} value={block.text ?? ''} onChange={(text) => update({ text })} testId={tid('text')} />}
          </Field>
          <Field label={t('emails.blocks.link')}>
            {(id) => <TextInput id={id} label={t('emails.blocks.link')} value={block.url ?? ''} onChange={(url) => update({ url })} placeholder={t('emails.blocks.linkExample')} testId={tid('url')} />}
          </Field>
          <label className="fp-bcheck">
            <input type="checkbox" checked={!!block.download} onChange={(e) => update({ download: e.target.checked || undefined })} data-testid={tid('download')} />
            <span>
              {t('emails.blocks.download')}
              <small className="fp-muted">{t('emails.blocks.downloadHint')}</small>
            </span>
          </label>
          {more && (
            <>
              {align('center')}
              {color('color', t('emails.blocks.buttonColor'), COLOR_DEFAULT.button!)}
              {color('text_color', t('emails.blocks.labelColor'), '#ffffff')}
            </>
          )}
        </div>
      );
    case 'image':
      return (
        <div className="fp-bfields">
          <Field label={t('emails.blocks.imageSrc')} wide>
            {(id) => <TextInput id={id} label={t('emails.blocks.imageSrc')} value={block.src ?? ''} onChange={(src) => update({ src })} placeholder={t('emails.blocks.imageExample')} testId={tid('src')} />}
          </Field>
          <Field label={t('emails.blocks.imageAlt')}>
            {(id) => <TextInput id={id} label={t('emails.blocks.imageAlt')} value={block.alt ?? ''} onChange={(alt) => update({ alt })} testId={tid('alt')} />}
          </Field>
          <Field label={t('emails.blocks.imageLink')}>
            {(id) => <TextInput id={id} label={t('emails.blocks.imageLink')} value={block.url ?? ''} onChange={(url) => update({ url: url || undefined })} placeholder={t('common.optional')} testId={tid('url')} />}
          </Field>
          {more && (
            <>
              <Field label={t('emails.blocks.imageWidth')}>
                {(id) => (
                  <input
                    id={id}
                    className="fp-input fp-input-number"
                    type="number"
                    min={0}
                    max={600}
                    value={block.width || ''}
                    placeholder={t('emails.blocks.fullWidth')}
                    onChange={(e) => update({ width: Number(e.target.value) || undefined })}
                  />
                )}
              </Field>
              {align('center')}
            </>
          )}
        </div>
      );
    case 'divider':
      return more ? <div className="fp-bfields">{color('color', t('emails.blocks.color'), COLOR_DEFAULT.divider!)}</div> : <hr className="fp-divider-sample" />;
    case 'spacer':
      return (
        <div className="fp-bfields">
          <Field label={t('emails.blocks.height')}>
            {(id) => (
              <input
                id={id}
                className="fp-input fp-input-number"
                type="number"
                min={4}
                max={400}
                value={block.height || 24}
                onChange={(e) => update({ height: Number(e.target.value) || undefined })}
                data-testid={tid('height')}
              />
            )}
          </Field>
        </div>
      );
    case 'columns':
      return null;
    default:
      return <p className="fp-bhelp">{t('emails.blocks.unknown', { type: String(block.type) })}</p>;
  }
}
