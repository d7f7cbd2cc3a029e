// useT gives components the UI language and its translation helpers.
import { useMemo } from 'react';
import type { Lang, Text } from '../api/types';
import { useSettings } from '../stores/settings';
import { translate, tx, type MessageKey } from './dict';

export interface Translator {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  tx: (text: Text | undefined) => string;
}

export function useT(): Translator {
  const lang = useSettings((s) => s.lang);
  return useMemo(
    () => ({
      lang,
      t: (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars),
      tx: (text: Text | undefined) => tx(text, lang),
    }),
    [lang],
  );
}
