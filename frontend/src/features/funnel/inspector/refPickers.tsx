// The inspector's reference fields: each is a Combobox over the workspace's
// things of its kind, named (never by id), kept current, with "+ Create…"
// and "Edit…" in place.
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../../api/backend';
import { refsApi } from '../../../api/refs';
import type { Lang } from '../../../api/types';
import { nodeName } from '../canvas/StepNodeView';
import { Combobox, type ComboCreate } from '../../../components/Combobox';
import { translate, type MessageKey } from '../../../i18n/dict';
import { useContactsNav } from '../../../stores/contactsNav';
import { useEditor } from '../stores/editor';
import { useEmails } from '../../../stores/emails';
import { useNav } from '../../../stores/nav';
import { NAME_KEYED, OWNER, refOptions, useRefs, type RefFieldType, type RefOption } from '../../../stores/refs';
import { useReturnTo } from '../../../stores/returnTo';
import { useScripts } from '../../../stores/scripts';
import { toast } from '../../../stores/toasts';
import type { FieldProps, Renderer } from './renderers';
import { msg } from '../../../i18n/message';

/** detailOf writes an option's hint: a count of contacts, a rule's kind. */
function detailOf(type: RefFieldType, o: RefOption, lang: Lang): string | undefined {
  if (o.count !== undefined) return o.count === 1 ? translate(lang, 'ref.count.one') : translate(lang, 'ref.count', { count: o.count });
  if (type === 'script' && o.detail) return translate(lang, `scripts.kind.${o.detail}` as MessageKey);
  if (type === 'field') return undefined;
  // A new email's subject is its name: say it once.
  return o.detail && o.detail !== o.name ? o.detail : undefined;
}

/** returnTarget remembers the step being edited, for "Back to the funnel". */
function returnTarget(nodeId: string, field: string, lang: Lang) {
  const ed = useEditor.getState();
  if (!ed.flowId || !ed.meta) return null;
  return { flowId: ed.flowId, flowName: ed.meta.name, nodeId, stepName: nodeName(ed, nodeId, lang) ?? '', field };
}

/** openEmail shows an email in the editor, with the way back to the step. */
export async function openEmail(id: string, back: ReturnType<typeof returnTarget>) {
  await useEditor.getState().flush();
  useReturnTo.getState().set(back);
  useNav.getState().go('emails');
  const em = useEmails.getState();
  if (em.status !== 'ready') await em.load();
  await useEmails.getState().select(id);
}

function createOf(type: RefFieldType, p: FieldProps): ComboCreate | undefined {
  const failed = (err: unknown) => {
    toast('error', msg('ref.createFailed', { message: errorMessage(err) }));
    return null;
  };
  // makeThenRefresh creates a thing in the workspace, then reloads the
  // choices so every picker lists it; a refusal is said in a toast.
  const makeThenRefresh = async (make: () => Promise<string>) => {
    try {
      const made = await make();
      await useRefs.getState().refresh();
      return made;
    } catch (err) {
      return failed(err);
    }
  };
  switch (type) {
    case 'template':
      return {
        label: (q) => (q ? translate(p.lang, 'ref.create.template', { name: q }) : translate(p.lang, 'ref.create.templateBlank')),
        run: async (q) => {
          const back = returnTarget(p.nodeId, p.field.name, p.lang);
          const em = useEmails.getState();
          // The new id must not take an existing one: know them all first.
          if (em.status !== 'ready') await em.load();
          const id = await useEmails.getState().create(q || translate(p.lang, 'ref.newEmailName'));
          if (!id) return null;
          // The step points at the new email before the editor opens, so
          // "Back to the funnel" finds it picked.
          useEditor.getState().updateConfig(p.nodeId, p.field.name, id);
          await openEmail(id, back);
          return id;
        },
      };
    case 'list':
      return {
        needsName: true,
        label: (q) => translate(p.lang, 'ref.create.list', { name: q }),
        run: (q) => makeThenRefresh(() => refsApi().createList(q)),
      };
    case 'tag':
      // A tag exists as soon as a contact gets it: the name is enough.
      return { needsName: true, label: (q) => translate(p.lang, 'ref.create.tag', { name: q }), run: async (q) => q };
    case 'event_type':
      return {
        needsName: true,
        label: (q) => translate(p.lang, 'ref.create.event_type', { name: q }),
        run: (q) => makeThenRefresh(() => refsApi().declareEventType(q)),
      };
  }
  return undefined;
}

function editOf(type: RefFieldType, p: FieldProps): { label: string; run(key: string): void } | undefined {
  const label = translate(p.lang, 'ref.edit');
  switch (type) {
    case 'template':
      return { label, run: (key) => void openEmail(key, returnTarget(p.nodeId, p.field.name, p.lang)) };
    case 'script':
      return {
        label,
        run: (key) => {
          useNav.getState().go('scripts');
          void (async () => {
            const s = useScripts.getState();
            if (s.status !== 'ready') await s.load();
            await useScripts.getState().select(key);
          })();
        },
      };
    case 'flow':
      return {
        label,
        run: (key) =>
          void (async () => {
            await useEditor.getState().flush();
            await useEditor.getState().open(key);
          })(),
      };
    case 'segment':
    case 'list':
      return {
        label,
        run: () => {
          useContactsNav.getState().go(type === 'segment' ? 'segments' : 'people');
          useNav.getState().go('contacts');
        },
      };
  }
  return undefined;
}

