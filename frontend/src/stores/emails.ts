// Email templates: the list, the one being edited (its draft, problems and
// live preview) and the block editor's operations.
import { create } from 'zustand';
import { backend, errorMessage } from '../api/backend';
import { emailsApi, type Block, type BlockType, type EmailPreview, type EmailTemplate } from '../api/emails';
import { translate } from '../i18n/dict';
import {
  addBlock as addBlockOp,
  locateProblems,
  moveBlock as moveBlockOp,
  newBlock,
  removeBlock as removeBlockOp,
  samePath,
  updateBlock as updateBlockOp,
  type BlockPath,
  type LocatedProblem,
  type SampleTexts,
} from '../screens/emails/blocks';
import { useSettings } from './settings';
import { toast } from './toasts';
import { msg } from '../i18n/message';

export type EditMode = 'blocks' | 'html';

/** How long typing pauses before the preview and the check run again. */
export const REFRESH_MS = 400;

interface EmailsState {
  templates: EmailTemplate[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | null;
  /** fields are the contact fields the merge-field picker offers. */
  fields: string[];
  selectedId: string | null;
  draft: EmailTemplate | null;
  /** saved is the draft as last saved (JSON), for the unsaved-changes mark. */
  saved: string;
  mode: EditMode;
  problems: LocatedProblem[];
  blockLines: number[];
  saving: boolean;
  saveError: string | null;
  preview: EmailPreview | null;
  previewError: string | null;
  previewing: boolean;
  /** previewContactId is the contact the preview is made for (0: a sample). */
  previewContactId: number;
  selectedBlock: BlockPath | null;

  load(): Promise<void>;
  select(id: string | null): Promise<void>;
  create(name: string): Promise<string | null>;
  duplicate(id: string): Promise<string | null>;
  remove(id: string): Promise<void>;
  update(patch: Partial<EmailTemplate>): void;
  /** setMode switches between the block editor and raw HTML (the UI confirms first). */
  setMode(mode: EditMode): Promise<void>;
  addBlock(type: BlockType, after?: BlockPath | null): void;
  moveBlock(path: BlockPath, dir: -1 | 1): void;
  removeBlock(path: BlockPath): void;
  updateBlock(path: BlockPath, patch: Partial<Block>): void;
  selectBlock(path: BlockPath | null): void;
  save(): Promise<boolean>;
  /** flush saves unsaved changes (before leaving the email or the screen). */
  flush(): Promise<void>;
  setPreviewContact(id: number): void;
  /** refresh runs the check and the preview now. */
  refresh(): Promise<void>;
}

/** isDirty tells whether the draft has unsaved changes. */
export function isDirty(s: Pick<EmailsState, 'draft' | 'saved'>): boolean {
  return !!s.draft && JSON.stringify(s.draft) !== s.saved;
}

/** usesBlocks tells whether a template's body comes from its blocks. */
export function usesBlocks(t: EmailTemplate): boolean {
  return (t.blocks?.length ?? 0) > 0;
}

/** modeOf picks the editor a template opens in. */
export function modeOf(t: EmailTemplate): EditMode {
  if (usesBlocks(t)) return 'blocks';
  return (t.html ?? '').trim() ? 'html' : 'blocks';
}

/** slug makes an id from a name: lower-case letters, digits and dashes. */
export function slug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 48) || 'email'
  );
}

