export namespace app {
	
	export class SiteView {
	    id: number;
	    origin: string;
	    name: string;
	    key: string;
	    require_consent: boolean;
	    snippet: string;
	    seen: website.Seen;
	
	    static createFrom(source: any = {}) {
	        return new SiteView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.origin = source["origin"];
	        this.name = source["name"];
	        this.key = source["key"];
	        this.require_consent = source["require_consent"];
	        this.snippet = source["snippet"];
	        this.seen = this.convertValues(source["seen"], website.Seen);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TeamWatch {
	    listening: boolean;
	    up: boolean;
	    down_since: number;
	
	    static createFrom(source: any = {}) {
	        return new TeamWatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.listening = source["listening"];
	        this.up = source["up"];
	        this.down_since = source["down_since"];
	    }
	}

}

export namespace contact {
	
	export class Contact {
	    id: number;
	    email: string;
	    identity: Record<string, string>;
	    fields: Record<string, any>;
	    lists: string[];
	    tags: string[];
	    score: number;
	    temperature: string;
	    stage: string;
	    unsubscribed: boolean;
	    bounced: boolean;
	    // Go type: time
	    created_at: any;
	
	    static createFrom(source: any = {}) {
	        return new Contact(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.email = source["email"];
	        this.identity = source["identity"];
	        this.fields = source["fields"];
	        this.lists = source["lists"];
	        this.tags = source["tags"];
	        this.score = source["score"];
	        this.temperature = source["temperature"];
	        this.stage = source["stage"];
	        this.unsubscribed = source["unsubscribed"];
	        this.bounced = source["bounced"];
	        this.created_at = this.convertValues(source["created_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Event {
	    id: number;
	    contact_id: number;
	    type: string;
	    props?: Record<string, any>;
	    // Go type: time
	    at: any;
	
	    static createFrom(source: any = {}) {
	        return new Event(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.contact_id = source["contact_id"];
	        this.type = source["type"];
	        this.props = source["props"];
	        this.at = this.convertValues(source["at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace contacts {
	
	export class Column {
	    index: number;
	    header: string;
	    field: string;
	    source: string;
	    sample: string;
	
	    static createFrom(source: any = {}) {
	        return new Column(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.index = source["index"];
	        this.header = source["header"];
	        this.field = source["field"];
	        this.source = source["source"];
	        this.sample = source["sample"];
	    }
	}
	export class Conflict {
	    field: string;
	    kept: string;
	    dropped: string;
	
	    static createFrom(source: any = {}) {
	        return new Conflict(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.kept = source["kept"];
	        this.dropped = source["dropped"];
	    }
	}
	export class Decay {
	    percent: number;
	    every_days: number;
	    half_life_days: number;
	
	    static createFrom(source: any = {}) {
	        return new Decay(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.percent = source["percent"];
	        this.every_days = source["every_days"];
	        this.half_life_days = source["half_life_days"];
	    }
	}
	export class FieldDef {
	    name: string;
	    type: string;
	    label: string;
	    options: string[];
	    identity: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FieldDef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.type = source["type"];
	        this.label = source["label"];
	        this.options = source["options"];
	        this.identity = source["identity"];
	    }
	}
	export class FileInfo {
	    encoding: string;
	    separator: string;
	    header: string[];
	    columns: Column[];
	    layout: string;
	    remembered: boolean;
	    rows: number;
	    empty_lines: number;
	    sample: string[][];
	    mapping_error: string;
	
	    static createFrom(source: any = {}) {
	        return new FileInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.encoding = source["encoding"];
	        this.separator = source["separator"];
	        this.header = source["header"];
	        this.columns = this.convertValues(source["columns"], Column);
	        this.layout = source["layout"];
	        this.remembered = source["remembered"];
	        this.rows = source["rows"];
	        this.empty_lines = source["empty_lines"];
	        this.sample = source["sample"];
	        this.mapping_error = source["mapping_error"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportOptions {
	    mapping: Record<string, string>;
	    policy: string;
	    list: string;
	    tags: string[];
	    default_country_code: string;
	    date_order: string;
	    separator: string;
	    quiet: boolean;
	    dry_run: boolean;
	    source: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportOptions(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mapping = source["mapping"];
	        this.policy = source["policy"];
	        this.list = source["list"];
	        this.tags = source["tags"];
	        this.default_country_code = source["default_country_code"];
	        this.date_order = source["date_order"];
	        this.separator = source["separator"];
	        this.quiet = source["quiet"];
	        this.dry_run = source["dry_run"];
	        this.source = source["source"];
	    }
	}
	export class RowNote {
	    row: number;
	    line: number;
	    email: string;
	    reason: string;
	    text: words.Text;
	    conflicts?: Conflict[];
	
	    static createFrom(source: any = {}) {
	        return new RowNote(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = source["row"];
	        this.line = source["line"];
	        this.email = source["email"];
	        this.reason = source["reason"];
	        this.text = this.convertValues(source["text"], words.Text);
	        this.conflicts = this.convertValues(source["conflicts"], Conflict);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Reject {
	    row: number;
	    line: number;
	    reason: string;
	    text: words.Text;
	    values: string[];
	
	    static createFrom(source: any = {}) {
	        return new Reject(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = source["row"];
	        this.line = source["line"];
	        this.reason = source["reason"];
	        this.text = this.convertValues(source["text"], words.Text);
	        this.values = source["values"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportResult {
	    encoding: string;
	    separator: string;
	    header: string[];
	    header_line: number;
	    columns: Column[];
	    layout: string;
	    ignored: string[];
	    new_fields: string[];
	    rows: number;
	    created: number;
	    updated: number;
	    unchanged: number;
	    skipped: number;
	    merged: number;
	    empty_lines: number;
	    rejects: Reject[];
	    skips: RowNote[];
	    merges: RowNote[];
	    conflicts: RowNote[];
	    dry_run: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.encoding = source["encoding"];
	        this.separator = source["separator"];
	        this.header = source["header"];
	        this.header_line = source["header_line"];
	        this.columns = this.convertValues(source["columns"], Column);
	        this.layout = source["layout"];
	        this.ignored = source["ignored"];
	        this.new_fields = source["new_fields"];
	        this.rows = source["rows"];
	        this.created = source["created"];
	        this.updated = source["updated"];
	        this.unchanged = source["unchanged"];
	        this.skipped = source["skipped"];
	        this.merged = source["merged"];
	        this.empty_lines = source["empty_lines"];
	        this.rejects = this.convertValues(source["rejects"], Reject);
	        this.skips = this.convertValues(source["skips"], RowNote);
	        this.merges = this.convertValues(source["merges"], RowNote);
	        this.conflicts = this.convertValues(source["conflicts"], RowNote);
	        this.dry_run = source["dry_run"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ListQuery {
	    search: string;
	    segment: string;
	    list: string;
	    tag: string;
	    stage: string;
	    temperature: string;
	    offset: number;
	    limit: number;
	    sort: string;
	
	    static createFrom(source: any = {}) {
	        return new ListQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.search = source["search"];
	        this.segment = source["segment"];
	        this.list = source["list"];
	        this.tag = source["tag"];
	        this.stage = source["stage"];
	        this.temperature = source["temperature"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	        this.sort = source["sort"];
	    }
	}
	export class PropFilter {
	    key: string;
	    op?: string;
	    value?: string;
	
	    static createFrom(source: any = {}) {
	        return new PropFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.op = source["op"];
	        this.value = source["value"];
	    }
	}
	
	export class RescoreResult {
	    contacts: number;
	    events: number;
	    changed: number;
	    temperature_changes: number;
	
	    static createFrom(source: any = {}) {
	        return new RescoreResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contacts = source["contacts"];
	        this.events = source["events"];
	        this.changed = source["changed"];
	        this.temperature_changes = source["temperature_changes"];
	    }
	}
	export class Row {
	    id: number;
	    email: string;
	    first_name: string;
	    last_name: string;
	    company: string;
	    country: string;
	    city: string;
	    phone: string;
	    score: number;
	    temperature: string;
	    stage: string;
	    unsubscribed: boolean;
	    bounced: boolean;
	    // Go type: time
	    created_at: any;
	    fields: Record<string, any>;
	
	    static createFrom(source: any = {}) {
	        return new Row(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.email = source["email"];
	        this.first_name = source["first_name"];
	        this.last_name = source["last_name"];
	        this.company = source["company"];
	        this.country = source["country"];
	        this.city = source["city"];
	        this.phone = source["phone"];
	        this.score = source["score"];
	        this.temperature = source["temperature"];
	        this.stage = source["stage"];
	        this.unsubscribed = source["unsubscribed"];
	        this.bounced = source["bounced"];
	        this.created_at = this.convertValues(source["created_at"], null);
	        this.fields = source["fields"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Rule {
	    kind: string;
	    field?: string;
	    op: string;
	    value?: string;
	    event?: string;
	    filters?: PropFilter[];
	    times?: number;
	    days?: number;
	
	    static createFrom(source: any = {}) {
	        return new Rule(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.field = source["field"];
	        this.op = source["op"];
	        this.value = source["value"];
	        this.event = source["event"];
	        this.filters = this.convertValues(source["filters"], PropFilter);
	        this.times = source["times"];
	        this.days = source["days"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ScoringRule {
	    id: number;
	    name: string;
	    event: string;
	    filters: PropFilter[];
	    points: number;
	    enabled: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ScoringRule(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.event = source["event"];
	        this.filters = this.convertValues(source["filters"], PropFilter);
	        this.points = source["points"];
	        this.enabled = source["enabled"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ScoringConfig {
	    rules: ScoringRule[];
	    decay: Decay;
	
	    static createFrom(source: any = {}) {
	        return new ScoringConfig(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rules = this.convertValues(source["rules"], ScoringRule);
	        this.decay = this.convertValues(source["decay"], Decay);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Segment {
	    id?: string;
	    name?: string;
	    match: string;
	    rules: Rule[];
	    groups?: Segment[];
	    // Go type: time
	    updated_at: any;
	
	    static createFrom(source: any = {}) {
	        return new Segment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.match = source["match"];
	        this.rules = this.convertValues(source["rules"], Rule);
	        this.groups = this.convertValues(source["groups"], Segment);
	        this.updated_at = this.convertValues(source["updated_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TimelineItem {
	    // Go type: time
	    at: any;
	    kind: string;
	    title: string;
	    detail: string;
	    flow_id?: string;
	    node?: string;
	    props?: Record<string, any>;
	    text?: words.Text;
	    flow_name?: string;
	    step_name?: words.Text;
	    name?: string;
	
	    static createFrom(source: any = {}) {
	        return new TimelineItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = this.convertValues(source["at"], null);
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.detail = source["detail"];
	        this.flow_id = source["flow_id"];
	        this.node = source["node"];
	        this.props = source["props"];
	        this.text = this.convertValues(source["text"], words.Text);
	        this.flow_name = source["flow_name"];
	        this.step_name = this.convertValues(source["step_name"], words.Text);
	        this.name = source["name"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace delivery {
	
	export class SendingSettings {
	    relay?: mail.Profile;
	    from: string;
	    cap_per_day: number;
	    cap_per_week: number;
	    quiet_from: string;
	    quiet_to: string;
	    temperature_warm: number;
	    temperature_hot: number;
	
	    static createFrom(source: any = {}) {
	        return new SendingSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.relay = this.convertValues(source["relay"], mail.Profile);
	        this.from = source["from"];
	        this.cap_per_day = source["cap_per_day"];
	        this.cap_per_week = source["cap_per_week"];
	        this.quiet_from = source["quiet_from"];
	        this.quiet_to = source["quiet_to"];
	        this.temperature_warm = source["temperature_warm"];
	        this.temperature_hot = source["temperature_hot"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TestResult {
	    sent: boolean;
	    to: string;
	    via: string;
	    subject: string;
	    error?: string;
	
	    static createFrom(source: any = {}) {
	        return new TestResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sent = source["sent"];
	        this.to = source["to"];
	        this.via = source["via"];
	        this.subject = source["subject"];
	        this.error = source["error"];
	    }
	}

}

export namespace engine {
	
	export class ContactPage {
	    rows: contacts.Row[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new ContactPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], contacts.Row);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FlowDoc {
	    flow?: flow.Flow;
	    info: store.FlowInfo;
	    issues: flow.Issue[];
	
	    static createFrom(source: any = {}) {
	        return new FlowDoc(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.flow = this.convertValues(source["flow"], flow.Flow);
	        this.info = this.convertValues(source["info"], store.FlowInfo);
	        this.issues = this.convertValues(source["issues"], flow.Issue);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DraftSave {
	    doc: FlowDoc;
	    conflict?: store.DraftStamp;
	
	    static createFrom(source: any = {}) {
	        return new DraftSave(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.doc = this.convertValues(source["doc"], FlowDoc);
	        this.conflict = this.convertValues(source["conflict"], store.DraftStamp);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EmailPreview {
	    subject: string;
	    html: string;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new EmailPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subject = source["subject"];
	        this.html = source["html"];
	        this.text = source["text"];
	    }
	}
	export class FailureReport {
	    steps: runner.StepFailure[];
	    on_older_versions: number;
	    published_version: number;
	
	    static createFrom(source: any = {}) {
	        return new FailureReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.steps = this.convertValues(source["steps"], runner.StepFailure);
	        this.on_older_versions = source["on_older_versions"];
	        this.published_version = source["published_version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class FlowLink {
	    from: string;
	    node: string;
	    to: string;
	
	    static createFrom(source: any = {}) {
	        return new FlowLink(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.node = source["node"];
	        this.to = source["to"];
	    }
	}
	export class FormSave {
	    form: forms.Form;
	    problems: forms.Problem[];
	
	    static createFrom(source: any = {}) {
	        return new FormSave(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.form = this.convertValues(source["form"], forms.Form);
	        this.problems = this.convertValues(source["problems"], forms.Problem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class HotLeadFunnel {
	    id: string;
	    name: string;
	    published: boolean;
	
	    static createFrom(source: any = {}) {
	        return new HotLeadFunnel(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.published = source["published"];
	    }
	}
	export class HotLeadRecipe {
	    name: string;
	    alert_to: string;
	    tag: string;
	    stage: string;
	
	    static createFrom(source: any = {}) {
	        return new HotLeadRecipe(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.alert_to = source["alert_to"];
	        this.tag = source["tag"];
	        this.stage = source["stage"];
	    }
	}
	export class LiveImpact {
	    active: number;
	    published_version: number;
	
	    static createFrom(source: any = {}) {
	        return new LiveImpact(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.active = source["active"];
	        this.published_version = source["published_version"];
	    }
	}
	export class LiveStatus {
	    running: boolean;
	    http_addr: string;
	    capture_addr: string;
	    intake_token: string;
	    outbox: Record<string, number>;
	    problem?: string;
	
	    static createFrom(source: any = {}) {
	        return new LiveStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.running = source["running"];
	        this.http_addr = source["http_addr"];
	        this.capture_addr = source["capture_addr"];
	        this.intake_token = source["intake_token"];
	        this.outbox = source["outbox"];
	        this.problem = source["problem"];
	    }
	}
	export class Lookups {
	    lists: string[];
	    tags: string[];
	    fields: string[];
	    templates: string[];
	    scripts: string[];
	    segments: string[];
	    flows: string[];
	    event_types: string[];
	
	    static createFrom(source: any = {}) {
	        return new Lookups(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.lists = source["lists"];
	        this.tags = source["tags"];
	        this.fields = source["fields"];
	        this.templates = source["templates"];
	        this.scripts = source["scripts"];
	        this.segments = source["segments"];
	        this.flows = source["flows"];
	        this.event_types = source["event_types"];
	    }
	}
	export class MailLink {
	    kind: string;
	    destination: string;
	
	    static createFrom(source: any = {}) {
	        return new MailLink(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.destination = source["destination"];
	    }
	}
	export class MailView {
	    id: number;
	    from: string;
	    to: string;
	    subject: string;
	    html: string;
	    text: string;
	    headers: Record<string, Array<string>>;
	
	    static createFrom(source: any = {}) {
	        return new MailView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.subject = source["subject"];
	        this.html = source["html"];
	        this.text = source["text"];
	        this.headers = source["headers"];
	    }
	}
	export class PackageItem {
	    kind: string;
	    name: string;
	    note?: string;
	    id?: string;
	
	    static createFrom(source: any = {}) {
	        return new PackageItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.name = source["name"];
	        this.note = source["note"];
	        this.id = source["id"];
	    }
	}
	export class PackageReport {
	    flow: FlowDoc;
	    brought: PackageItem[];
	    missing: PackageItem[];
	    ok: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PackageReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.flow = this.convertValues(source["flow"], FlowDoc);
	        this.brought = this.convertValues(source["brought"], PackageItem);
	        this.missing = this.convertValues(source["missing"], PackageItem);
	        this.ok = source["ok"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Person {
	    name: string;
	    system: string;
	
	    static createFrom(source: any = {}) {
	        return new Person(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.system = source["system"];
	    }
	}
	export class PersonaVisits {
	    persona: string;
	    name: words.Text;
	    visits_per_week: number;
	    pages: number;
	    seconds: number[];
	
	    static createFrom(source: any = {}) {
	        return new PersonaVisits(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.persona = source["persona"];
	        this.name = this.convertValues(source["name"], words.Text);
	        this.visits_per_week = source["visits_per_week"];
	        this.pages = source["pages"];
	        this.seconds = source["seconds"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Preferences {
	    language: string;
	    workspace: string;
	    menu_language?: string;
	
	    static createFrom(source: any = {}) {
	        return new Preferences(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.language = source["language"];
	        this.workspace = source["workspace"];
	        this.menu_language = source["menu_language"];
	    }
	}
	export class RecentWorkspace {
	    path: string;
	    name: string;
	    // Go type: time
	    opened_at: any;
	    missing: boolean;
	    team: boolean;
	    host?: string;
	    database?: string;
	
	    static createFrom(source: any = {}) {
	        return new RecentWorkspace(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.name = source["name"];
	        this.opened_at = this.convertValues(source["opened_at"], null);
	        this.missing = source["missing"];
	        this.team = source["team"];
	        this.host = source["host"];
	        this.database = source["database"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Reference {
	    key: string;
	    name: string;
	    name_fr?: string;
	    detail?: string;
	    count?: number;
	
	    static createFrom(source: any = {}) {
	        return new Reference(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.name = source["name"];
	        this.name_fr = source["name_fr"];
	        this.detail = source["detail"];
	        this.count = source["count"];
	    }
	}
	export class References {
	    emails: Reference[];
	    lists: Reference[];
	    tags: Reference[];
	    segments: Reference[];
	    fields: Reference[];
	    scripts: Reference[];
	    flows: Reference[];
	    teammates: Reference[];
	    event_types: nodes.EventType[];
	    forms: Reference[];
	
	    static createFrom(source: any = {}) {
	        return new References(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.emails = this.convertValues(source["emails"], Reference);
	        this.lists = this.convertValues(source["lists"], Reference);
	        this.tags = this.convertValues(source["tags"], Reference);
	        this.segments = this.convertValues(source["segments"], Reference);
	        this.fields = this.convertValues(source["fields"], Reference);
	        this.scripts = this.convertValues(source["scripts"], Reference);
	        this.flows = this.convertValues(source["flows"], Reference);
	        this.teammates = this.convertValues(source["teammates"], Reference);
	        this.event_types = this.convertValues(source["event_types"], nodes.EventType);
	        this.forms = this.convertValues(source["forms"], Reference);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ScoringPreview {
	    contacts: number;
	    real_contacts: boolean;
	    warm: number;
	    hot: number;
	    warm_by_day: number[];
	    hot_by_day: number[];
	    already_warm: number;
	    already_hot: number;
	
	    static createFrom(source: any = {}) {
	        return new ScoringPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contacts = source["contacts"];
	        this.real_contacts = source["real_contacts"];
	        this.warm = source["warm"];
	        this.hot = source["hot"];
	        this.warm_by_day = source["warm_by_day"];
	        this.hot_by_day = source["hot_by_day"];
	        this.already_warm = source["already_warm"];
	        this.already_hot = source["already_hot"];
	    }
	}
	export class Thresholds {
	    warm: number;
	    hot: number;
	
	    static createFrom(source: any = {}) {
	        return new Thresholds(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.warm = source["warm"];
	        this.hot = source["hot"];
	    }
	}
	export class ScoringPreviewRequest {
	    config: contacts.ScoringConfig;
	    thresholds: Thresholds;
	    days: number;
	    preset: string;
	    real_contacts: boolean;
	    n: number;
	    seed: number;
	
	    static createFrom(source: any = {}) {
	        return new ScoringPreviewRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.config = this.convertValues(source["config"], contacts.ScoringConfig);
	        this.thresholds = this.convertValues(source["thresholds"], Thresholds);
	        this.days = source["days"];
	        this.preset = source["preset"];
	        this.real_contacts = source["real_contacts"];
	        this.n = source["n"];
	        this.seed = source["seed"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ScriptDiagnostic {
	    line: number;
	    message: string;
	    text: words.Text;
	
	    static createFrom(source: any = {}) {
	        return new ScriptDiagnostic(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.message = source["message"];
	        this.text = this.convertValues(source["text"], words.Text);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ScriptSwitchOffInfo {
	    reason: string;
	    text: words.Text;
	    failures: number;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new ScriptSwitchOffInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reason = source["reason"];
	        this.text = this.convertValues(source["text"], words.Text);
	        this.failures = source["failures"];
	        this.at = source["at"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ScriptInfo {
	    name: string;
	    kind: string;
	    title: string;
	    summary: string;
	    title_fr?: string;
	    summary_fr?: string;
	    source: string;
	    params: scripts.Param[];
	    library: boolean;
	    switched_off?: ScriptSwitchOffInfo;
	
	    static createFrom(source: any = {}) {
	        return new ScriptInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.summary = source["summary"];
	        this.title_fr = source["title_fr"];
	        this.summary_fr = source["summary_fr"];
	        this.source = source["source"];
	        this.params = this.convertValues(source["params"], scripts.Param);
	        this.library = source["library"];
	        this.switched_off = this.convertValues(source["switched_off"], ScriptSwitchOffInfo);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ScriptTestInput {
	    name: string;
	    kind: string;
	    source: string;
	    contact_id: number;
	    event?: contact.Event;
	    params: Record<string, any>;
	
	    static createFrom(source: any = {}) {
	        return new ScriptTestInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.source = source["source"];
	        this.contact_id = source["contact_id"];
	        this.event = this.convertValues(source["event"], contact.Event);
	        this.params = source["params"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ScriptTestResult {
	    result: any;
	    error: string;
	    error_text: words.Text;
	    line: number;
	    took_us: number;
	    printed: string[];
	
	    static createFrom(source: any = {}) {
	        return new ScriptTestResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = source["result"];
	        this.error = source["error"];
	        this.error_text = this.convertValues(source["error_text"], words.Text);
	        this.line = source["line"];
	        this.took_us = source["took_us"];
	        this.printed = source["printed"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SegmentCount {
	    count: number;
	    preview: contact.Contact[];
	
	    static createFrom(source: any = {}) {
	        return new SegmentCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.count = source["count"];
	        this.preview = this.convertValues(source["preview"], contact.Contact);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SimRequest {
	    flow_id: string;
	    preset: string;
	    n: number;
	    days: number;
	    seed: number;
	    arrival_days: number;
	    journeys: number;
	    real_contacts: boolean;
	    visits?: PersonaVisits[];
	
	    static createFrom(source: any = {}) {
	        return new SimRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.flow_id = source["flow_id"];
	        this.preset = source["preset"];
	        this.n = source["n"];
	        this.days = source["days"];
	        this.seed = source["seed"];
	        this.arrival_days = source["arrival_days"];
	        this.journeys = source["journeys"];
	        this.real_contacts = source["real_contacts"];
	        this.visits = this.convertValues(source["visits"], PersonaVisits);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TeamAddress {
	    url: string;
	    host: string;
	    port: number;
	    database: string;
	    user: string;
	    password: string;
	
	    static createFrom(source: any = {}) {
	        return new TeamAddress(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.url = source["url"];
	        this.host = source["host"];
	        this.port = source["port"];
	        this.database = source["database"];
	        this.user = source["user"];
	        this.password = source["password"];
	    }
	}
	export class TeamCheck {
	    state: string;
	    field?: string;
	    detail?: string;
	    address?: string;
	    name?: string;
	    host?: string;
	    database?: string;
	
	    static createFrom(source: any = {}) {
	        return new TeamCheck(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.state = source["state"];
	        this.field = source["field"];
	        this.detail = source["detail"];
	        this.address = source["address"];
	        this.name = source["name"];
	        this.host = source["host"];
	        this.database = source["database"];
	    }
	}
	export class WorkspaceInfo {
	    path: string;
	    name: string;
	    folder: string;
	    recent: RecentWorkspace[];
	    team: boolean;
	    host?: string;
	    database?: string;
	
	    static createFrom(source: any = {}) {
	        return new WorkspaceInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.name = source["name"];
	        this.folder = source["folder"];
	        this.recent = this.convertValues(source["recent"], RecentWorkspace);
	        this.team = source["team"];
	        this.host = source["host"];
	        this.database = source["database"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TeamOpened {
	    opened: boolean;
	    check: TeamCheck;
	    info: WorkspaceInfo;
	    remembered: boolean;
	    keyring?: string;
	    address: TeamAddress;
	
	    static createFrom(source: any = {}) {
	        return new TeamOpened(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.opened = source["opened"];
	        this.check = this.convertValues(source["check"], TeamCheck);
	        this.info = this.convertValues(source["info"], WorkspaceInfo);
	        this.remembered = source["remembered"];
	        this.keyring = source["keyring"];
	        this.address = this.convertValues(source["address"], TeamAddress);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class VersionComparison {
	    comparison?: sim.Comparison;
	    version: number;
	    flow_a?: flow.Flow;
	    flow_b?: flow.Flow;
	
	    static createFrom(source: any = {}) {
	        return new VersionComparison(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.comparison = this.convertValues(source["comparison"], sim.Comparison);
	        this.version = source["version"];
	        this.flow_a = this.convertValues(source["flow_a"], flow.Flow);
	        this.flow_b = this.convertValues(source["flow_b"], flow.Flow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace flow {
	
	export class Edge {
	    from: string;
	    port?: string;
	    to: string;
	
	    static createFrom(source: any = {}) {
	        return new Edge(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.port = source["port"];
	        this.to = source["to"];
	    }
	}
	export class Frame {
	    id: string;
	    title: string;
	    nodes: string[];
	    collapsed?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Frame(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.nodes = source["nodes"];
	        this.collapsed = source["collapsed"];
	    }
	}
	export class Note {
	    id: string;
	    text: string;
	    position?: Position;
	    color?: string;
	
	    static createFrom(source: any = {}) {
	        return new Note(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.text = source["text"];
	        this.position = this.convertValues(source["position"], Position);
	        this.color = source["color"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Position {
	    x: number;
	    y: number;
	
	    static createFrom(source: any = {}) {
	        return new Position(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.x = source["x"];
	        this.y = source["y"];
	    }
	}
	export class Node {
	    id: string;
	    type: string;
	    label?: string;
	    config?: Record<string, any>;
	    position?: Position;
	
	    static createFrom(source: any = {}) {
	        return new Node(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.type = source["type"];
	        this.label = source["label"];
	        this.config = source["config"];
	        this.position = this.convertValues(source["position"], Position);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Settings {
	    reentry: string;
	    reentry_period?: string;
	    timezone?: string;
	    exit_on?: string[];
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reentry = source["reentry"];
	        this.reentry_period = source["reentry_period"];
	        this.timezone = source["timezone"];
	        this.exit_on = source["exit_on"];
	    }
	}
	export class Flow {
	    format: string;
	    id: string;
	    name: string;
	    description?: string;
	    settings: Settings;
	    nodes: Node[];
	    edges: Edge[];
	    notes?: Note[];
	    frames?: Frame[];
	    direction?: string;
	
	    static createFrom(source: any = {}) {
	        return new Flow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.format = source["format"];
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.settings = this.convertValues(source["settings"], Settings);
	        this.nodes = this.convertValues(source["nodes"], Node);
	        this.edges = this.convertValues(source["edges"], Edge);
	        this.notes = this.convertValues(source["notes"], Note);
	        this.frames = this.convertValues(source["frames"], Frame);
	        this.direction = source["direction"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Issue {
	    node_id?: string;
	    field?: string;
	    port?: string;
	    severity: string;
	    code: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Issue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.node_id = source["node_id"];
	        this.field = source["field"];
	        this.port = source["port"];
	        this.severity = source["severity"];
	        this.code = source["code"];
	        this.message = source["message"];
	    }
	}
	
	
	

}

export namespace forms {
	
	export class Field {
	    name: string;
	    label: string;
	    required: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Field(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.required = source["required"];
	    }
	}
	export class Form {
	    key: string;
	    name: string;
	    lang: string;
	    title: string;
	    intro: string;
	    submit: string;
	    fields: Field[];
	    lists: string[];
	    tags: string[];
	    double_opt_in: boolean;
	    confirm_email?: string;
	    success: string;
	    redirect: string;
	    submissions: number;
	    spam: number;
	
	    static createFrom(source: any = {}) {
	        return new Form(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.name = source["name"];
	        this.lang = source["lang"];
	        this.title = source["title"];
	        this.intro = source["intro"];
	        this.submit = source["submit"];
	        this.fields = this.convertValues(source["fields"], Field);
	        this.lists = source["lists"];
	        this.tags = source["tags"];
	        this.double_opt_in = source["double_opt_in"];
	        this.confirm_email = source["confirm_email"];
	        this.success = source["success"];
	        this.redirect = source["redirect"];
	        this.submissions = source["submissions"];
	        this.spam = source["spam"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Problem {
	    code: string;
	    field?: string;
	    index: number;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.field = source["field"];
	        this.index = source["index"];
	    }
	}
	export class Snippets {
	    html: string;
	    iframe: string;
	    page: string;
	
	    static createFrom(source: any = {}) {
	        return new Snippets(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.html = source["html"];
	        this.iframe = source["iframe"];
	        this.page = source["page"];
	    }
	}

}

export namespace mail {
	
	export class Block {
	    type: string;
	    text?: string;
	    level?: number;
	    url?: string;
	    src?: string;
	    alt?: string;
	    width?: number;
	    height?: number;
	    align?: string;
	    color?: string;
	    text_color?: string;
	    download?: boolean;
	    columns?: Block[][];
	
	    static createFrom(source: any = {}) {
	        return new Block(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.text = source["text"];
	        this.level = source["level"];
	        this.url = source["url"];
	        this.src = source["src"];
	        this.alt = source["alt"];
	        this.width = source["width"];
	        this.height = source["height"];
	        this.align = source["align"];
	        this.color = source["color"];
	        this.text_color = source["text_color"];
	        this.download = source["download"];
	        this.columns = this.convertValues(source["columns"], Block);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Problem {
	    part: string;
	    line: number;
	    message: string;
	    severity: string;
	    code: string;
	    params?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.part = source["part"];
	        this.line = source["line"];
	        this.message = source["message"];
	        this.severity = source["severity"];
	        this.code = source["code"];
	        this.params = source["params"];
	    }
	}
	export class Profile {
	    name: string;
	    host: string;
	    port: number;
	    security: string;
	    username?: string;
	    password?: string;
	    auth_method?: string;
	    from: string;
	    timeout_seconds?: number;
	    per_second?: number;
	    per_hour?: number;
	    connections?: number;
	    hello_name?: string;
	
	    static createFrom(source: any = {}) {
	        return new Profile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.host = source["host"];
	        this.port = source["port"];
	        this.security = source["security"];
	        this.username = source["username"];
	        this.password = source["password"];
	        this.auth_method = source["auth_method"];
	        this.from = source["from"];
	        this.timeout_seconds = source["timeout_seconds"];
	        this.per_second = source["per_second"];
	        this.per_hour = source["per_hour"];
	        this.connections = source["connections"];
	        this.hello_name = source["hello_name"];
	    }
	}
	export class Template {
	    id: string;
	    name: string;
	    subject: string;
	    preheader?: string;
	    from_name?: string;
	    from_email?: string;
	    html?: string;
	    text?: string;
	    blocks?: Block[];
	
	    static createFrom(source: any = {}) {
	        return new Template(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.subject = source["subject"];
	        this.preheader = source["preheader"];
	        this.from_name = source["from_name"];
	        this.from_email = source["from_email"];
	        this.html = source["html"];
	        this.text = source["text"];
	        this.blocks = this.convertValues(source["blocks"], Block);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace net {
	
	export class IPNet {
	    IP: number[];
	    Mask: number[];
	
	    static createFrom(source: any = {}) {
	        return new IPNet(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.IP = source["IP"];
	        this.Mask = source["Mask"];
	    }
	}

}

export namespace nodes {
	
	export class Text {
	    en: string;
	    fr: string;
	
	    static createFrom(source: any = {}) {
	        return new Text(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.en = source["en"];
	        this.fr = source["fr"];
	    }
	}
	export class EventType {
	    type: string;
	    name: Text;
	    system: boolean;
	
	    static createFrom(source: any = {}) {
	        return new EventType(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.name = this.convertValues(source["name"], Text);
	        this.system = source["system"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ShowIf {
	    field: string;
	    values: string[];
	
	    static createFrom(source: any = {}) {
	        return new ShowIf(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.values = source["values"];
	    }
	}
	export class Option {
	    value: string;
	    label: Text;
	
	    static createFrom(source: any = {}) {
	        return new Option(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.label = this.convertValues(source["label"], Text);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Field {
	    name: string;
	    type: string;
	    label: Text;
	    help?: Text;
	    required?: boolean;
	    default?: any;
	    default_fr?: any;
	    options?: Option[];
	    min?: number;
	    max?: number;
	    node_type?: string;
	    show_if?: ShowIf;
	    ordered?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Field(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.type = source["type"];
	        this.label = this.convertValues(source["label"], Text);
	        this.help = this.convertValues(source["help"], Text);
	        this.required = source["required"];
	        this.default = source["default"];
	        this.default_fr = source["default_fr"];
	        this.options = this.convertValues(source["options"], Option);
	        this.min = source["min"];
	        this.max = source["max"];
	        this.node_type = source["node_type"];
	        this.show_if = this.convertValues(source["show_if"], ShowIf);
	        this.ordered = source["ordered"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Port {
	    id: string;
	    label: Text;
	
	    static createFrom(source: any = {}) {
	        return new Port(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.label = this.convertValues(source["label"], Text);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Spec {
	    type: string;
	    kind: string;
	    category: string;
	    title: Text;
	    help: Text;
	    summary: Text;
	    icon: string;
	    input: boolean;
	    self_link: boolean;
	    links_per_output: number;
	    ports: Port[];
	    ports_from?: string;
	    optional_output?: boolean;
	    fields: Field[];
	    marketing?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Spec(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.kind = source["kind"];
	        this.category = source["category"];
	        this.title = this.convertValues(source["title"], Text);
	        this.help = this.convertValues(source["help"], Text);
	        this.summary = this.convertValues(source["summary"], Text);
	        this.icon = source["icon"];
	        this.input = source["input"];
	        this.self_link = source["self_link"];
	        this.links_per_output = source["links_per_output"];
	        this.ports = this.convertValues(source["ports"], Port);
	        this.ports_from = source["ports_from"];
	        this.optional_output = source["optional_output"];
	        this.fields = this.convertValues(source["fields"], Field);
	        this.marketing = source["marketing"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace pkix {
	
	export class AttributeTypeAndValue {
	    Type: number[];
	    Value: any;
	
	    static createFrom(source: any = {}) {
	        return new AttributeTypeAndValue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Type = source["Type"];
	        this.Value = source["Value"];
	    }
	}
	export class Extension {
	    Id: number[];
	    Critical: boolean;
	    Value: number[];
	
	    static createFrom(source: any = {}) {
	        return new Extension(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Id = source["Id"];
	        this.Critical = source["Critical"];
	        this.Value = source["Value"];
	    }
	}
	export class Name {
	    Country: string[];
	    Organization: string[];
	    OrganizationalUnit: string[];
	    Locality: string[];
	    Province: string[];
	    StreetAddress: string[];
	    PostalCode: string[];
	    SerialNumber: string;
	    CommonName: string;
	    Names: AttributeTypeAndValue[];
	    ExtraNames: AttributeTypeAndValue[];
	
	    static createFrom(source: any = {}) {
	        return new Name(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Country = source["Country"];
	        this.Organization = source["Organization"];
	        this.OrganizationalUnit = source["OrganizationalUnit"];
	        this.Locality = source["Locality"];
	        this.Province = source["Province"];
	        this.StreetAddress = source["StreetAddress"];
	        this.PostalCode = source["PostalCode"];
	        this.SerialNumber = source["SerialNumber"];
	        this.CommonName = source["CommonName"];
	        this.Names = this.convertValues(source["Names"], AttributeTypeAndValue);
	        this.ExtraNames = this.convertValues(source["ExtraNames"], AttributeTypeAndValue);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace runner {
	
	export class EdgeCount {
	    node: string;
	    port: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new EdgeCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.node = source["node"];
	        this.port = source["port"];
	        this.count = source["count"];
	    }
	}
	export class FailureTotal {
	    count: number;
	    flows: string[];
	    by_flow: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new FailureTotal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.count = source["count"];
	        this.flows = source["flows"];
	        this.by_flow = source["by_flow"];
	    }
	}
	export class NodeCount {
	    node: string;
	    entered: number;
	    waiting: number;
	    errors: number;
	    skipped: number;
	    failed: number;
	    fail_reason?: string;
	
	    static createFrom(source: any = {}) {
	        return new NodeCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.node = source["node"];
	        this.entered = source["entered"];
	        this.waiting = source["waiting"];
	        this.errors = source["errors"];
	        this.skipped = source["skipped"];
	        this.failed = source["failed"];
	        this.fail_reason = source["fail_reason"];
	    }
	}
	export class FlowCounts {
	    nodes: NodeCount[];
	    edges: EdgeCount[];
	    enrolled: number;
	    active: number;
	    done: number;
	    goals: number;
	
	    static createFrom(source: any = {}) {
	        return new FlowCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.nodes = this.convertValues(source["nodes"], NodeCount);
	        this.edges = this.convertValues(source["edges"], EdgeCount);
	        this.enrolled = source["enrolled"];
	        this.active = source["active"];
	        this.done = source["done"];
	        this.goals = source["goals"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class RetryResult {
	    messages: number;
	    journeys: number;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new RetryResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.messages = source["messages"];
	        this.journeys = source["journeys"];
	        this.version = source["version"];
	    }
	}
	export class Step {
	    enrollment_id: number;
	    flow_id: string;
	    version: number;
	    node: string;
	    port: string;
	    code?: string;
	    params?: Record<string, string>;
	    reason: string;
	    text?: words.Text;
	    outcome: string;
	    // Go type: time
	    at: any;
	
	    static createFrom(source: any = {}) {
	        return new Step(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.enrollment_id = source["enrollment_id"];
	        this.flow_id = source["flow_id"];
	        this.version = source["version"];
	        this.node = source["node"];
	        this.port = source["port"];
	        this.code = source["code"];
	        this.params = source["params"];
	        this.reason = source["reason"];
	        this.text = this.convertValues(source["text"], words.Text);
	        this.outcome = source["outcome"];
	        this.at = this.convertValues(source["at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class StepFailure {
	    flow_id: string;
	    node: string;
	    failed: number;
	    retrying: number;
	    stopped: number;
	    reason: string;
	    text?: words.Text;
	    // Go type: time
	    at: any;
	
	    static createFrom(source: any = {}) {
	        return new StepFailure(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.flow_id = source["flow_id"];
	        this.node = source["node"];
	        this.failed = source["failed"];
	        this.retrying = source["retrying"];
	        this.stopped = source["stopped"];
	        this.reason = source["reason"];
	        this.text = this.convertValues(source["text"], words.Text);
	        this.at = this.convertValues(source["at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace scripts {
	
	export class Param {
	    Name: string;
	    Type: string;
	    Default: any;
	    Description: string;
	
	    static createFrom(source: any = {}) {
	        return new Param(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Name = source["Name"];
	        this.Type = source["Type"];
	        this.Default = source["Default"];
	        this.Description = source["Description"];
	    }
	}

}

export namespace settings {
	
	export class Text {
	    en: string;
	    fr: string;
	
	    static createFrom(source: any = {}) {
	        return new Text(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.en = source["en"];
	        this.fr = source["fr"];
	    }
	}
	export class Entry {
	    key: string;
	    group: string;
	    kind: string;
	    default: string;
	    min?: number;
	    max?: number;
	    choices?: string[];
	    label: Text;
	    help: Text;
	    where: Text;
	    secret: boolean;
	    read_only: Text;
	    value: string;
	    is_default: boolean;
	    error?: string;
	
	    static createFrom(source: any = {}) {
	        return new Entry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.group = source["group"];
	        this.kind = source["kind"];
	        this.default = source["default"];
	        this.min = source["min"];
	        this.max = source["max"];
	        this.choices = source["choices"];
	        this.label = this.convertValues(source["label"], Text);
	        this.help = this.convertValues(source["help"], Text);
	        this.where = this.convertValues(source["where"], Text);
	        this.secret = source["secret"];
	        this.read_only = this.convertValues(source["read_only"], Text);
	        this.value = source["value"];
	        this.is_default = source["is_default"];
	        this.error = source["error"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace sim {
	
	export class Figure {
	    key: string;
	    a: number;
	    b: number;
	    diff: number;
	    low: number;
	    high: number;
	    same: boolean;
	    chance: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Figure(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.a = source["a"];
	        this.b = source["b"];
	        this.diff = source["diff"];
	        this.low = source["low"];
	        this.high = source["high"];
	        this.same = source["same"];
	        this.chance = source["chance"];
	    }
	}
	export class FlowDiff {
	    flow: string;
	    enrolled_a: number;
	    enrolled_b: number;
	    converted_a: number;
	    converted_b: number;
	    conversion_a: number;
	    conversion_b: number;
	    delta: number;
	
	    static createFrom(source: any = {}) {
	        return new FlowDiff(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.flow = source["flow"];
	        this.enrolled_a = source["enrolled_a"];
	        this.enrolled_b = source["enrolled_b"];
	        this.converted_a = source["converted_a"];
	        this.converted_b = source["converted_b"];
	        this.conversion_a = source["conversion_a"];
	        this.conversion_b = source["conversion_b"];
	        this.delta = source["delta"];
	    }
	}
	export class Step {
	    flow_id: string;
	    enrollment_id: number;
	    run: number;
	    node: string;
	    port: string;
	    code?: string;
	    params?: Record<string, string>;
	    reason: string;
	    text?: words.Text;
	    outcome: string;
	    // Go type: time
	    at: any;
	    flow_name?: string;
	    step_name?: words.Text;
	
	    static createFrom(source: any = {}) {
	        return new Step(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.flow_id = source["flow_id"];
	        this.enrollment_id = source["enrollment_id"];
	        this.run = source["run"];
	        this.node = source["node"];
	        this.port = source["port"];
	        this.code = source["code"];
	        this.params = source["params"];
	        this.reason = source["reason"];
	        this.text = this.convertValues(source["text"], words.Text);
	        this.outcome = source["outcome"];
	        this.at = this.convertValues(source["at"], null);
	        this.flow_name = source["flow_name"];
	        this.step_name = this.convertValues(source["step_name"], words.Text);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Journey {
	    contact: number;
	    email: string;
	    persona?: string;
	    steps: Step[];
	
	    static createFrom(source: any = {}) {
	        return new Journey(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contact = source["contact"];
	        this.email = source["email"];
	        this.persona = source["persona"];
	        this.steps = this.convertValues(source["steps"], Step);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Totals {
	    contacts: number;
	    enrollments: number;
	    steps: number;
	    events: number;
	    resumed: number;
	    errors: number;
	    emails_queued: number;
	    emails_sent: number;
	    notifications: number;
	    webhooks: number;
	    opens: number;
	    clicks: number;
	    unsubscribes: number;
	    bounces: number;
	    purchases: number;
	    revenue: number;
	
	    static createFrom(source: any = {}) {
	        return new Totals(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contacts = source["contacts"];
	        this.enrollments = source["enrollments"];
	        this.steps = source["steps"];
	        this.events = source["events"];
	        this.resumed = source["resumed"];
	        this.errors = source["errors"];
	        this.emails_queued = source["emails_queued"];
	        this.emails_sent = source["emails_sent"];
	        this.notifications = source["notifications"];
	        this.webhooks = source["webhooks"];
	        this.opens = source["opens"];
	        this.clicks = source["clicks"];
	        this.unsubscribes = source["unsubscribes"];
	        this.bounces = source["bounces"];
	        this.purchases = source["purchases"];
	        this.revenue = source["revenue"];
	    }
	}
	export class PersonaResult {
	    name: string;
	    contacts: number;
	    emails: number;
	    opens: number;
	    clicks: number;
	    purchases: number;
	    revenue: number;
	    goals: number;
	    unsubscribed: number;
	
	    static createFrom(source: any = {}) {
	        return new PersonaResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.contacts = source["contacts"];
	        this.emails = source["emails"];
	        this.opens = source["opens"];
	        this.clicks = source["clicks"];
	        this.purchases = source["purchases"];
	        this.revenue = source["revenue"];
	        this.goals = source["goals"];
	        this.unsubscribed = source["unsubscribed"];
	    }
	}
	export class Day {
	    day: number;
	    date: string;
	    entered: number;
	    emails: number;
	    opens: number;
	    clicks: number;
	    goals: number;
	    unsubscribes: number;
	    purchases: number;
	
	    static createFrom(source: any = {}) {
	        return new Day(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.day = source["day"];
	        this.date = source["date"];
	        this.entered = source["entered"];
	        this.emails = source["emails"];
	        this.opens = source["opens"];
	        this.clicks = source["clicks"];
	        this.goals = source["goals"];
	        this.unsubscribes = source["unsubscribes"];
	        this.purchases = source["purchases"];
	    }
	}
	export class EmailResult {
	    flow: string;
	    node: string;
	    template: string;
	    queued: number;
	    skipped: number;
	    deferred: number;
	    sent: number;
	    failed: number;
	    bounced: number;
	    opened: number;
	    clicked: number;
	    unsubscribed: number;
	    purchases: number;
	    revenue: number;
	    open_rate: number;
	    click_rate: number;
	    click_to_open: number;
	
	    static createFrom(source: any = {}) {
	        return new EmailResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.flow = source["flow"];
	        this.node = source["node"];
	        this.template = source["template"];
	        this.queued = source["queued"];
	        this.skipped = source["skipped"];
	        this.deferred = source["deferred"];
	        this.sent = source["sent"];
	        this.failed = source["failed"];
	        this.bounced = source["bounced"];
	        this.opened = source["opened"];
	        this.clicked = source["clicked"];
	        this.unsubscribed = source["unsubscribed"];
	        this.purchases = source["purchases"];
	        this.revenue = source["revenue"];
	        this.open_rate = source["open_rate"];
	        this.click_rate = source["click_rate"];
	        this.click_to_open = source["click_to_open"];
	    }
	}
	export class DropOff {
	    node: string;
	    status: string;
	    count: number;
	    percent: number;
	
	    static createFrom(source: any = {}) {
	        return new DropOff(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.node = source["node"];
	        this.status = source["status"];
	        this.count = source["count"];
	        this.percent = source["percent"];
	    }
	}
	export class GoalResult {
	    node: string;
	    reached: number;
	    rate: number;
	    median: number;
	    median_hours: number;
	
	    static createFrom(source: any = {}) {
	        return new GoalResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.node = source["node"];
	        this.reached = source["reached"];
	        this.rate = source["rate"];
	        this.median = source["median"];
	        this.median_hours = source["median_hours"];
	    }
	}
	export class EdgeResult {
	    from: string;
	    port: string;
	    to?: string;
	    count: number;
	    percent: number;
	
	    static createFrom(source: any = {}) {
	        return new EdgeResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.port = source["port"];
	        this.to = source["to"];
	        this.count = source["count"];
	        this.percent = source["percent"];
	    }
	}
	export class NodeResult {
	    id: string;
	    type: string;
	    label?: string;
	    entered: number;
	    waiting: number;
	    skipped: number;
	    errors: number;
	    exited: number;
	    jumped: number;
	
	    static createFrom(source: any = {}) {
	        return new NodeResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.type = source["type"];
	        this.label = source["label"];
	        this.entered = source["entered"];
	        this.waiting = source["waiting"];
	        this.skipped = source["skipped"];
	        this.errors = source["errors"];
	        this.exited = source["exited"];
	        this.jumped = source["jumped"];
	    }
	}
	export class FlowResult {
	    id: string;
	    name: string;
	    enrolled: number;
	    contacts: number;
	    waiting: number;
	    done: number;
	    exited: number;
	    errors: number;
	    converted: number;
	    conversion: number;
	    nodes: NodeResult[];
	    edges: EdgeResult[];
	    goals: GoalResult[];
	    drop_offs: DropOff[];
	
	    static createFrom(source: any = {}) {
	        return new FlowResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.enrolled = source["enrolled"];
	        this.contacts = source["contacts"];
	        this.waiting = source["waiting"];
	        this.done = source["done"];
	        this.exited = source["exited"];
	        this.errors = source["errors"];
	        this.converted = source["converted"];
	        this.conversion = source["conversion"];
	        this.nodes = this.convertValues(source["nodes"], NodeResult);
	        this.edges = this.convertValues(source["edges"], EdgeResult);
	        this.goals = this.convertValues(source["goals"], GoalResult);
	        this.drop_offs = this.convertValues(source["drop_offs"], DropOff);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Result {
	    seed: number;
	    contacts: number;
	    days: number;
	    // Go type: time
	    start: any;
	    // Go type: time
	    end: any;
	    audience?: string;
	    flows: FlowResult[];
	    emails: EmailResult[];
	    emails_per_contact: number[];
	    timeline: Day[];
	    personas: PersonaResult[];
	    totals: Totals;
	    journeys?: Journey[];
	    notes?: words.Text[];
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seed = source["seed"];
	        this.contacts = source["contacts"];
	        this.days = source["days"];
	        this.start = this.convertValues(source["start"], null);
	        this.end = this.convertValues(source["end"], null);
	        this.audience = source["audience"];
	        this.flows = this.convertValues(source["flows"], FlowResult);
	        this.emails = this.convertValues(source["emails"], EmailResult);
	        this.emails_per_contact = source["emails_per_contact"];
	        this.timeline = this.convertValues(source["timeline"], Day);
	        this.personas = this.convertValues(source["personas"], PersonaResult);
	        this.totals = this.convertValues(source["totals"], Totals);
	        this.journeys = this.convertValues(source["journeys"], Journey);
	        this.notes = this.convertValues(source["notes"], words.Text);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Comparison {
	    a?: Result;
	    b?: Result;
	    flows: FlowDiff[];
	    seeds: number[];
	    figures: Figure[];
	
	    static createFrom(source: any = {}) {
	        return new Comparison(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.a = this.convertValues(source["a"], Result);
	        this.b = this.convertValues(source["b"], Result);
	        this.flows = this.convertValues(source["flows"], FlowDiff);
	        this.seeds = source["seeds"];
	        this.figures = this.convertValues(source["figures"], Figure);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	
	
	
	
	
	
	
	
	

}

export namespace store {
	
	export class DraftStamp {
	    version: number;
	    by: string;
	    // Go type: time
	    at: any;
	
	    static createFrom(source: any = {}) {
	        return new DraftStamp(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.by = source["by"];
	        this.at = this.convertValues(source["at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FlowInfo {
	    id: string;
	    name: string;
	    published_version: number;
	    enabled: boolean;
	    // Go type: time
	    updated_at: any;
	    draft_version?: number;
	    draft_by?: string;
	    error?: string;
	
	    static createFrom(source: any = {}) {
	        return new FlowInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.published_version = source["published_version"];
	        this.enabled = source["enabled"];
	        this.updated_at = this.convertValues(source["updated_at"], null);
	        this.draft_version = source["draft_version"];
	        this.draft_by = source["draft_by"];
	        this.error = source["error"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MailboxMessage {
	    id: number;
	    from: string;
	    to: string;
	    subject: string;
	    // Go type: time
	    received_at: any;
	
	    static createFrom(source: any = {}) {
	        return new MailboxMessage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.subject = source["subject"];
	        this.received_at = this.convertValues(source["received_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Version {
	    version: number;
	    // Go type: time
	    published_at: any;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new Version(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.published_at = this.convertValues(source["published_at"], null);
	        this.note = source["note"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace templates {
	
	export class Email {
	    id: string;
	    name: string;
	    subject: string;
	    preheader?: string;
	    html?: string;
	    blocks?: mail.Block[];
	
	    static createFrom(source: any = {}) {
	        return new Email(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.subject = source["subject"];
	        this.preheader = source["preheader"];
	        this.html = source["html"];
	        this.blocks = this.convertValues(source["blocks"], mail.Block);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Text {
	    name: string;
	    description: string;
	
	    static createFrom(source: any = {}) {
	        return new Text(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	    }
	}
	export class Template {
	    id: string;
	    name: string;
	    description: string;
	    flow?: flow.Flow;
	    emails: Email[];
	    texts: Record<string, Text>;
	
	    static createFrom(source: any = {}) {
	        return new Template(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.flow = this.convertValues(source["flow"], flow.Flow);
	        this.emails = this.convertValues(source["emails"], Email);
	        this.texts = this.convertValues(source["texts"], Text, true);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace tls {
	
	export class Certificate {
	    Certificate: number[][];
	    PrivateKey: any;
	    SupportedSignatureAlgorithms: number[];
	    OCSPStaple: number[];
	    SignedCertificateTimestamps: number[][];
	    Leaf?: x509.Certificate;
	
	    static createFrom(source: any = {}) {
	        return new Certificate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Certificate = source["Certificate"];
	        this.PrivateKey = source["PrivateKey"];
	        this.SupportedSignatureAlgorithms = source["SupportedSignatureAlgorithms"];
	        this.OCSPStaple = source["OCSPStaple"];
	        this.SignedCertificateTimestamps = source["SignedCertificateTimestamps"];
	        this.Leaf = this.convertValues(source["Leaf"], x509.Certificate);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EncryptedClientHelloKey {
	    Config: number[];
	    PrivateKey: number[];
	    SendAsRetry: boolean;
	
	    static createFrom(source: any = {}) {
	        return new EncryptedClientHelloKey(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Config = source["Config"];
	        this.PrivateKey = source["PrivateKey"];
	        this.SendAsRetry = source["SendAsRetry"];
	    }
	}
	export class Config {
	    Rand: any;
	    Certificates: Certificate[];
	    NameToCertificate: Record<string, Certificate>;
	    // Go type: x509
	    RootCAs?: any;
	    NextProtos: string[];
	    ServerName: string;
	    ClientAuth: number;
	    // Go type: x509
	    ClientCAs?: any;
	    InsecureSkipVerify: boolean;
	    CipherSuites: number[];
	    PreferServerCipherSuites: boolean;
	    SessionTicketsDisabled: boolean;
	    SessionTicketKey: number[];
	    ClientSessionCache: any;
	    MinVersion: number;
	    MaxVersion: number;
	    CurvePreferences: number[];
	    DynamicRecordSizingDisabled: boolean;
	    Renegotiation: number;
	    KeyLogWriter: any;
	    EncryptedClientHelloConfigList: number[];
	    EncryptedClientHelloKeys: EncryptedClientHelloKey[];
	
	    static createFrom(source: any = {}) {
	        return new Config(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Rand = source["Rand"];
	        this.Certificates = this.convertValues(source["Certificates"], Certificate);
	        this.NameToCertificate = this.convertValues(source["NameToCertificate"], Certificate, true);
	        this.RootCAs = this.convertValues(source["RootCAs"], null);
	        this.NextProtos = source["NextProtos"];
	        this.ServerName = source["ServerName"];
	        this.ClientAuth = source["ClientAuth"];
	        this.ClientCAs = this.convertValues(source["ClientCAs"], null);
	        this.InsecureSkipVerify = source["InsecureSkipVerify"];
	        this.CipherSuites = source["CipherSuites"];
	        this.PreferServerCipherSuites = source["PreferServerCipherSuites"];
	        this.SessionTicketsDisabled = source["SessionTicketsDisabled"];
	        this.SessionTicketKey = source["SessionTicketKey"];
	        this.ClientSessionCache = source["ClientSessionCache"];
	        this.MinVersion = source["MinVersion"];
	        this.MaxVersion = source["MaxVersion"];
	        this.CurvePreferences = source["CurvePreferences"];
	        this.DynamicRecordSizingDisabled = source["DynamicRecordSizingDisabled"];
	        this.Renegotiation = source["Renegotiation"];
	        this.KeyLogWriter = source["KeyLogWriter"];
	        this.EncryptedClientHelloConfigList = source["EncryptedClientHelloConfigList"];
	        this.EncryptedClientHelloKeys = this.convertValues(source["EncryptedClientHelloKeys"], EncryptedClientHelloKey);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace url {
	
	export class Userinfo {
	
	
	    static createFrom(source: any = {}) {
	        return new Userinfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	
	    }
	}
	export class URL {
	    Scheme: string;
	    Opaque: string;
	    // Go type: Userinfo
	    User?: any;
	    Host: string;
	    Path: string;
	    Fragment: string;
	    RawQuery: string;
	    RawPath: string;
	    RawFragment: string;
	    ForceQuery: boolean;
	    OmitHost: boolean;
	
	    static createFrom(source: any = {}) {
	        return new URL(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Scheme = source["Scheme"];
	        this.Opaque = source["Opaque"];
	        this.User = this.convertValues(source["User"], null);
	        this.Host = source["Host"];
	        this.Path = source["Path"];
	        this.Fragment = source["Fragment"];
	        this.RawQuery = source["RawQuery"];
	        this.RawPath = source["RawPath"];
	        this.RawFragment = source["RawFragment"];
	        this.ForceQuery = source["ForceQuery"];
	        this.OmitHost = source["OmitHost"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace website {
	
	export class Seen {
	    visitors: number;
	    // Go type: time
	    last: any;
	
	    static createFrom(source: any = {}) {
	        return new Seen(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.visitors = source["visitors"];
	        this.last = this.convertValues(source["last"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace words {
	
	export class Text {
	    en: string;
	    fr: string;
	    pseudo: string;
	
	    static createFrom(source: any = {}) {
	        return new Text(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.en = source["en"];
	        this.fr = source["fr"];
	        this.pseudo = source["pseudo"];
	    }
	}
	export class AudienceText {
	    title: Text;
	    help: Text;
	
	    static createFrom(source: any = {}) {
	        return new AudienceText(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = this.convertValues(source["title"], Text);
	        this.help = this.convertValues(source["help"], Text);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Reason {
	    Code: string;
	    Params: string[];
	
	    static createFrom(source: any = {}) {
	        return new Reason(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Code = source["Code"];
	        this.Params = source["Params"];
	    }
	}
	export class SimulatedNames {
	    audiences: Record<string, AudienceText>;
	    personas: Record<string, Text>;
	
	    static createFrom(source: any = {}) {
	        return new SimulatedNames(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.audiences = this.convertValues(source["audiences"], AudienceText, true);
	        this.personas = this.convertValues(source["personas"], Text, true);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace x509 {
	
	export class PolicyMapping {
	    // Go type: OID
	    IssuerDomainPolicy: any;
	    // Go type: OID
	    SubjectDomainPolicy: any;
	
	    static createFrom(source: any = {}) {
	        return new PolicyMapping(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.IssuerDomainPolicy = this.convertValues(source["IssuerDomainPolicy"], null);
	        this.SubjectDomainPolicy = this.convertValues(source["SubjectDomainPolicy"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class OID {
	
	
	    static createFrom(source: any = {}) {
	        return new OID(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	
	    }
	}
	export class Certificate {
	    Raw: number[];
	    RawTBSCertificate: number[];
	    RawSubjectPublicKeyInfo: number[];
	    RawSubject: number[];
	    RawIssuer: number[];
	    Signature: number[];
	    SignatureAlgorithm: number;
	    PublicKeyAlgorithm: number;
	    PublicKey: any;
	    Version: number;
	    // Go type: big
	    SerialNumber?: any;
	    Issuer: pkix.Name;
	    Subject: pkix.Name;
	    // Go type: time
	    NotBefore: any;
	    // Go type: time
	    NotAfter: any;
	    KeyUsage: number;
	    Extensions: pkix.Extension[];
	    ExtraExtensions: pkix.Extension[];
	    UnhandledCriticalExtensions: number[][];
	    ExtKeyUsage: number[];
	    UnknownExtKeyUsage: number[][];
	    BasicConstraintsValid: boolean;
	    IsCA: boolean;
	    MaxPathLen: number;
	    MaxPathLenZero: boolean;
	    SubjectKeyId: number[];
	    AuthorityKeyId: number[];
	    OCSPServer: string[];
	    IssuingCertificateURL: string[];
	    DNSNames: string[];
	    EmailAddresses: string[];
	    IPAddresses: number[][];
	    URIs: url.URL[];
	    PermittedDNSDomainsCritical: boolean;
	    PermittedDNSDomains: string[];
	    ExcludedDNSDomains: string[];
	    PermittedIPRanges: net.IPNet[];
	    ExcludedIPRanges: net.IPNet[];
	    PermittedEmailAddresses: string[];
	    ExcludedEmailAddresses: string[];
	    PermittedURIDomains: string[];
	    ExcludedURIDomains: string[];
	    CRLDistributionPoints: string[];
	    PolicyIdentifiers: number[][];
	    Policies: OID[];
	    InhibitAnyPolicy: number;
	    InhibitAnyPolicyZero: boolean;
	    InhibitPolicyMapping: number;
	    InhibitPolicyMappingZero: boolean;
	    RequireExplicitPolicy: number;
	    RequireExplicitPolicyZero: boolean;
	    PolicyMappings: PolicyMapping[];
	
	    static createFrom(source: any = {}) {
	        return new Certificate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Raw = source["Raw"];
	        this.RawTBSCertificate = source["RawTBSCertificate"];
	        this.RawSubjectPublicKeyInfo = source["RawSubjectPublicKeyInfo"];
	        this.RawSubject = source["RawSubject"];
	        this.RawIssuer = source["RawIssuer"];
	        this.Signature = source["Signature"];
	        this.SignatureAlgorithm = source["SignatureAlgorithm"];
	        this.PublicKeyAlgorithm = source["PublicKeyAlgorithm"];
	        this.PublicKey = source["PublicKey"];
	        this.Version = source["Version"];
	        this.SerialNumber = this.convertValues(source["SerialNumber"], null);
	        this.Issuer = this.convertValues(source["Issuer"], pkix.Name);
	        this.Subject = this.convertValues(source["Subject"], pkix.Name);
	        this.NotBefore = this.convertValues(source["NotBefore"], null);
	        this.NotAfter = this.convertValues(source["NotAfter"], null);
	        this.KeyUsage = source["KeyUsage"];
	        this.Extensions = this.convertValues(source["Extensions"], pkix.Extension);
	        this.ExtraExtensions = this.convertValues(source["ExtraExtensions"], pkix.Extension);
	        this.UnhandledCriticalExtensions = source["UnhandledCriticalExtensions"];
	        this.ExtKeyUsage = source["ExtKeyUsage"];
	        this.UnknownExtKeyUsage = source["UnknownExtKeyUsage"];
	        this.BasicConstraintsValid = source["BasicConstraintsValid"];
	        this.IsCA = source["IsCA"];
	        this.MaxPathLen = source["MaxPathLen"];
	        this.MaxPathLenZero = source["MaxPathLenZero"];
	        this.SubjectKeyId = source["SubjectKeyId"];
	        this.AuthorityKeyId = source["AuthorityKeyId"];
	        this.OCSPServer = source["OCSPServer"];
	        this.IssuingCertificateURL = source["IssuingCertificateURL"];
	        this.DNSNames = source["DNSNames"];
	        this.EmailAddresses = source["EmailAddresses"];
	        this.IPAddresses = source["IPAddresses"];
	        this.URIs = this.convertValues(source["URIs"], url.URL);
	        this.PermittedDNSDomainsCritical = source["PermittedDNSDomainsCritical"];
	        this.PermittedDNSDomains = source["PermittedDNSDomains"];
	        this.ExcludedDNSDomains = source["ExcludedDNSDomains"];
	        this.PermittedIPRanges = this.convertValues(source["PermittedIPRanges"], net.IPNet);
	        this.ExcludedIPRanges = this.convertValues(source["ExcludedIPRanges"], net.IPNet);
	        this.PermittedEmailAddresses = source["PermittedEmailAddresses"];
	        this.ExcludedEmailAddresses = source["ExcludedEmailAddresses"];
	        this.PermittedURIDomains = source["PermittedURIDomains"];
	        this.ExcludedURIDomains = source["ExcludedURIDomains"];
	        this.CRLDistributionPoints = source["CRLDistributionPoints"];
	        this.PolicyIdentifiers = source["PolicyIdentifiers"];
	        this.Policies = this.convertValues(source["Policies"], OID);
	        this.InhibitAnyPolicy = source["InhibitAnyPolicy"];
	        this.InhibitAnyPolicyZero = source["InhibitAnyPolicyZero"];
	        this.InhibitPolicyMapping = source["InhibitPolicyMapping"];
	        this.InhibitPolicyMappingZero = source["InhibitPolicyMappingZero"];
	        this.RequireExplicitPolicy = source["RequireExplicitPolicy"];
	        this.RequireExplicitPolicyZero = source["RequireExplicitPolicyZero"];
	        this.PolicyMappings = this.convertValues(source["PolicyMappings"], PolicyMapping);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

