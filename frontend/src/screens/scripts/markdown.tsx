// A small Markdown reader for the Lua reference (scripts/README.md):
// headings, paragraphs, lists, tables, code blocks, `code`, **bold**,
// *emphasis* and links. It builds React elements, never HTML strings, so
// nothing in the text can run.
import type { ReactNode } from 'react';

export type MdBlock =
  | { kind: 'heading'; level: number; text: string; id: string }
  | { kind: 'para'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'code'; lang: string; text: string };

/** anchorOf makes GitHub's id for a heading, so "#the-contract…" links work. */
export function anchorOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  // Split on pipes outside `code`: a table cell may show `a | b`.
  const out: string[] = [];
  let cur = '';
  let inCode = false;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '`') inCode = !inCode;
    if (ch === '\\' && inner[i + 1] === '|') {
      cur += '|';
      i++;
      continue;
    }
    if (ch === '|' && !inCode) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** parseMarkdown splits the text into blocks. */
export function parseMarkdown(md: string): MdBlock[] {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const out: MdBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^```(\w*)\s*$/.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^```\s*$/.test(lines[i]!)) body.push(lines[i++]!);
      i++;
      out.push({ kind: 'code', lang: fence[1] ?? '', text: body.join('\n') });
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      out.push({ kind: 'heading', level: h[1]!.length, text: h[2]!.trim(), id: anchorOf(h[2]!) });
      i++;
      continue;
    }
    if (/^\s*\|/.test(line) && i + 1 < lines.length && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1]!)) {
      const head = cells(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && /^\s*\|/.test(lines[i]!)) rows.push(cells(lines[i++]!));
      out.push({ kind: 'table', head, rows });
      continue;
    }
    const li = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(line);
    if (li) {
      const ordered = /\d/.test(li[2]!);
      const items: string[] = [];
      while (i < lines.length) {
        const m = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(lines[i]!);
        if (m) {
          items.push(m[3]!);
          i++;
        } else if (/^\s{2,}\S/.test(lines[i]!) && items.length > 0) {
          items[items.length - 1] += ' ' + lines[i]!.trim();
          i++;
        } else break;
      }
      out.push({ kind: 'list', ordered, items });
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,6}\s|```|\s*\||\s*([-*]|\d+\.)\s)/.test(lines[i]!)) para.push(lines[i++]!.trim());
    out.push({ kind: 'para', text: para.join(' ') });
  }
  return out;
}

/** inline renders `code`, **bold**, *emphasis* and [links](#anchor). */
export function inline(text: string, onAnchor?: (id: string) => void): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  let k = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(<code key={k++}>{m[1]}</code>);
    else if (m[2] !== undefined) out.push(<strong key={k++}>{inline(m[2], onAnchor)}</strong>);
    else if (m[3] !== undefined) out.push(<em key={k++}>{inline(m[3], onAnchor)}</em>);
    else if (m[4] !== undefined) {
      const href = m[5]!;
      if (href.startsWith('#') && onAnchor) {
        out.push(
          <a
            key={k++}
            href={href}
            onClick={(e) => {
              e.preventDefault();
              onAnchor(href.slice(1));
            }}
          >
            {inline(m[4], onAnchor)}
          </a>,
        );
      } else {
        // Outside links would leave the app: show the text and the address.
        out.push(
          <span key={k++} title={href}>
            {inline(m[4], onAnchor)}
          </span>,
        );
      }
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function Markdown({ text, idPrefix, onAnchor }: { text: string; idPrefix: string; onAnchor?: (id: string) => void }) {
  const blocks = parseMarkdown(text);
  return (
    <div className="fp-md">
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'heading': {
            const Tag = (`h${Math.min(b.level + 2, 6)}` as 'h3' | 'h4' | 'h5' | 'h6');
            return (
              <Tag key={i} id={`${idPrefix}${b.id}`}>
                {inline(b.text, onAnchor)}
              </Tag>
            );
          }
          case 'para':
            return <p key={i}>{inline(b.text, onAnchor)}</p>;
          case 'list': {
            const Tag = b.ordered ? 'ol' : 'ul';
            return (
              <Tag key={i}>
                {b.items.map((it, j) => (
                  <li key={j}>{inline(it, onAnchor)}</li>
                ))}
              </Tag>
            );
          }
          case 'table':
            return (
              <div key={i} className="fp-md-table">
                <table>
                  <thead>
                    <tr>
                      {b.head.map((c, j) => (
                        <th key={j}>{inline(c, onAnchor)}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((r, j) => (
                      <tr key={j}>
                        {r.map((c, n) => (
                          <td key={n}>{inline(c, onAnchor)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case 'code':
            return (
              <pre key={i} className="fp-md-code">
                <code>{b.text}</code>
              </pre>
            );
        }
      })}
    </div>
  );
}
