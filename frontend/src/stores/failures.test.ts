import { describe, expect, it } from 'vitest';
import { say } from '../i18n/message';
import { retriedMessage } from './failures';

describe('what a retry says', () => {
  it('counts emails and contacts with their plural, and leaves out what is zero, in English and French', () => {
    expect(say('en', retriedMessage(1, 0))).toBe('Trying again: 1 email goes out again.');
    expect(say('en', retriedMessage(3, 0))).toBe('Trying again: 3 emails go out again.');
    expect(say('en', retriedMessage(0, 2))).toBe('Trying again: 2 contacts go on from their step.');
    expect(say('en', retriedMessage(2, 1))).toBe('Trying again: 2 emails go out again and 1 contact goes on from the step.');
    expect(say('fr', retriedMessage(1, 0))).toBe('Nouvel essai : 1 courriel repart.');
    expect(say('fr', retriedMessage(2, 3))).toBe('Nouvel essai : 2 courriels repartent et 3 contacts reprennent à leur étape.');
    expect(say('en', retriedMessage(0, 0))).toBe('Nothing was waiting to be tried again at this step.');
  });
});
