import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/dict';
import { en, fr } from './i18n';
import { stageMessage } from './ContactProfile';
import { eventLabel, fieldLabel, opLabel, segmentProblem, stageLabel } from './labels';

const tEn = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('en', k, v);
const tFr = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('fr', k, v);

describe('contacts wording', () => {
  it('has every sentence in French', () => {
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(fr[k], k).toBeTruthy();
  });

  it('names engine values in the UI language, and unknown ones as they are', () => {
    expect(stageLabel(tFr, 'customer')).toBe('Client');
    expect(eventLabel(tEn, 'email_opened')).toBe('Email opened');
    expect(eventLabel(tEn, 'webinar_attended')).toBe('webinar_attended');
    expect(fieldLabel(tFr, 'region')).toBe('Région / Province');
    expect(fieldLabel(tEn, 'shoe', [{ name: 'shoe', label: 'Shoe size', type: 'number', options: [], identity: false }])).toBe('Shoe size');
  });

  it('words list and tag operators for their kind', () => {
    expect(opLabel(tEn, 'list', 'in')).toBe('they are in');
    expect(opLabel(tEn, 'field', 'in')).toBe('is one of');
    expect(opLabel(tEn, 'tag', 'has_not')).toBe('they do not have');
  });

  it('turns common refusals into plain words', () => {
    expect(segmentProblem(tEn, 'operator "gte" needs a value')).toBe('Fill in a value to compare with.');
    expect(segmentProblem(tEn, 'filter 1: property "url": operator "contains" needs a value')).toBe('Fill in the value of the detail “url”.');
    expect(segmentProblem(tFr, 'there is no list "vip"')).toBe('Il n’y a pas de liste « vip ».');
    expect(segmentProblem(tEn, 'something new')).toBe('something new');
    expect(stageMessage(tFr, 'contact 3: cannot go back from "sql" to "lead": stages only move forward')).toBe(
      'Impossible de revenir de « Qualifié ventes » à « Prospect » : les étapes ne font qu’avancer. Pour le permettre, activez « Permettre à l’étape du cycle d’un contact de reculer » dans Réglages → Contacts.',
    );
  });
});
