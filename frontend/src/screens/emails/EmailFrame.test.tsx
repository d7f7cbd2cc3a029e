import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { EmailFrame, frameDocument, MESSAGE_SOURCE } from './EmailFrame';

describe('email frame', () => {
  it('puts the script policy and the click script at the top of the head, after the doctype', () => {
    const doc = frameDocument('<!DOCTYPE html>\n<html lang="en"><head><title>x</title></head><body><script>alert(1)</script></body></html>', 'n0nce');
    expect(doc.startsWith('<!DOCTYPE html>\n<html lang="en"><head><meta http-equiv="Content-Security-Policy" content="script-src \'nonce-n0nce\';')).toBe(true);
    expect(doc).toContain('<script nonce="n0nce">');
    expect(doc.indexOf('nonce="n0nce"')).toBeLessThan(doc.indexOf('<title>'));
    expect(frameDocument('<!doctype html><p>hi</p>', 'a')).toMatch(/^<!doctype html><meta [^>]+><script nonce="a">/);
    expect(frameDocument('<p>hi</p>', 'a')).toMatch(/^<meta [^>]+><script nonce="a">[\s\S]*<p>hi<\/p>$/);
    expect(frameDocument('<header>x</header>', 'a')).toMatch(/^<meta /);
  });

  it('isolates the email and hands its link clicks to the app', () => {
    const onLink = vi.fn();
    render(<EmailFrame html="<p><a href='https://x'>x</a></p>" title="mail" width={600} onLink={onLink} testId="f" />);
    const frame = screen.getByTestId('f') as HTMLIFrameElement;
    expect(frame).toHaveAttribute('sandbox', 'allow-scripts');
    expect(frame.getAttribute('srcdoc')).toContain('Content-Security-Policy');
    // A message from the frame's window with our mark is a click; others are ignored.
    act(() => {
      window.dispatchEvent(new MessageEvent('message', { data: { source: MESSAGE_SOURCE, kind: 'link', href: 'https://x/' }, source: frame.contentWindow }));
      window.dispatchEvent(new MessageEvent('message', { data: { source: MESSAGE_SOURCE, kind: 'link', href: 'https://evil/' }, source: window }));
      window.dispatchEvent(new MessageEvent('message', { data: { source: MESSAGE_SOURCE, kind: 'height', height: 900 }, source: frame.contentWindow }));
    });
    expect(onLink).toHaveBeenCalledTimes(1);
    expect(onLink).toHaveBeenCalledWith('https://x/');
    expect(frame.style.height).toBe('916px');
  });
});
