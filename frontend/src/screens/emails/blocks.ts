// Pure operations on block-editor content. A block is addressed by its path:
// [i] for the i-th top-level block, [i, c, j] for the j-th block of column c
// of the columns block i. Every operation returns new arrays (the store keeps
// the previous state untouched for the unsaved-changes check).
import type { Block, BlockType, EmailProblem } from '../../api/emails';

export type BlockPath = readonly number[];

/** INNER_TYPES are the blocks a column may hold (no columns inside columns). */
export const INNER_TYPES: readonly BlockType[] = ['heading', 'text', 'button', 'image', 'divider', 'spacer'];

/** newBlock returns a block of type with content that shows what it is for. */
export function newBlock(type: BlockType, sample: SampleTexts): Block {
  switch (type) {
    case 'heading':
      return { type, text: sample.heading, level: 1 };
    case 'text':
      return { type, text: sample.text };
    case 'button':
      return { type, text: sample.button, url: 'https://' };
    case 'image':
      return { type, src: '', alt: '' };
    case 'divider':
      return { type };
    case 'spacer':
      return { type, height: 24 };
    case 'columns':
      return { type, columns: [[{ type: 'text', text: sample.column }], [{ type: 'text', text: sample.column }]] };
  }
}

/** SampleTexts are the words a new block starts with, in the UI language. */
export interface SampleTexts {
  heading: string;
  text: string;
  button: string;
  column: string;
}

function cloneBlocks(blocks: readonly Block[]): Block[] {
  return blocks.map((b) => (b.columns ? { ...b, columns: b.columns.map((c) => [...c]) } : { ...b }));
}

/** list returns the array a path's last index points into (top level or a column). */
function listAt(blocks: Block[], path: BlockPath): Block[] | null {
  if (path.length === 1) return blocks;
  if (path.length === 3) {
    const parent = blocks[path[0]!];
    return parent?.columns?.[path[1]!] ?? null;
  }
  return null;
}

/** blockAt returns the block at path, or undefined. */
export function blockAt(blocks: readonly Block[], path: BlockPath): Block | undefined {
  if (path.length === 1) return blocks[path[0]!];
  if (path.length === 3) return blocks[path[0]!]?.columns?.[path[1]!]?.[path[2]!];
  return undefined;
}

/**
 * addBlock inserts block after path (at the end when path is null). With a
 * column path [i, c] it appends to that column.
 */
export function addBlock(blocks: readonly Block[], block: Block, after: BlockPath | null): { blocks: Block[]; path: BlockPath } {
  const out = cloneBlocks(blocks);
  if (after === null) {
    out.push(block);
    return { blocks: out, path: [out.length - 1] };
  }
  if (after.length === 2) {
    const col = out[after[0]!]?.columns?.[after[1]!];
    if (!col || block.type === 'columns') return { blocks: out, path: [] };
    col.push(block);
    return { blocks: out, path: [after[0]!, after[1]!, col.length - 1] };
  }
  const list = listAt(out, after);
  if (!list || (after.length === 3 && block.type === 'columns')) return { blocks: out, path: [] };
  const at = Math.min(after[after.length - 1]! + 1, list.length);
  list.splice(at, 0, block);
  return { blocks: out, path: [...after.slice(0, -1), at] };
}

/** moveBlock moves the block at path up (-1) or down (+1) within its list; it returns its new path. */
export function moveBlock(blocks: readonly Block[], path: BlockPath, dir: -1 | 1): { blocks: Block[]; path: BlockPath } {
  const out = cloneBlocks(blocks);
  const list = listAt(out, path);
  const i = path[path.length - 1]!;
  const j = i + dir;
  if (!list || i < 0 || i >= list.length || j < 0 || j >= list.length) return { blocks: out, path };
  [list[i], list[j]] = [list[j]!, list[i]!];
  return { blocks: out, path: [...path.slice(0, -1), j] };
}

/** removeBlock removes the block at path. */
export function removeBlock(blocks: readonly Block[], path: BlockPath): Block[] {
  const out = cloneBlocks(blocks);
  const list = listAt(out, path);
  const i = path[path.length - 1]!;
  if (list && i >= 0 && i < list.length) list.splice(i, 1);
  return out;
}

/** updateBlock merges patch into the block at path; undefined values remove keys. */
export function updateBlock(blocks: readonly Block[], path: BlockPath, patch: Partial<Block>): Block[] {
  const out = cloneBlocks(blocks);
  const list = listAt(out, path);
  const i = path[path.length - 1]!;
  const b = list?.[i];
  if (!list || !b) return out;
  const next: Block = { ...b, ...patch };
  for (const k of Object.keys(patch) as (keyof Block)[]) {
    if (patch[k] === undefined) delete next[k];
  }
  list[i] = next;
  return out;
}

/** samePath compares two paths. */
export function samePath(a: BlockPath | null | undefined, b: BlockPath | null | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}

/** LocatedProblem is a problem with the top-level block it belongs to (0-based), if any. */
export interface LocatedProblem extends EmailProblem {
  block?: number;
}

/**
 * locateProblems ties each problem to what the user sees. In the block
 * editor, a problem of the blocks part names its block by position, and a
 * Liquid problem of the HTML part is at a line of the HTML the blocks make:
 * blockLines[i] is the line where block i starts (from the engine).
 */
export function locateProblems(problems: readonly EmailProblem[], usesBlocks: boolean, blockLines: readonly number[]): LocatedProblem[] {
  return problems.map((p) => {
    if (!usesBlocks) return { ...p };
    if (p.part === 'blocks') {
      if (p.line > 0) return { ...p, block: p.line - 1 };
      // Blocks inside columns have no line; the engine gives the
      // top-level block's position as a parameter.
      const top = Number(p.params?.block);
      return top > 0 ? { ...p, block: top - 1 } : { ...p };
    }
    if (p.part === 'html' && p.line > 0 && blockLines.length > 0) {
      let block = -1;
      blockLines.forEach((l, i) => {
        if (p.line >= l) block = i;
      });
      return block >= 0 ? { ...p, block } : { ...p };
    }
    return { ...p };
  });
}

/** liquidField is the Liquid that prints a contact field, with a fallback when it is empty. */
export function liquidField(field: string, fallback: string): string {
  const f = fallback.trim();
  if (!f) return `{{ contact.${field} }}`;
  return `{{ contact.${field} | default: "${f.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}" }}`;
}

/** UNSUBSCRIBE_LIQUID prints the contact's unsubscribe address. */
export const UNSUBSCRIBE_LIQUID = '{{ unsubscribe_url }}';
/** CONFIRM_LIQUID is a double opt-in form's confirmation link (mail.ConfirmPlaceholder outside one). */
export const CONFIRM_LIQUID = '{{ confirm_url }}';

/** insertAt returns value with text inserted over [start, end). */
export function insertAt(value: string, start: number, end: number, text: string): { value: string; caret: number } {
  const s = Math.max(0, Math.min(start, value.length));
  const e = Math.max(s, Math.min(end, value.length));
  return { value: value.slice(0, s) + text + value.slice(e), caret: s + text.length };
}
