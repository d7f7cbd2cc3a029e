// The catalogue names icons; this maps them to glyphs (lucide), with a
// neutral fallback so a new icon name never breaks the canvas.
import {
  Activity,
  Bell,
  Cake,
  Calendar,
  ChartNoAxesColumnIncreasing,
  Circle,
  ClipboardList,
  Clock,
  Code,
  Diff,
  Filter,
  Flag,
  Flame,
  Gauge,
  GitBranch,
  Globe,
  Hand,
  Hourglass,
  IdCard,
  Link,
  List,
  ListMinus,
  ListPlus,
  LogOut,
  Mail,
  MailOpen,
  Pencil,
  Shuffle,
  Star,
  Sun,
  Tag,
  TagX,
  UserPlus,
  Zap,
  type LucideIcon,
} from 'lucide-react';

const ICONS: Record<string, LucideIcon> = {
  activity: Activity,
  bell: Bell,
  cake: Cake,
  calendar: Calendar,
  clock: Clock,
  code: Code,
  edit: Pencil,
  filter: Filter,
  flag: Flag,
  flame: Flame,
  gauge: Gauge,
  'git-branch': GitBranch,
  globe: Globe,
  hand: Hand,
  hourglass: Hourglass,
  'id-card': IdCard,
  link: Link,
  list: List,
  'list-minus': ListMinus,
  'clipboard-list': ClipboardList,
  'list-plus': ListPlus,
  'log-out': LogOut,
  mail: Mail,
  'mail-open': MailOpen,
  'plus-minus': Diff,
  shuffle: Shuffle,
  stairs: ChartNoAxesColumnIncreasing,
  star: Star,
  sun: Sun,
  tag: Tag,
  'tag-off': TagX,
  'user-plus': UserPlus,
  zap: Zap,
};

export function NodeIcon({ name, size = 16 }: { name: string; size?: number }) {
  const Glyph = ICONS[name] ?? Circle;
  return <Glyph size={size} strokeWidth={2} aria-hidden="true" />;
}

/** hasIcon reports whether the icon name has a glyph (tests). */
export function hasIcon(name: string): boolean {
  return name in ICONS;
}

type IconNodeList = [string, Record<string, string | number>, IconNodeList?][];

/**
 * iconShapes reads a glyph's shapes (its paths, circles, rects) from the
 * lucide component: a lucide icon is a forwardRef whose render hands its
 * shapes to lucide's Icon. Undefined if that ever changes (the step then
 * draws the icon inline, as the palette does).
 */
function iconShapes(glyph: LucideIcon): IconNodeList | undefined {
  const render = (glyph as unknown as { render?: (props: object, ref: null) => { props?: { icon?: { node?: unknown } } } }).render;
  const node = typeof render === 'function' ? render({}, null)?.props?.icon?.node : undefined;
  return Array.isArray(node) && node.length > 0 ? (node as IconNodeList) : undefined;
}

const escapeAttr = (v: string | number) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function shapesMarkup(nodes: IconNodeList): string {
  return nodes
    .map(([tag, attrs, children]) => {
      const a = Object.entries(attrs)
        .filter(([k]) => k !== 'key')
        .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
        .join('');
      return children?.length ? `<${tag}${a}>${shapesMarkup(children)}</${tag}>` : `<${tag}${a}/>`;
    })
    .join('');
}

/**
 * iconSVG is a glyph as a standalone SVG document drawn in `colour`, as
 * lucide draws it (24-unit box, 2-unit round strokes), or undefined when
 * its shapes cannot be read.
 */
export function iconSVG(name: string, colour: string): string | undefined {
  const shapes = iconShapes(ICONS[name] ?? Circle);
  if (!shapes) return undefined;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="${escapeAttr(colour)}" ` +
    `stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${shapesMarkup(shapes)}</svg>`
  );
}

const iconClasses = new Map<string, string>();
let iconSheet: CSSStyleSheet | null = null;

/**
 * nodeIconClass is a class that draws a step's icon as the background
 * image of its tinted square, in its category's colour (the --cat-NAME
 * colour of styles.css), or '' when the glyph cannot be drawn so (then
 * draw <NodeIcon>). A step on the canvas is drawn hundreds of times: an
 * inline SVG is an element per shape for React to make, for the browser to
 * style, and for the window to stroke on every frame of a pan, where an
 * image is one element whose picture the browser keeps. One rule per icon
 * and colour is added to a stylesheet of its own, the first time it is
 * asked for.
 */
export function nodeIconClass(name: string, category: string): string {
  const key = `${category}|${name}`;
  const known = iconClasses.get(key);
  if (known !== undefined) return known;
  const colour =
    (typeof document !== 'undefined' && getComputedStyle(document.documentElement).getPropertyValue(`--cat-${category}`).trim()) || '#475569';
  const svg = iconSVG(name, colour);
  let cls = '';
  if (svg && typeof document !== 'undefined') {
    if (!iconSheet) {
      const el = document.createElement('style');
      el.dataset.fpIcons = '';
      document.head.appendChild(el);
      iconSheet = el.sheet;
    }
    if (iconSheet) {
      cls = `fp-ico-${iconClasses.size}`;
      // Two classes: above the square's own `background` shorthand whatever the order of the sheets.
      iconSheet.insertRule(`.fp-node-icon.${cls}{background-image:url("data:image/svg+xml,${encodeURIComponent(svg)}")}`, iconSheet.cssRules.length);
    }
  }
  iconClasses.set(key, cls);
  return cls;
}