/** refPicker is the renderer of a reference field type. */
export function refPicker(type: RefFieldType): Renderer {
  return function RefPicker(p: FieldProps) {
    const refs = useRefs((s) => s.refs);
    const ready = useRefs((s) => s.status === 'ready');
    const refresh = useRefs((s) => s.refresh);
    useEffect(() => {
      void refresh();
    }, [refresh]);
    const options = useMemo(() => refOptions(refs, type, p.lang).map((o) => ({ ...o, detail: detailOf(type, o, p.lang) })), [refs, p.lang]);
    // The handlers depend on which step and field, not on the value: they
    // stay the same while the user types.
    const create = useMemo(() => createOf(type, p), [p.nodeId, p.field.name, p.lang]);
    const edit = useMemo(() => editOf(type, p), [p.nodeId, p.field.name, p.lang]);
    const value = typeof p.value === 'string' ? p.value : p.value === undefined || p.value === null ? '' : String(p.value);
    return (
      <Combobox
        id={p.id}
        value={value}
        options={options}
        ready={ready}
        onChange={p.onChange}
        onOpen={() => void refresh()}
        missingText={p.t(`ref.missing.${type}` as MessageKey)}
        nameKeyed={NAME_KEYED.has(type)}
        placeholder={p.t('field.pick.placeholder')}
        emptyText={p.t(options.length ? 'ref.empty' : 'ref.none')}
        invalid={p.invalid}
        create={create}
        edit={edit}
        testId={`ref-${p.field.name}`}
      />
    );
  };
}

/** looksLikeEmail is the shape of a bare address; the engine checks it again. */
const looksLikeEmail = (s: string) => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(s);

interface TeammateDraft {
  name: string;
  email: string;
  error?: string;
  busy?: boolean;
}

/**
 * TeammatePicker chooses whom an alert goes to: the contact's owner or a
 * teammate of the workspace by name (the email beside it). "+ Add
 * teammate…" asks a name and an address in place; an address typed in full
 * is taken as is, as older funnels store it.
 */
export function TeammatePicker(p: FieldProps) {
  const refs = useRefs((s) => s.refs);
  const ready = useRefs((s) => s.status === 'ready');
  const refresh = useRefs((s) => s.refresh);
  const [draft, setDraft] = useState<TeammateDraft | null>(null);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const value = typeof p.value === 'string' ? p.value : '';
  const options = useMemo(() => {
    const out: RefOption[] = [{ key: OWNER, name: translate(p.lang, 'teammate.owner'), detail: translate(p.lang, 'teammate.ownerDetail') }];
    out.push(...refOptions(refs, 'teammate', p.lang));
    // A plain address (an older funnel, or typed) shows as the address.
    if (value.includes('@') && !out.some((o) => o.key === value)) out.push({ key: value, name: value });
    return out;
  }, [refs, p.lang, value]);
  const create = useMemo<ComboCreate>(
    () => ({
      label: (q) => (q ? translate(p.lang, 'ref.create.teammateNamed', { name: q }) : translate(p.lang, 'ref.create.teammate')),
      run: async (q) => {
        setDraft(q.includes('@') ? { name: '', email: q } : { name: q, email: '' });
        return null;
      },
    }),
    [p.lang],
  );
  const submit = async () => {
    if (!draft) return;
    const name = draft.name.trim();
    const email = draft.email.trim();
    if (!name) return setDraft({ ...draft, error: p.t('teammate.needName') });
    if (!looksLikeEmail(email)) return setDraft({ ...draft, error: p.t('teammate.badEmail', { email }) });
    setDraft({ ...draft, busy: true, error: undefined });
    try {
      const r = await refsApi().addTeammate(name, email);
      await useRefs.getState().refresh();
      p.onChange(r.key);
      setDraft(null);
    } catch (err) {
      setDraft({ ...draft, busy: false, error: errorMessage(err) });
    }
  };
  const tid = `ref-${p.field.name}`;
  return (
    <>
      <Combobox
        id={p.id}
        value={value}
        options={options}
        ready={ready}
        onChange={p.onChange}
        onOpen={() => void refresh()}
        missingText={p.t('ref.missing.teammate')}
        nameKeyed={false}
        acceptTyped={looksLikeEmail}
        placeholder={p.t('field.pick.placeholder')}
        emptyText={p.t('ref.empty')}
        invalid={p.invalid}
        create={create}
        testId={tid}
      />
      {draft && (
        <form
          className="fp-teammate-form"
          data-testid={`${tid}-new`}
          aria-label={p.t('teammate.form')}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label>
            {p.t('teammate.name')}
            <input autoFocus value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value, error: undefined })} />
          </label>
          <label>
            {p.t('teammate.email')}
            <input type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value, error: undefined })} />
          </label>
          {draft.error && (
            <p className="fp-field-error" role="alert">
              {draft.error}
            </p>
          )}
          <div className="fp-row">
            <button type="submit" className="fp-btn fp-btn-small fp-btn-primary" disabled={draft.busy}>
              {p.t('teammate.add')}
            </button>
            <button type="button" className="fp-btn fp-btn-small" onClick={() => setDraft(null)}>
              {p.t('teammate.cancel')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
