export namespace app {
	
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

}