/** uniqueId returns slug(name), numbered if taken. */
export function uniqueId(name: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  const base = slug(name);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}-${i}`)) return `${base}-${i}`;
}

function samples(): SampleTexts {
  const lang = useSettings.getState().lang;
  return {
    heading: translate(lang, 'emails.sample.heading'),
    text: translate(lang, 'emails.sample.text'),
    button: translate(lang, 'emails.sample.button'),
    column: translate(lang, 'emails.sample.column'),
  };
}

/** starterTemplate is what a new email holds: a greeting, a paragraph, a button and the unsubscribe footer. */
export function starterTemplate(id: string, name: string): EmailTemplate {
  const lang = useSettings.getState().lang;
  const s = samples();
  return {
    id,
    name,
    subject: name,
    preheader: '',
    blocks: [
      { type: 'heading', level: 1, text: translate(lang, 'emails.sample.greeting') },
      { type: 'text', text: s.text },
      { type: 'button', text: s.button, url: 'https://example.com' },
      { type: 'divider' },
      { type: 'text', text: translate(lang, 'emails.sample.footer'), color: '#6b7280' },
    ],
  };
}

const copy = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshSeq = 0;

/** cancelEmailTimers stops a pending refresh (tests, unmount). */
export function cancelEmailTimers(): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = undefined;
}

export const useEmails = create<EmailsState>()((set, get) => {
  const schedule = (ms = REFRESH_MS) => {
    cancelEmailTimers();
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void get().refresh();
    }, ms);
  };

  const setBlocks = (blocks: Block[], selectedBlock?: BlockPath | null) => {
    const d = get().draft;
    if (!d) return;
    set({ draft: { ...d, blocks }, ...(selectedBlock !== undefined ? { selectedBlock } : {}) });
    schedule();
  };

  const saveNew = async (t: EmailTemplate): Promise<string | null> => {
    try {
      await emailsApi().saveTemplate(t);
      set((s) => ({ templates: [...s.templates.filter((x) => x.id !== t.id), t] }));
      await get().select(t.id);
      return t.id;
    } catch (err) {
      toast('error', msg('emails.toast.createFailed', { message: errorMessage(err) }));
      return null;
    }
  };

  return {
    templates: [],
    status: 'idle',
    loadError: null,
    fields: [],
    selectedId: null,
    draft: null,
    saved: '',
    mode: 'blocks',
    problems: [],
    blockLines: [],
    saving: false,
    saveError: null,
    preview: null,
    previewError: null,
    previewing: false,
    previewContactId: 0,
    selectedBlock: null,

    async load() {
      set({ status: 'loading', loadError: null });
      try {
        const [templates, lookups] = await Promise.all([emailsApi().templates(), backend().getLookups().catch(() => null)]);
        set({ templates, status: 'ready', fields: lookups?.fields ?? [] });
        const sel = get().selectedId;
        if (sel && templates.some((t) => t.id === sel)) {
          if (!get().draft) await get().select(sel);
        } else if (templates.length > 0) {
          await get().select(templates[0]!.id);
        } else {
          set({ selectedId: null, draft: null, saved: '' });
        }
      } catch (err) {
        set({ status: 'error', loadError: errorMessage(err) });
      }
    },

    async select(id) {
      if (id === get().selectedId && get().draft) return;
      await get().flush();
      cancelEmailTimers();
      const t = id ? get().templates.find((x) => x.id === id) : undefined;
      if (!t) {
        set({ selectedId: null, draft: null, saved: '', problems: [], preview: null, previewError: null, selectedBlock: null });
        return;
      }
      const draft = copy(t);
      set({
        selectedId: t.id,
        draft,
        saved: JSON.stringify(draft),
        mode: modeOf(draft),
        problems: [],
        blockLines: [],
        saveError: null,
        preview: null,
        previewError: null,
        selectedBlock: null,
      });
      schedule(0);
    },

    async create(name) {
      const clean = name.trim();
      if (!clean) return null;
      const id = uniqueId(clean, get().templates.map((t) => t.id));
      return saveNew(starterTemplate(id, clean));
    },

    async duplicate(id) {
      const src = id === get().selectedId && get().draft ? get().draft! : get().templates.find((t) => t.id === id);
      if (!src) return null;
      const lang = useSettings.getState().lang;
      const name = translate(lang, 'emails.copyName', { name: src.name });
      const t = { ...copy(src), id: uniqueId(name, get().templates.map((x) => x.id)), name };
      return saveNew(t);
    },

    async remove(id) {
      try {
        await emailsApi().deleteTemplate(id);
      } catch (err) {
        toast('error', msg('emails.toast.deleteFailed', { message: errorMessage(err) }));
        return;
      }
      const rest = get().templates.filter((t) => t.id !== id);
      set({ templates: rest });
      if (get().selectedId === id) {
        cancelEmailTimers();
        set({ selectedId: null, draft: null, saved: '' });
        await get().select(rest[0]?.id ?? null);
      }
    },

    update(patch) {
      const d = get().draft;
      if (!d) return;
      set({ draft: { ...d, ...patch } });
      schedule();
    },

    async setMode(mode) {
      const d = get().draft;
      if (!d || mode === get().mode) return;
      if (mode === 'html') {
        let html = d.html ?? '';
        if (usesBlocks(d)) {
          try {
            html = await emailsApi().renderBlocks(d.blocks ?? []);
          } catch (err) {
            toast('error', errorMessage(err));
            return;
          }
        }
        set({ mode, draft: { ...d, html, blocks: [] }, selectedBlock: null });
      } else {
        const blocks = usesBlocks(d) ? d.blocks! : (starterTemplate(d.id, d.name).blocks ?? []);
        set({ mode, draft: { ...d, html: '', blocks }, selectedBlock: null });
      }
      schedule(0);
    },

    addBlock(type, after) {
      const d = get().draft;
      if (!d) return;
      const at = after === undefined ? get().selectedBlock : after;
      const r = addBlockOp(d.blocks ?? [], newBlock(type, samples()), at && at.length > 0 ? at : null);
      setBlocks(r.blocks, r.path.length > 0 ? r.path : get().selectedBlock);
    },

    moveBlock(path, dir) {
      const d = get().draft;
      if (!d) return;
      const r = moveBlockOp(d.blocks ?? [], path, dir);
      const sel = get().selectedBlock;
      // The selection follows its block: the moved one, or the one it swapped with.
      const swapped = [...path.slice(0, -1), path[path.length - 1]! + dir];
      setBlocks(r.blocks, samePath(sel, path) ? r.path : samePath(sel, swapped) && !samePath(r.path, path) ? path : sel);
    },

    removeBlock(path) {
      const d = get().draft;
      if (!d) return;
      setBlocks(removeBlockOp(d.blocks ?? [], path), null);
    },

    updateBlock(path, patch) {
      const d = get().draft;
      if (!d) return;
      setBlocks(updateBlockOp(d.blocks ?? [], path, patch));
    },

    selectBlock(path) {
      set({ selectedBlock: path });
    },

    async save() {
      const d = get().draft;
      if (!d || get().saving) return false;
      const snapshot = JSON.stringify(d);
      set({ saving: true, saveError: null });
      try {
        const [problems, lines] = await Promise.all([
          emailsApi().saveTemplate(d),
          usesBlocks(d) ? emailsApi().blockLines(d).catch(() => [] as number[]) : Promise.resolve([] as number[]),
        ]);
        const stored = JSON.parse(snapshot) as EmailTemplate;
        set((s) => ({
          saving: false,
          saved: s.selectedId === d.id ? snapshot : s.saved,
          templates: s.templates.map((t) => (t.id === d.id ? stored : t)),
          ...(s.selectedId === d.id && JSON.stringify(s.draft) === snapshot ? { problems: locateProblems(problems, usesBlocks(d), lines), blockLines: lines } : {}),
        }));
        return true;
      } catch (err) {
        const message = errorMessage(err);
        set({ saving: false, saveError: message });
        toast('error', msg('emails.toast.saveFailed', { message }), 'email-save');
        return false;
      }
    },

    async flush() {
      if (isDirty(get())) await get().save();
    },

    setPreviewContact(id) {
      set({ previewContactId: Number.isFinite(id) && id > 0 ? Math.floor(id) : 0 });
      schedule(0);
    },

    async refresh() {
      const d = get().draft;
      if (!d) return;
      const seq = ++refreshSeq;
      const contactId = get().previewContactId;
      set({ previewing: true });
      const api = emailsApi();
      const blocks = usesBlocks(d);
      const [check, lines, preview] = await Promise.allSettled([
        api.checkTemplate(d),
        blocks ? api.blockLines(d) : Promise.resolve([] as number[]),
        api.preview(d, contactId),
      ]);
      if (seq !== refreshSeq || get().draft?.id !== d.id) return;
      const blockLines = lines.status === 'fulfilled' ? lines.value : [];
      set({
        previewing: false,
        blockLines,
        ...(check.status === 'fulfilled' ? { problems: locateProblems(check.value, blocks, blockLines) } : {}),
        ...(preview.status === 'fulfilled'
          ? { preview: preview.value, previewError: null }
          : { previewError: errorMessage(preview.reason) }),
      });
    },
  };
});
