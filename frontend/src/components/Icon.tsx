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
