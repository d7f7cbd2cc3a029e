import { describe, expect, it } from 'vitest';
import type { Block } from '../../api/emails';
import { addBlock, blockAt, insertAt, liquidField, locateProblems, moveBlock, newBlock, removeBlock, updateBlock } from './blocks';

const sample = { heading: 'H', text: 'T', button: 'B', column: 'C' };
const types = (bs: Block[]) => bs.map((b) => b.type);

describe('block operations', () => {
  it('adds at the end, or after the selected block', () => {
    let r = addBlock([], newBlock('heading', sample), null);
    expect(r.path).toEqual([0]);
    r = addBlock(r.blocks, newBlock('button', sample), null);
    r = addBlock(r.blocks, newBlock('divider', sample), [0]);
    expect(types(r.blocks)).toEqual(['heading', 'divider', 'button']);
    expect(r.path).toEqual([1]);
  });

  it('moves up and down within bounds, and says where the block went', () => {
    const bs: Block[] = [{ type: 'heading' }, { type: 'text' }, { type: 'button' }];
    const down = moveBlock(bs, [0], 1);
    expect(types(down.blocks)).toEqual(['text', 'heading', 'button']);
    expect(down.path).toEqual([1]);
    expect(types(moveBlock(bs, [0], -1).blocks)).toEqual(['heading', 'text', 'button']);
    expect(types(moveBlock(bs, [2], 1).blocks)).toEqual(['heading', 'text', 'button']);
    expect(bs.map((b) => b.type)).toEqual(['heading', 'text', 'button']); // untouched
  });

  it('removes and updates, dropping keys set to undefined', () => {
    const bs: Block[] = [{ type: 'image', src: 'a.png', url: 'https://x' }, { type: 'text' }];
    expect(types(removeBlock(bs, [0]))).toEqual(['text']);
    const up = updateBlock(bs, [0], { alt: 'Logo', url: undefined });
    expect(up[0]).toEqual({ type: 'image', src: 'a.png', alt: 'Logo' });
    expect(bs[0]!.url).toBe('https://x');
  });

  it('edits blocks inside the two columns', () => {
    const cols = newBlock('columns', sample);
    expect(cols.columns).toHaveLength(2);
    let r = addBlock([cols], newBlock('button', sample), [0, 1]);
    expect(r.path).toEqual([0, 1, 1]);
    expect(types(r.blocks[0]!.columns![1]!)).toEqual(['text', 'button']);
    const moved = moveBlock(r.blocks, [0, 1, 1], -1);
    expect(types(moved.blocks[0]!.columns![1]!)).toEqual(['button', 'text']);
    const changed = updateBlock(moved.blocks, [0, 1, 0], { url: 'https://a' });
    expect(blockAt(changed, [0, 1, 0])?.url).toBe('https://a');
    expect(blockAt(r.blocks, [0, 1, 0])?.url).toBeUndefined();
    expect(types(removeBlock(changed, [0, 0, 0])[0]!.columns![0]!)).toEqual([]);
    // No columns inside columns.
    r = addBlock(changed, newBlock('columns', sample), [0, 0]);
    expect(r.path).toEqual([]);
  });

  it('produces the JSON the engine reads', () => {
    let r = addBlock([], newBlock('heading', sample), null);
    r = addBlock(r.blocks, newBlock('button', sample), r.path);
    const blocks = updateBlock(r.blocks, [1], { url: 'https://example.com/offer', text: 'See the offer' });
    expect(JSON.parse(JSON.stringify(blocks))).toEqual([
      { type: 'heading', text: 'H', level: 1 },
      { type: 'button', text: 'See the offer', url: 'https://example.com/offer' },
    ]);
  });
});

describe('problems on blocks', () => {
  it('puts a blocks problem on its block and an HTML line on the block that starts before it', () => {
    const lines = [20, 22, 25];
    const located = locateProblems(
      [
        { part: 'blocks', line: 2, severity: 'error', message: 'block 2 (button) has no link', code: 'button_no_link' },
        { part: 'blocks', line: 0, severity: 'warning', message: 'block 3 column 1, block 1 (text) is empty', code: 'block_empty', params: { block: '3', column: '1', inner: '1' } },
        { part: 'html', line: 23, severity: 'error', message: 'unknown filter "upcse"', code: 'unknown_filter' },
        { part: 'html', line: 20, severity: 'warning', message: 'unknown contact field "nope"', code: 'unknown_field' },
        { part: 'html', line: 0, severity: 'warning', message: 'no {{ unsubscribe_url }} link', code: 'no_unsubscribe' },
        { part: 'subject', line: 1, severity: 'error', message: 'syntax', code: 'liquid_syntax' },
      ],
      true,
      lines,
    );
    expect(located.map((p) => p.block)).toEqual([1, 2, 1, 0, undefined, undefined]);
  });

  it('leaves HTML lines alone in the raw HTML mode', () => {
    const [p] = locateProblems([{ part: 'html', line: 3, severity: 'error', message: 'x', code: 'liquid_syntax' }], false, [1, 2]);
    expect(p).toEqual({ part: 'html', line: 3, severity: 'error', message: 'x', code: 'liquid_syntax' });
  });
});

describe('merge fields', () => {
  it('writes Liquid with a quoted fallback', () => {
    expect(liquidField('first_name', 'there')).toBe('{{ contact.first_name | default: "there" }}');
    expect(liquidField('company', '  ')).toBe('{{ contact.company }}');
    expect(liquidField('first_name', 'the "best"')).toBe('{{ contact.first_name | default: "the \\"best\\"" }}');
  });

  it('inserts at the caret, over the selection', () => {
    expect(insertAt('Hello !', 6, 6, 'X')).toEqual({ value: 'Hello X!', caret: 7 });
    expect(insertAt('Hello you', 6, 9, 'X')).toEqual({ value: 'Hello X', caret: 7 });
    expect(insertAt('ab', 99, 99, 'X')).toEqual({ value: 'abX', caret: 3 });
  });
});
