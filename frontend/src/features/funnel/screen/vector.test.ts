import { describe, expect, it } from 'vitest';
import { bounds, pictureSvg, roughMeasure, sizedIcon, wrap, type VPicture } from './vector';

const ICON = '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" class="lucide"><path d="M4 4h16v16H4z"></path></svg>';

const picture = (): VPicture => ({
  title: 'Nurture <B2B> & co',
  subtitle: 'Draft · exported on Dec 7, 2026',
  steps: [
    { x: 0, y: 0, w: 248, h: 80, accent: '#16a34a', icon: ICON, title: 'Joins the “Leads” list', summary: 'When someone joins Leads' },
    { x: 0, y: 160, w: 248, h: 96, accent: '#d97706', icon: ICON, title: 'Opened the welcome email?', ports: [{ label: 'Yes', x: 60, y: 250 }, { label: 'No', x: 190, y: 250 }], counters: ['1,204 entered', '12 waiting'] },
    { x: 300, y: 320, w: 248, h: 80, accent: '#2563eb', icon: '', title: 'A very long name that the canvas would cut with an ellipsis but a client wants to read in full, all of it', type: 'Send an email' },
  ],
  frames: [{ x: -20, y: 140, w: 600, h: 300, title: 'Week 1', color: '#7c3aed' }],
  notes: [{ x: 600, y: 0, w: 180, h: 80, text: 'Ask Anne\nabout the offer' }],
  links: [
    { d: 'M124,80 L124,160', color: '#64748b' },
    { d: 'M60,256 L60,300 Q60,310 70,310 L424,310 L424,320', color: '#64748b', label: { text: '1,100', x: 240, y: 310 } },
  ],
  legend: [{ color: '#16a34a', text: 'Start when…' }, { color: '#d97706', text: 'Check' }, { text: 'Arrows: the way contacts go' }],
});

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.querySelector('parsererror')).toBeNull();
  return doc;
}
const texts = (doc: Document) => [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '');

describe('vector pictures', () => {
  it('are plain SVG shapes and text: no foreignObject, every title and label a <text>', () => {
    const svg = pictureSvg(picture());
    expect(svg).not.toMatch(/foreignObject|<div|<span/);
    const doc = parse(svg);
    const all = texts(doc).join(' ');
    for (const s of ['Nurture <B2B> & co', 'Draft · exported on Dec 7, 2026', 'Joins the “Leads” list', 'Opened the welcome email?', 'Yes', 'No', '1,204 entered', '12 waiting', '1,100', 'Week 1', 'Ask Anne', 'Start when…', 'Arrows: the way contacts go']) {
      expect(all).toContain(s);
    }
    expect(doc.querySelectorAll('g.step')).toHaveLength(3);
    expect(doc.querySelectorAll('path[marker-end]')).toHaveLength(2);
  });

  it('writes a long name in full over several lines, growing its box', () => {
    const doc = parse(pictureSvg(picture()));
    const long = picture().steps[2]!.title;
    const step = [...doc.querySelectorAll('g.step')][2]!;
    const lines = [...step.querySelectorAll('text')].map((t) => t.textContent);
    expect(lines.slice(0, -1).join(' ')).toBe(long);
    expect(lines.at(-1)).toBe('Send an email');
    expect(Number(step.querySelector('rect')!.getAttribute('height'))).toBeGreaterThan(80);
  });

  it('writes a simulated step’s numbers inside its box, the first one large, and draws links at their width', () => {
    const p = picture();
    p.steps = [{ x: 0, y: 0, w: 230, h: 60, accent: '#16a34a', icon: '', title: 'Joins Leads', counters: ['2,000 entered', '12 waiting'], countersInside: true }];
    p.links = [{ d: 'M10,60 L10,120', color: '#94a3b8', width: 4.2, label: { text: '61% · 1,220', x: 10, y: 90 } }];
    const doc = parse(pictureSvg(p));
    const step = doc.querySelector('g.step')!;
    const lines = [...step.querySelectorAll('text')];
    expect(lines.map((t) => t.textContent)).toEqual(['Joins Leads', '2,000 entered', '12 waiting']);
    expect(lines[1]!.getAttribute('font-size')).toBe('14');
    expect(Number(step.querySelector('rect')!.getAttribute('height'))).toBeGreaterThan(60);
    expect(doc.querySelector('path[marker-end]')!.getAttribute('stroke-width')).toBe('4.2');
    expect(texts(doc)).toContain('61% · 1,220');
  });

  it('wraps a legend line longer than the picture, inside the picture', () => {
    const p = picture();
    p.legend = [{ color: '#16a34a', text: 'Start' }, { text: 'word '.repeat(60).trim() }];
    const doc = parse(pictureSvg(p, roughMeasure));
    const width = Number(doc.documentElement.getAttribute('width'));
    const legend = [...doc.querySelectorAll('text')].filter((t) => t.textContent!.startsWith('word'));
    expect(legend.length).toBeGreaterThan(1);
    for (const t of legend) expect(Number(t.getAttribute('x')) + roughMeasure(t.textContent!, '12px sans-serif')).toBeLessThanOrEqual(width);
    expect(Number(legend.at(-1)!.getAttribute('y'))).toBeLessThan(Number(doc.documentElement.getAttribute('height')));
  });

  it('draws icons as nested SVG in the step’s colour, not currentColor', () => {
    const svg = pictureSvg(picture());
    expect(svg).not.toContain('currentColor');
    expect(sizedIcon(ICON, 18, '#16a34a')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 24 24" fill="none" stroke="#16a34a" width="18" height="18">/);
  });

  it('sizes the picture to the steps, with room for the title above and the legend below', () => {
    const p = picture();
    const b = bounds(p);
    expect(b.x).toBe(-20);
    expect(b.y).toBe(0);
    // The counters sit over their step, inside the picture.
    expect(bounds({ ...p, steps: [p.steps[1]!], frames: [], notes: [], links: [] }).y).toBe(160 - 22);
    const svg = parse(pictureSvg(p)).documentElement;
    expect(Number(svg.getAttribute('width'))).toBeGreaterThanOrEqual(b.w + 64);
    expect(Number(svg.getAttribute('height'))).toBeGreaterThan(b.h + 64 + 40);
  });

  it('wraps at spaces, cuts a word longer than a line, and ends a cut text with an ellipsis', () => {
    const font = '12px sans-serif';
    expect(wrap('one two three', 10_000, font, roughMeasure)).toEqual(['one two three']);
    expect(wrap('one two three', roughMeasure('one two', font) + 1, font, roughMeasure)).toEqual(['one two', 'three']);
    expect(wrap('abcdefghij', roughMeasure('abcd', font) + 1, font, roughMeasure, 5)).toEqual(['abcd', 'efgh', 'ij']);
    const cut = wrap('a b c d e f', roughMeasure('a', font) + 1, font, roughMeasure, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith('…')).toBe(true);
  });
});
