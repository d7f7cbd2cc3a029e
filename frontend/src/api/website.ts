// The sites the workspace tracks with its snippet (the bound Website
// service): each with its public key and the tag to paste in its pages.
// Screens call `websiteApi()`; tests swap it with `setWebsiteApi(fake)`.
import * as Service from '../../wailsjs/go/app/Website';

/** Site is a declared website (app.SiteView). */
export interface Site {
  id: number;
  /** origin is scheme://host[:port], as browsers send it. */
  origin: string;
  name: string;
  /** key is public: it sits in the page and can only send website events. */
  key: string;
  require_consent: boolean;
  /** snippet is the HTML to paste before </head> of every page. */
  snippet: string;
  /** seen says what the snippet recorded so far: it works once a visitor is counted. */
  seen: { visitors: number; last?: string };
}

export interface WebsiteApi {
  sites(): Promise<Site[]>;
  /** add rejects with a plain sentence in the UI language when the address is refused. */
  add(origin: string, name: string): Promise<Site[]>;
  setConsent(id: number, required: boolean): Promise<Site[]>;
  remove(id: number): Promise<Site[]>;
}

const list = (v: unknown) => ((v ?? []) as Site[]);

const wails: WebsiteApi = {
  sites: async () => list(await Service.Sites()),
  add: async (origin, name) => list(await Service.AddSite(origin, name)),
  setConsent: async (id, required) => list(await Service.SetConsent(id, required)),
  remove: async (id) => list(await Service.RemoveSite(id)),
};

let current: WebsiteApi = wails;

/** websiteApi returns the API in use: the Go engine, or a test's fake. */
export function websiteApi(): WebsiteApi {
  return current;
}

/** setWebsiteApi replaces the API (tests); it returns the previous one. */
export function setWebsiteApi(api: WebsiteApi): WebsiteApi {
  const prev = current;
  current = api;
  return prev;
}
