import { describe, expect, it } from 'vitest';
import { spec } from '../../../test/fakeBackend';
import { summaryText } from './summary';

describe('summary line', () => {
  it('fills {field} with the value', () => {
    expect(summaryText(spec('wait.delay'), { duration: '2d' }, 'en')).toBe('Wait 2d');
    expect(summaryText(spec('wait.delay'), { duration: '2d' }, 'fr')).toBe('Attendre 2d');
    expect(summaryText(spec('trigger.list_joined'), { list: 'newsletter' }, 'en')).toBe('When a contact joins newsletter');
  });

  it('writes choices with their label in the UI language', () => {
    const s = spec('condition.field');
    expect(summaryText(s, { field: 'country', operator: 'equals', value: 'US' }, 'en')).toBe('country is US?');
    expect(summaryText(s, { field: 'country', operator: 'not_equals', value: 'US' }, 'fr')).toBe('country n\'est pas US ?');
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
    expect(text).toBe('Clicked Welcome email?');
  });

  it('writes lists, days and branches readably', () => {
    expect(summaryText(spec('wait.window'), { from: '08:00', to: '12:00' }, 'en')).toBe('Only 08:00–12:00');
    expect(summaryText(spec('split.field'), { field: 'country' }, 'fr')).toBe('Selon country');
  });

  it('shows … when an optional-only summary has nothing yet', () => {
    expect(summaryText(spec('goal.reached'), {}, 'en')).toBe('Goal: …');
  });
});

function labelOf(s: ReturnType<typeof spec>, field: string, value: string): string {
  return s.fields.find((f) => f.name === field)!.options!.find((o) => o.value === value)!.label.en;
}
