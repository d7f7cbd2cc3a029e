// The engine says why a step failed, in every language (engine/words), naming
// emails by their stored key ("could not send email "welcome": …"). On
// screen the reason is in the UI language and names the email as the user
// knows it.
import type { Lang } from '../../../api/types';
import { engineText } from '../../../api/engineText';
import type { EngineText } from '../../../api/types.gen';
import { reasonText } from '../../../screens/simulation/reasons';
import { refName, useRefs } from '../../../stores/refs';

/**
 * failureText is a failure's reason as shown: in the UI language from the
 * engine's own words (engine/words says a relay's refusal and a deleted
 * email plainly, in every language), emails by name. A reason without them
 * (an older engine) is its English, rewritten where the window knows it.
 */
export function failureText(reason: string, lang: Lang, text?: EngineText | null): string {
  if (text) return namedEmails(engineText(text, lang), lang);
  return namedEmails(reasonText(reason, lang), lang);
}

/** namedEmails replaces `email "key"` (and `courriel « key »`) by the email's name when it exists. */
export function namedEmails(text: string, lang: Lang): string {
  const refs = useRefs.getState().refs;
  const name = (key: string) => refName(refs, 'template', key, lang);
  return text
    .replace(/email "([^"]+)"/g, (m, key: string) => {
      const n = name(key);
      return n ? `email “${n}”` : m;
    })
    .replace(/(email|courriel) « ([^»]+) »/g, (m, word: string, key: string) => {
      const n = name(key);
      return n ? `${word} « ${n} »` : m;
    });
}
