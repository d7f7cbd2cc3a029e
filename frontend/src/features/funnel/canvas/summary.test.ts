import { describe, expect, it } from 'vitest';
import { spec } from '../../../test/fakeBackend';
import { EMPTY_REFS } from '../../../api/refs';
import { useRefs } from '../../../stores/refs';
import { formatDuration, humanize, summaryText } from './summary';

describe('summary line', () => {
  it('fills {field} with the value', () => {
    expect(summaryText(spec('wait.delay'), { duration: '2d' }, 'en')).toBe('Wait 2 days');
    expect(summaryText(spec('wait.delay'), { duration: '2d' }, 'fr')).toBe('Attendre 2 jours');
    expect(summaryText(spec('trigger.list_joined'), { list: 'newsletter' }, 'en')).toBe('When a contact joins newsletter');
  });

  it('writes choices with their label in the UI language', () => {
    const s = spec('condition.field');
    expect(summaryText(s, { field: 'country', operator: 'equals', value: 'US' }, 'en')).toBe('Country is US?');
    expect(summaryText(s, { field: 'country', operator: 'not_equals', value: 'US' }, 'fr')).toBe('Pays n\'est pas US ?');
    // A field of the workspace's own reads as stored.
    expect(summaryText(s, { field: 'loyalty', operator: 'equals', value: 'gold' }, 'en')).toBe('loyalty is gold?');
  });

  it('uses defaults, and hides fields that show_if hides', () => {
    const s = spec('trigger.score_reached');
    expect(summaryText(s, {}, 'en')).toBe('When Lead score reaches 50'.replace('Lead score', labelOf(s, 'metric', 'score')));
    expect(summaryText(s, { metric: 'temperature' }, 'en')).toContain(labelOf(s, 'temperature', 'hot'));
    expect(summaryText(s, { metric: 'temperature' }, 'en')).not.toContain('50');
  });

  it('marks a missing required value with …', () => {
    expect(summaryText(spec('action.send_email'), {}, 'en')).toBe('Send “…”');
    expect(summaryText(spec('trigger.list_joined'), { list: '' }, 'en')).toBe('When a contact joins …');
  });

  it('names another step of the flow by its name', () => {
    const s = spec('condition.email_engagement');
    const text = summaryText(s, { email_node: 'hello', engagement: 'clicked' }, 'en', { nodeName: (id) => (id === 'hello' ? 'Welcome email' : undefined) });
    expect(text).toBe('Clicked a link in “Welcome email”?');
    const fr = summaryText(s, { email_node: 'hello', engagement: 'opened' }, 'fr', { nodeName: () => 'Email de bienvenue' });
    expect(fr).toBe('A ouvert « Email de bienvenue » ?');
  });

  it('writes lists, days and branches readably', () => {
    expect(summaryText(spec('wait.window'), { from: '08:00', to: '12:00' }, 'en')).toBe('Only 08:00–12:00');
    expect(summaryText(spec('split.field'), { field: 'country' }, 'fr')).toBe('Selon Pays');
  });

  it('writes durations out in words, in each language', () => {
    expect(formatDuration('1d', 'en')).toBe('1 day');
    expect(formatDuration('4h', 'fr')).toBe('4 heures');
    expect(formatDuration('1d 12h', 'en')).toBe('1 day 12 hours');
    expect(formatDuration('1h30m', 'fr')).toBe('1 heure 30 minutes');
    expect(formatDuration('1.5h', 'fr')).toBe('1,5 heure');
    expect(formatDuration('2w', 'en')).toBe('2 weeks');
    expect(formatDuration('3j', 'fr')).toBe('3 jours');
    // What the engine would refuse is left as typed, for the problem to point at.
    expect(formatDuration('soon', 'en')).toBe('soon');
    expect(formatDuration('2x', 'en')).toBe('2x');
    const waitEvent = spec('wait.event');
    expect(summaryText(waitEvent, { event_type: 'purchase', timeout: '14d' }, 'en', { refName: () => 'Purchase' })).toBe('Wait for Purchase (at most 14 days)');
    expect(summaryText(waitEvent, { event_type: 'purchase', timeout: '14d' }, 'fr', { refName: () => 'Achat' })).toBe('Attendre : Achat (au plus 14 jours)');
  });

  it('writes score changes as signed points', () => {
    const s = spec('action.score');
    expect(summaryText(s, { points: 10 }, 'en')).toBe('+10 points');
    expect(summaryText(s, { points: -5 }, 'fr')).toBe('\u22125 points');
    expect(summaryText(s, {}, 'en')).toBe('+10 points'); // the default
  });

  it('names events by their label, never by their key, and counts in words', () => {
    const s = spec('condition.behaviour');
    const named = { refName: (_t: string, k: string) => (k === 'page_visited' ? 'Page visited' : undefined) };
    expect(summaryText(s, { event_type: 'page_visited', min_count: 1 }, 'en', named)).toBe('Page visited, at least once?');
    expect(summaryText(s, { event_type: 'page_visited', min_count: 3 }, 'fr', { refName: () => 'Page visitée' })).toBe('Page visitée, au moins 3 fois ?');
    // An event the workspace does not know yet reads as words.
    expect(summaryText(s, { event_type: 'demo_booked', min_count: 2 }, 'en', named)).toBe('Demo booked, at least 2 times?');
    expect(humanize('optin_confirmed')).toBe('Optin confirmed');
  });

  it('shows … when an optional-only summary has nothing yet', () => {
    expect(summaryText(spec('goal.reached'), {}, 'en')).toBe('Goal: …');
  });
});

function labelOf(s: ReturnType<typeof spec>, field: string, value: string): string {
  return s.fields.find((f) => f.name === field)!.options!.find((o) => o.value === value)!.label.en;
}

describe('summary line of a missing reference', () => {
  it('names an email the workspace does not have as missing, never by its id', () => {
    useRefs.setState({ refs: EMPTY_REFS, status: 'ready' });
    try {
      expect(summaryText(spec('action.send_email'), { template: 'welcome-from-old-tool' }, 'en')).toBe('Send “Missing email”');
      expect(summaryText(spec('action.send_email'), { template: 'welcome-from-old-tool' }, 'fr')).not.toContain('welcome-from-old-tool');
    } finally {
      useRefs.setState({ status: 'idle' });
    }
  });
});
