// How the CSV names things: as the canvas and the email list do, in the
// chosen language, from the catalogue and the workspace's references
// (read once, at export time, outside React).
import type { SimRequest } from '../../api/simulation';
import type { Lang } from '../../api/types';
import { summaryText } from '../../features/funnel/canvas/summary';
import { tx } from '../../i18n/dict';
import { audienceName } from '../../i18n/simNames';
import { useCatalogue } from '../../stores/catalogue';
import { refName, useRefs } from '../../stores/refs';
import type { CsvNames } from './csv';

/** csvNames names steps, emails, funnels and audiences in lang; `flowName` names a funnel by id. */
export function csvNames(lang: Lang, flowName: (id: string) => string | undefined): CsvNames {
  const byType = useCatalogue.getState().byType;
  const refs = useRefs.getState().refs;
  const email = (key: string) => (key ? (refName(refs, 'template', key, lang) ?? key) : '');
  return {
    step(flow, id) {
      const n = (flow.nodes ?? []).find((x) => x.id === id);
      if (!n) return id;
      if (n.label) return n.label;
      const template = n.config?.template;
      if (typeof template === 'string' && template) {
        const name = refName(refs, 'template', template, lang);
        if (name) return name;
      }
      const spec = byType[n.type];
      if (!spec) return id;
      return summaryText(spec, n.config, lang) || tx(spec.title, lang);
    },
    port(flow, id, port) {
      const n = (flow.nodes ?? []).find((x) => x.id === id);
      const spec = n ? byType[n.type] : undefined;
      const p = spec?.ports?.find((x) => x.id === port);
      // A step's only way out needs no name; named branches (a split's
      // own outputs) are written as the funnel names them.
      if (p) return spec!.ports.length > 1 ? tx(p.label, lang) : '';
      return port;
    },
    stepType: (type) => (byType[type] ? tx(byType[type].title, lang) : type),
    email,
    flow: (id) => flowName(id) ?? refName(refs, 'flow', id, lang) ?? id,
    audience: (req: SimRequest | null) =>
      audienceName(lang, req?.real_contacts ? 'real' : (req?.preset ?? 'ecommerce-newsletter')),
  };
}
