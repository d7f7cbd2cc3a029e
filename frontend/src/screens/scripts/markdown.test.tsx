import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { anchorOf, Markdown, parseMarkdown } from './markdown';

const md = [
  '# Flightplan Lua scripts',
  '',
  'Scripts are **Lua 5.1** in a sandbox,',
  'see [the contract](#the-contract-what-a-script-returns).',
  '',
  '- [Globals](#globals): `contact`',
  '- Helpers',
  '  continued',
  '',
  '## The contract: what a script returns',
  '',
  '| kind | must return | example |',
  '|---|---|---|',
  '| condition | `true` or `false` | `return a \\| b` |',
  '',
  '```lua',
  'return {tags_add = {"hot"}}',
  '```',
].join('\n');

describe('markdown reader', () => {
  it('splits headings, paragraphs, lists, tables and code', () => {
    const blocks = parseMarkdown(md);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'para', 'list', 'heading', 'table', 'code']);
    expect(blocks[1]).toEqual({ kind: 'para', text: 'Scripts are **Lua 5.1** in a sandbox, see [the contract](#the-contract-what-a-script-returns).' });
    expect(blocks[2]).toEqual({ kind: 'list', ordered: false, items: ['[Globals](#globals): `contact`', 'Helpers continued'] });
    expect(blocks[4]).toEqual({ kind: 'table', head: ['kind', 'must return', 'example'], rows: [['condition', '`true` or `false`', '`return a | b`']] });
    expect(blocks[5]).toEqual({ kind: 'code', lang: 'lua', text: 'return {tags_add = {"hot"}}' });
  });

  it('makes GitHub’s anchors', () => {
    expect(anchorOf('The contract: what a script returns')).toBe('the-contract-what-a-script-returns');
    expect(anchorOf('`contact`')).toBe('contact');
  });

  it('renders safely and follows anchors inside the panel', () => {
    const onAnchor = vi.fn();
    const { container } = render(<Markdown text={md + '\n\n<img src=x onerror=alert(1)>'} idPrefix="r-" onAnchor={onAnchor} />);
    expect(container.querySelector('#r-the-contract-what-a-script-returns')).not.toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('Lua 5.1').tagName).toBe('STRONG');
    fireEvent.click(screen.getByText('the contract'));
    expect(onAnchor).toHaveBeenCalledWith('the-contract-what-a-script-returns');
  });
});
