import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { EmailFrame, frameDocument, LINK_ATTR, linkAt, SANDBOX } from './EmailFrame';

describe('email frame', () => {
  it('runs nothing from the email: the sandbox has no allow-scripts, and scripts anywhere in the file are gone', () => {
    expect(SANDBOX.split(/\s+/)).not.toContain('allow-scripts');
    // A script before the first <head> ran when a policy was inserted after that <head>.
    const doc = frameDocument(
      '<!DOCTYPE html><script>parent.evil()</script><!-- <head> --><html lang="fr"><head><title>x</title>' +
        '<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/"></head>' +
        '<body><p onclick="x()">hi</p><script>alert(1)</script><noscript>n</noscript><object data="x"></object></body></html>',
    );
    expect(doc.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(doc).not.toMatch(/<script|<noscript|<base|http-equiv|<object|evil\(\)|alert/i);
    expect(doc).toContain('<title>x</title>');
    expect(doc).toContain('lang="fr"');
    expect(doc).toContain('hi</p>');
  });

  it('moves link addresses out of href, so no link navigates the frame', () => {
    const doc = frameDocument('<p><a href="http://127.0.0.1:47800/c/abc">Offer</a> <a href="#top">top</a> <a href="javascript:alert(1)">js</a></p>');
    const parsed = new DOMParser().parseFromString(doc, 'text/html');
    const links = [...parsed.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['#', '#top', '#']);
    expect(links[0].getAttribute(LINK_ATTR)).toBe('http://127.0.0.1:47800/c/abc');
  });

  it('finds the link under a point, in a child of the link too', () => {
    const d = document.implementation.createHTMLDocument('');
    d.body.innerHTML = `<a ${LINK_ATTR}="https://x/" href="#"><b>Go</b></a><p>text</p>`;
    const b = d.querySelector('b')!;
    const p = d.querySelector('p')!;
    d.elementFromPoint = (x: number) => (x < 10 ? b : p);
    expect(linkAt(d, 5, 5)).toBe('https://x/');
    expect(linkAt(d, 50, 5)).toBeNull();
    expect(linkAt(null, 5, 5)).toBeNull();
  });

  it('hands a click on a link to the app, and sizes itself to the email', () => {
    const onLink = vi.fn();
    render(<EmailFrame html="<p><a href='https://x/'>x</a></p>" title="mail" width={600} onLink={onLink} testId="f" />);
    const frame = screen.getByTestId('f') as HTMLIFrameElement;
    expect(frame).toHaveAttribute('sandbox', SANDBOX);
    expect(frame.getAttribute('srcdoc')).toContain(`${LINK_ATTR}="https://x/"`);
    // jsdom does not load srcdoc: put the email in the frame's document by hand.
    const fd = frame.contentDocument!;
    fd.body.innerHTML = `<a ${LINK_ATTR}="https://x/" href="#">x</a>`;
    const a = fd.querySelector('a')!;
    fd.elementFromPoint = (x: number) => (x < 100 ? a : fd.body);
    Object.defineProperty(fd.body, 'scrollHeight', { value: 900, configurable: true });
    fireEvent.load(frame);
    expect(frame.style.height).toBe('916px');
    const layer = screen.getByTestId('f-links');
    fireEvent.click(layer, { clientX: 300, clientY: 10 });
    expect(onLink).not.toHaveBeenCalled();
    fireEvent.mouseMove(layer, { clientX: 20, clientY: 10 });
    expect(layer).toHaveAttribute('title', 'https://x/');
    fireEvent.click(layer, { clientX: 20, clientY: 10 });
    expect(onLink).toHaveBeenCalledTimes(1);
    expect(onLink).toHaveBeenCalledWith('https://x/');
  });
});
