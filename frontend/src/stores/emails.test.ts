import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeEmailsApi, resetEmailsScreens } from '../screens/emails/testing';
import { resetAll } from '../test/helpers';
import { isDirty, modeOf, slug, uniqueId, useEmails } from './emails';
import { toastTexts } from './toasts';

let api: FakeEmailsApi;

beforeEach(() => {
  resetAll();
  api = resetEmailsScreens();
});
afterEach(() => {
  vi.useRealTimers();
});

const s = () => useEmails.getState();

describe('emails store', () => {
  it('makes ids from names', () => {
    expect(slug('Relance été 2026 !')).toBe('relance-ete-2026');
    expect(uniqueId('Welcome', ['welcome', 'welcome-2'])).toBe('welcome-3');
    expect(modeOf({ id: 'a', name: 'a', subject: '', html: '<p>x</p>' })).toBe('html');
    expect(modeOf({ id: 'a', name: 'a', subject: '' })).toBe('blocks');
  });

  it('loads the templates and the merge fields, and opens the first', async () => {
    api.store.set('a', { id: 'a', name: 'A', subject: 'Hi', html: '<p>A</p>' });
    api.store.set('b', { id: 'b', name: 'B', subject: 'Hi', blocks: [{ type: 'text', text: 'x' }] });
    await s().load();
    expect(s().templates.map((t) => t.id)).toEqual(['a', 'b']);
    expect(s().fields).toContain('first_name');
    expect(s().selectedId).toBe('a');
    expect(s().mode).toBe('html');
    await s().select('b');
    expect(s().mode).toBe('blocks');
  });

  it('creates an email with starter blocks and a unique id', async () => {
    await s().load();
    const id = await s().create('Welcome');
    expect(id).toBe('welcome');
    expect(api.store.get('welcome')?.blocks?.map((b) => b.type)).toEqual(['heading', 'text', 'button', 'divider', 'text']);
    expect(await s().create('Welcome')).toBe('welcome-2');
    expect(s().selectedId).toBe('welcome-2');
    expect(isDirty(s())).toBe(false);
  });

  it('adds, moves and removes blocks into the draft’s blocks JSON, then saves them', async () => {
    await s().load();
    await s().create('Promo');
    for (let i = s().draft!.blocks!.length - 1; i >= 0; i--) s().removeBlock([i]);
    expect(s().draft!.blocks).toEqual([]);
    s().addBlock('heading', null);
    s().addBlock('button', null);
    s().updateBlock([1], { url: 'https://example.com/offer', text: 'Go' });
    s().addBlock('divider', [0]);
    expect(s().draft!.blocks!.map((b) => b.type)).toEqual(['heading', 'divider', 'button']);
    s().moveBlock([2], -1);
    expect(s().draft!.blocks!.map((b) => b.type)).toEqual(['heading', 'button', 'divider']);
    expect(s().selectedBlock).toEqual([2]); // the divider added after the heading stays selected
    s().removeBlock([2]);
    expect(isDirty(s())).toBe(true);
    expect(await s().save()).toBe(true);
    expect(isDirty(s())).toBe(false);
    expect(api.store.get('promo')?.blocks).toEqual([
      { type: 'heading', text: 'Your heading', level: 1 },
      { type: 'button', text: 'Go', url: 'https://example.com/offer' },
    ]);
  });

  it('shows the problems of a save on their block', async () => {
    await s().load();
    await s().create('Promo');
    s().update({ blocks: [{ type: 'heading', text: 'Hi {{ contact.first_name | upcse }}' }, { type: 'button', text: 'Go', url: '' }] });
    await s().save();
    const problems = s().problems;
    expect(problems.find((p) => p.message.includes('upcse'))?.block).toBe(0);
    expect(problems.find((p) => p.message.includes('no link'))?.block).toBe(1);
  });

  it('refreshes the preview and the check a moment after typing', async () => {
    vi.useFakeTimers();
    await s().load();
    await s().create('Promo');
    await vi.runAllTimersAsync();
    s().update({ subject: 'Hello {{ contact.first_name }}' });
    expect(api.calls.filter((c) => c === 'preview')).toHaveLength(1);
    s().update({ subject: 'Hello {{ contact.first_name }}!' });
    await vi.advanceTimersByTimeAsync(500);
    expect(api.calls.filter((c) => c === 'preview')).toHaveLength(2); // one refresh for the two changes
    expect(s().preview?.subject).toBe('Hello Camille!');
    s().setPreviewContact(42);
    await vi.runAllTimersAsync();
    expect(s().preview?.subject).toBe('Hello Contact 42!');
    expect(s().previewContactId).toBe(42);
  });

  it('keeps the last preview and says why a new one failed', async () => {
    await s().load();
    await s().create('Promo');
    await s().refresh();
    const before = s().preview;
    api.failNext('preview', 'template "promo": html line 3: undefined filter "upcse"');
    await s().refresh();
    expect(s().preview).toBe(before);
    expect(s().previewError).toMatch(/upcse/);
  });

  it('switches to raw HTML made from the blocks', async () => {
    await s().load();
    await s().create('Promo');
    await s().setMode('html');
    expect(s().mode).toBe('html');
    expect(s().draft!.blocks).toEqual([]);
    expect(s().draft!.html).toContain('data-type="heading"');
    await s().setMode('blocks');
    expect(s().draft!.html).toBe('');
    expect(s().draft!.blocks!.length).toBeGreaterThan(0);
  });

  it('saves unsaved changes before opening another email', async () => {
    api.store.set('a', { id: 'a', name: 'A', subject: 'Hi', html: '<p>A</p>' });
    api.store.set('b', { id: 'b', name: 'B', subject: 'Hi', html: '<p>B</p>' });
    await s().load();
    s().update({ subject: 'Changed' });
    await s().select('b');
    expect(api.store.get('a')?.subject).toBe('Changed');
  });

  it('duplicates and deletes', async () => {
    await s().load();
    await s().create('Promo');
    expect(await s().duplicate('promo')).toBe('promo-copy');
    expect(api.store.get('promo-copy')?.name).toBe('Promo (copy)');
    await s().remove('promo-copy');
    expect(api.store.has('promo-copy')).toBe(false);
    expect(s().selectedId).toBe('promo');
  });

  it('says when a save fails and keeps the changes', async () => {
    await s().load();
    await s().create('Promo');
    s().update({ subject: 'New' });
    api.failNext('saveTemplate', 'disk full');
    expect(await s().save()).toBe(false);
    expect(s().saveError).toBe('disk full');
    expect(isDirty(s())).toBe(true);
    expect(toastTexts('en').at(-1)).toMatch(/disk full/);
  });
});
