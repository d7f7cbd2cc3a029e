// An in-memory FunnelsApi for tests, sharing its flows with a FakeBackend:
// a two-template gallery, versions kept on publish, live counts and paths
// set by the test, contacts by email, import with the engine's syntax
// errors, saved files recorded.
import { setFunnelsApi, type FlowCounts, type FlowLink, type FunnelsApi, type GalleryTemplate, type PathStep, type Version } from '../api/funnels';
import type { Flow } from '../api/types';
import { useFunnel } from '../features/funnel/stores/funnel';
import { useFlows } from '../features/funnel/stores/flows';
import type { FakeBackend } from './fakeBackend';
import { resetAll } from './helpers';

/** GALLERY is the fake's gallery: a welcome series and a one-step funnel. */
export const GALLERY: GalleryTemplate[] = [
  {
    id: 'welcome',
    name: 'Welcome sequence',
    description: 'Greets every new subscriber.',
    flow: {
      format: 'flightplan.flow/v1',
      id: 'welcome',
      name: 'Welcome sequence',
      settings: { reentry: 'once' },
      nodes: [
        { id: 'signup', type: 'trigger.list_joined', config: { list: 'newsletter' }, position: { x: 0, y: 0 } },
        { id: 'hello', type: 'action.send_email', config: { template: 'welcome-1' }, position: { x: 0, y: 168 } },
        { id: 'wait', type: 'wait.delay', config: { duration: '2d' }, position: { x: 0, y: 336 } },
        { id: 'bye', type: 'exit', position: { x: 0, y: 504 } },
      ],
      edges: [
        { from: 'signup', to: 'hello' },
        { from: 'hello', to: 'wait' },
        { from: 'wait', to: 'bye' },
      ],
    },
    emails: [{ id: 'welcome-1', name: 'Welcome', subject: 'Hello' }],
    texts: {
      en: { name: 'Welcome sequence', description: 'Greets every new subscriber.' },
      fr: { name: 'Séquence de bienvenue', description: 'Accueille chaque nouvel abonné.' },
    },
  },
  {
    id: 'tiny',
    name: 'Tiny',
    description: 'One step.',
    flow: { format: 'flightplan.flow/v1', id: 'tiny', name: 'Tiny', settings: { reentry: 'once' }, nodes: [{ id: 't', type: 'trigger.manual' }], edges: [] },
    emails: [],
    texts: {},
  },
];

export interface FakeFunnels extends FunnelsApi {
  versionsOf: Map<string, { version: Version; flow: Flow }[]>;
  counts: Map<string, FlowCounts>;
  paths: Map<string, PathStep[]>;
  contacts: Map<string, number>;
  active: Map<string, number>;
  links: FlowLink[];
  saved: { name: string; content: string; isBase64: boolean }[];
  calls: string[];
}

const copy = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** createFakeFunnels builds the fake over a FakeBackend; publishing through the backend records versions. */
export function createFakeFunnels(b: FakeBackend): FakeFunnels {
  const versionsOf = new Map<string, { version: Version; flow: Flow }[]>();
  const calls: string[] = [];
  const basePublish = b.publishFlow;
  b.publishFlow = async (id) => {
    const doc = await basePublish(id);
    const list = versionsOf.get(id) ?? [];
    list.unshift({ version: { version: doc.info.published_version, published_at: '2026-03-12T14:05:00Z', note: '' }, flow: copy(b.flows.get(id)!) });
    versionsOf.set(id, list);
    return doc;
  };
  const f: FakeFunnels = {
    versionsOf,
    counts: new Map(),
    paths: new Map(),
    contacts: new Map([['camille@example.com', 7]]),
    active: new Map(),
    links: [],
    saved: [],
    calls,
    async gallery() {
      calls.push('gallery');
      return copy(GALLERY);
    },
    async createFromTemplate(id) {
      calls.push('createFromTemplate');
      const t = GALLERY.find((g) => g.id === id);
      if (!t) throw `no funnel template "${id}"`;
      const doc = await b.createFlow(t.name);
      return b.saveFlow({ ...copy(t.flow!), id: doc.flow!.id });
    },
    async flowCounts(id) {
      calls.push('flowCounts');
      return copy(f.counts.get(id) ?? { nodes: [], edges: [], enrolled: 0, active: 0, done: 0, goals: 0 });
    },
    async contactPath(contactId, flowId) {
      calls.push('contactPath');
      return copy(f.paths.get(`${contactId}/${flowId}`) ?? []);
    },
    async contactByEmail(email) {
      calls.push('contactByEmail');
      const id = f.contacts.get(email.trim().toLowerCase());
      if (id === undefined) throw `no contact has the email "${email.trim()}"`;
      return id;
    },
    async versions(id) {
      calls.push('versions');
      return (versionsOf.get(id) ?? []).map((v) => copy(v.version));
    },
    async restoreVersion(id, version) {
      calls.push('restoreVersion');
      const v = versionsOf.get(id)?.find((x) => x.version.version === version);
      if (!v) throw `flow "${id}": no version ${version}`;
      return b.saveFlow(copy(v.flow));
    },
    async publishImpact(id) {
      calls.push('publishImpact');
      return { active: f.active.get(id) ?? 0, published_version: b.published.get(id) ?? 0 };
    },
    async exportFlow(id) {
      calls.push('exportFlow');
      const fl = b.flows.get(id);
      if (!fl) throw `flow "${id}": not found`;
      return JSON.stringify(fl, null, 2);
    },
    async importFlow(name, text) {
      calls.push('importFlow');
      let fl: Flow;
      try {
        fl = JSON.parse(text) as Flow;
      } catch {
        throw `${name}:3:14: invalid character ',' looking for beginning of object key string`;
      }
      let id = fl.id;
      for (let i = 2; b.flows.has(id); i++) id = `${fl.id}-${i}`;
      return b.saveFlow({ ...fl, id });
    },
    async flowLinks() {
      calls.push('flowLinks');
      return copy(f.links);
    },
    async saveFile(name, content, isBase64) {
      calls.push('saveFile');
      f.saved.push({ name, content, isBase64 });
      return `/home/me/${name}`;
    },
  };
  return f;
}

const funnelInitial = useFunnel.getState();
const flowsInitial = useFlows.getState();

/** resetFunnels resets every store (resetAll) and installs a fresh fake FunnelsApi. */
export function resetFunnels(): { backend: FakeBackend; funnels: FakeFunnels } {
  const backend = resetAll();
  const funnels = createFakeFunnels(backend);
  setFunnelsApi(funnels);
  useFunnel.setState(funnelInitial, true);
  useFlows.setState(flowsInitial, true);
  globalThis.localStorage?.clear();
  return { backend, funnels };
}
