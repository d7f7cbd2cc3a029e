// The engine says why a step failed in plain English, naming emails by
// their stored key ("could not send email "welcome": …"). On screen the
// reason is in the UI language and names the email as the user knows it;
// an email deleted since publishing has no name left, so that case is said
// as what to do about it.
import type { Lang } from '../../../api/types';
import { translate, type MessageKey } from '../../../i18n/dict';
import { reasonText } from '../../../screens/simulation/reasons';
import { refName, useRefs } from '../../../stores/refs';

const GONE = /(?:^|: )the email "[^"]+" does not exist any more \(deleted after the funnel was published\?\)$/;

/** The sender's failures start `smtp profile "name": host:port: stage: ` before what the server said. */
const RELAY = /smtp profile "[^"]*": (\S+): (dns|connect|tls|auth|sender|recipient|data): /;

/** failureText is a failure's reason as shown: translated, emails by name, a relay's refusal said plainly. */
export function failureText(reason: string, lang: Lang): string {
  if (GONE.test(reason)) return translate(lang, 'failures.emailGone');
  const plain = reason.replace(RELAY, (_, addr: string, stage: string) => `${translate(lang, `failures.relay.${stage}` as MessageKey, { addr })} — `);
  return namedEmails(reasonText(plain, lang), lang);
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
