// The contact fields: identity fields (built in) and custom fields with
// their types and choices. Shared by the table, the profile, the import
// mapping and the segment builder.
import { create } from 'zustand';
import { contactsApi, type FieldDef } from '../api/contacts';
import { errorMessage } from '../api/backend';

/** RULE_ONLY_FIELDS are what Fields() adds for segment rules: not fields a file or a form can fill. */
export const RULE_ONLY_FIELDS: ReadonlySet<string> = new Set(['created_at', 'updated_at', 'unsubscribed', 'bounced']);

interface FieldsState {
  fields: FieldDef[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  load(): Promise<void>;
  /** define creates or changes a custom field; it returns the engine's refusal, or null. */
  define(def: FieldDef): Promise<string | null>;
}

export const useContactFields = create<FieldsState>()((set, get) => ({
  fields: [],
  status: 'idle',
  error: null,
  async load() {
    if (get().status === 'idle') set({ status: 'loading' });
    try {
      const fields = (await contactsApi().fields()).map((f) => ({ ...f, options: f.options ?? [] }));
      set({ fields, status: 'ready', error: null });
    } catch (err) {
      set({ status: 'error', error: errorMessage(err) });
    }
  },
  async define(def) {
    try {
      await contactsApi().defineField({ ...def, options: def.type === 'choice' ? (def.options ?? []) : [] });
    } catch (err) {
      return errorMessage(err);
    }
    await get().load();
    return null;
  },
}));

/** customFields are the fields a user defined. */
export function customFields(fields: FieldDef[]): FieldDef[] {
  return fields.filter((f) => !f.identity);
}

/** fillableFields are the fields an import or a form can write (no rule-only properties). */
export function fillableFields(fields: FieldDef[]): FieldDef[] {
  return fields.filter((f) => !RULE_ONLY_FIELDS.has(f.name));
}

/** fieldDef finds a field by name. */
export function fieldDef(fields: FieldDef[], name: string): FieldDef | undefined {
  return fields.find((f) => f.name === name);
}
