export namespace app {
	
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
	export class EngineStatus {
	    running: boolean;
	    http_addr: string;
	    capture_addr: string;
	    intake_token: string;
	    outbox: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new EngineStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.running = source["running"];
	        this.http_addr = source["http_addr"];
	        this.capture_addr = source["capture_addr"];
	        this.intake_token = source["intake_token"];
	        this.outbox = source["outbox"];
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
	export class ScriptDiagnostic {
	    line: number;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new ScriptDiagnostic(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.message = source["message"];
	    }
	}
	export class ScriptInfo {
	    name: string;
	    kind: string;
	    title: string;
	    summary: string;
	    source: string;
	    params: scripts.Param[];
	    library: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ScriptInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.summary = source["summary"];
	        this.source = source["source"];
	        this.params = this.convertValues(source["params"], scripts.Param);
	        this.library = source["library"];
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
	        this.line = source["line"];
	        this.took_us = source["took_us"];
	        this.printed = source["printed"];
	    }
	}
	export class Settings {
	    language: string;
	    workspace: string;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.language = source["language"];
	        this.workspace = source["workspace"];
	    }
	}

}

export namespace contact {
	
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
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.part = source["part"];
	        this.line = source["line"];
	        this.message = source["message"];
	        this.severity = source["severity"];
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

export namespace nodes {
	
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
	export class Field {
	    name: string;
	    type: string;
	    label: Text;
	    help?: Text;
	    required?: boolean;
	    default?: any;
	    options?: Option[];
	    min?: number;
	    max?: number;
	    node_type?: string;
	    show_if?: ShowIf;
	
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
	        this.options = this.convertValues(source["options"], Option);
	        this.min = source["min"];
	        this.max = source["max"];
	        this.node_type = source["node_type"];
	        this.show_if = this.convertValues(source["show_if"], ShowIf);
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
	export class NodeCount {
	    node: string;
	    entered: number;
	    waiting: number;
	    errors: number;
	    skipped: number;
	
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
	
	export class Step {
	    enrollment_id: number;
	    flow_id: string;
	    version: number;
	    node: string;
	    port: string;
	    reason: string;
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
	        this.reason = source["reason"];
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

export namespace store {
	
	export class FlowInfo {
	    id: string;
	    name: string;
	    published_version: number;
	    enabled: boolean;
	    // Go type: time
	    updated_at: any;
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
	    html: string;
	
	    static createFrom(source: any = {}) {
	        return new Email(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.subject = source["subject"];
	        this.html = source["html"];
	    }
	}
	export class Template {
	    id: string;
	    name: string;
	    description: string;
	    flow?: flow.Flow;
	    emails: Email[];
	
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

