// The email checker's problems in the UI language: the engine names each
// by a code with parameters (mail.Problem), the sentences live in the
// dictionary (emails.problem.<code>).
import type { MessageKey } from '../../i18n/dict';

/** The checker's problems the engine names by a code, said in the UI language with the code's parameters. */
export const PROBLEM_TEXT: Record<string, MessageKey> = {
  subject_empty: 'emails.problem.subject_empty',
  body_empty: 'emails.problem.body_empty',
  no_unsubscribe: 'emails.problem.no_unsubscribe',
  no_confirm_link: 'emails.problem.no_confirm_link',
  liquid_unclosed: 'emails.problem.liquid_unclosed',
  liquid_stray: 'emails.problem.liquid_stray',
  liquid_unknown_tag: 'emails.problem.liquid_unknown_tag',
  liquid_syntax: 'emails.problem.liquid_syntax',
  liquid_other: 'emails.problem.liquid_other',
  no_include: 'emails.problem.no_include',
  unknown_filter: 'emails.problem.unknown_filter',
  unknown_variable: 'emails.problem.unknown_variable',
  unknown_field: 'emails.problem.unknown_field',
  block_empty: 'emails.problem.block_empty',
  button_no_link: 'emails.problem.button_no_link',
  button_bad_link: 'emails.problem.button_bad_link',
  button_no_label: 'emails.problem.button_no_label',
  image_no_src: 'emails.problem.image_no_src',
  image_no_alt: 'emails.problem.image_no_alt',
  columns_count: 'emails.problem.columns_count',
  block_unknown_type: 'emails.problem.block_unknown_type',
};

/**
 * problemText says a problem in lang's words when the engine gave its
 * code: the sentence with its parameters, the block inside columns it is
 * about, and the "did you mean" when the engine found a close name. A code
 * this build does not know keeps the engine's (English) words.
 */
export function problemText(t: (key: MessageKey, vars?: Record<string, string | number>) => string, p: { code?: string; params?: Record<string, string>; message: string }): string {
  const key = p.code ? PROBLEM_TEXT[p.code] : undefined;
  if (!key) return p.message;
  const params = p.params ?? {};
  let s = t(key, params);
  if (params.column && params.inner) s = `${t('emails.problem.in_column', { column: params.column, inner: params.inner })} ${s}`;
  if (params.suggest) s = `${s} ${t('emails.problem.suggest', { name: params.suggest })}`;
  return s;
}
