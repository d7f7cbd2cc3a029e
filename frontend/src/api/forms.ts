// Typed wrappers over the Go bindings of the sign-up forms. The store
// calls `formsApi()`; tests swap it with `setFormsApi(fake)`. Only this
// module (and the other api/ modules) import wailsjs/.
import * as Forms from '../../wailsjs/go/app/Forms';
import { forms as formModels } from '../../wailsjs/go/models';
import type { FormSave, FormSnippets, SignupForm } from './types.gen';

export type { FormProblem, FormSave, FormSnippets, SignupForm, SignupFormField } from './types.gen';

/** FormsApi is what the forms screen asks of the engine. */
export interface FormsApi {
  list(): Promise<SignupForm[]>;
  save(f: SignupForm): Promise<FormSave>;
  remove(key: string): Promise<void>;
  snippets(key: string): Promise<FormSnippets>;
}

const wails: FormsApi = {
  list: async () => ((await Forms.ListForms()) ?? []) as unknown as SignupForm[],
  save: async (f) => (await Forms.SaveForm(formModels.Form.createFrom(f))) as unknown as FormSave,
  remove: (key) => Forms.DeleteForm(key),
  snippets: async (key) => (await Forms.FormSnippets(key)) as unknown as FormSnippets,
};

let current: FormsApi = wails;

/** formsApi returns the API in use: the Go engine, or a test's fake. */
export function formsApi(): FormsApi {
  return current;
}

/** setFormsApi replaces the API (tests); it returns the previous one. */
export function setFormsApi(api: FormsApi): FormsApi {
  const prev = current;
  current = api;
  return prev;
}
