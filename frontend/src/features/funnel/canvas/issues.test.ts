import { describe, expect, it } from 'vitest';
import { spec } from '../../../test/fakeBackend';
import { issueText } from './issues';

describe('problem sentences', () => {
  it('use the engine’s words in English', () => {
    expect(issueText({ severity: 'error', code: 'required', field: 'template', message: 'email is required' }, 'en', spec('action.send_email'))).toBe(
      'Email is required',
    );
  });

  it('are rebuilt in French from the code and the French labels', () => {
    const s = spec('condition.tag');
    expect(issueText({ severity: 'error', code: 'port_unconnected', port: 'no', message: 'the "No" output is not connected' }, 'fr', s)).toBe(
      'La sortie « Non » n’est reliée à rien',
    );
    expect(issueText({ severity: 'error', code: 'required', field: 'tag', message: 'Tag is required' }, 'fr', s)).toMatch(/est obligatoire$/);
    expect(issueText({ severity: 'warning', code: 'port_unconnected', port: 'timeout', message: 'x' }, 'fr', spec('wait.event'))).toMatch(/ne mène nulle part/);
  });

  it('fall back to the engine’s words for an unknown code', () => {
    expect(issueText({ severity: 'error', code: 'brand_new', message: 'something new' }, 'fr')).toBe('Something new');
  });
});
