// Readable ids for new steps: "email-1", "wait-2", "if-tag-1".
import type { Kind } from '../../../api/types';

const OVERRIDES: Record<string, string> = {
  'action.send_email': 'email',
  'action.goto_flow': 'go-to-flow',
  'wait.delay': 'wait',
  'goal.reached': 'goal',
  exit: 'exit',
};

/** baseId is the readable stem of a new step's id. */
export function baseId(type: string, kind: Kind | undefined): string {
  if (OVERRIDES[type]) return OVERRIDES[type];
  const name = (type.includes('.') ? type.slice(type.indexOf('.') + 1) : type).replace(/_/g, '-');
  switch (kind) {
    case 'condition':
      return `if-${name}`;
    case 'split':
      return `split-${name}`;
    case 'wait':
      return `wait-${name}`;
    default:
      return name || 'step';
  }
}

/** nextId returns `${base}-N` with the smallest N ≥ 1 not taken. */
export function nextId(base: string, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) {
    const id = `${base}-${i}`;
    if (!taken.has(id)) return id;
  }
}

/** nextNoteId returns a note id not taken. */
export function nextNoteId(taken: ReadonlySet<string>): string {
  return nextId('note', taken);
}
