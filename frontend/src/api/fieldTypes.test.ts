import { describe, expect, it } from 'vitest';
import { renderers } from '../features/funnel/inspector/renderers';
import fixture from './catalogue.fixture.json';
import { FIELD_TYPES } from './fieldTypes';

describe('field types', () => {
  it('match the engine’s FieldTypes(), captured in the fixture', () => {
    expect([...FIELD_TYPES]).toEqual(fixture.field_types);
  });

  it('cover every field type the catalogue uses', () => {
    const used = new Set(fixture.catalogue.flatMap((s) => s.fields.map((f) => f.type)));
    for (const t of used) expect(FIELD_TYPES as readonly string[]).toContain(t);
  });

  it('each have exactly one renderer', () => {
    expect(Object.keys(renderers).sort()).toEqual([...FIELD_TYPES].sort());
    for (const t of FIELD_TYPES) expect(typeof renderers[t]).toBe('function');
  });
});
