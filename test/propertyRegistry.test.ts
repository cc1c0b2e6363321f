/**
 * The property registry: unique IDs of the documented form, only registered clauses, only known
 * features and adapter methods, one-sentence descriptions.
 */
import { describe, expect, it } from 'vitest';
import { loadClauseRegistry } from '../src/spec/clauseRegistry.js';
import { FEATURES } from '../src/spec/features.js';
import { ALL_PROPERTIES } from '../properties/index.js';
import { runProperty } from '../properties/runProperty.js';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import { ADAPTER_OPS } from '../src/ops/Adapter.js';

const clauses = new Set(loadClauseRegistry().clauses.map((clause) => clause.id));
const ops: readonly string[] = ADAPTER_OPS;

describe('property registry', () => {
  it('has unique IDs of the form <op>/<topic>/<invariant>', () => {
    const ids = ALL_PROPERTIES.map((property) => property.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z-]+\/[a-z0-9.-]+\/[a-z0-9.-]+$/);
  });

  it('cites registered clauses, known features and adapter methods', () => {
    for (const property of ALL_PROPERTIES) {
      expect(property.spec.length, property.id).toBeGreaterThan(0);
      for (const id of property.spec) expect(clauses.has(id), `${property.id} cites ${id}`).toBe(true);
      for (const feature of property.features) expect(FEATURES, property.id).toContain(feature);
      expect(property.ops.length, property.id).toBeGreaterThan(0);
      for (const op of property.ops) expect(ops, property.id).toContain(op);
    }
  });

  it('describes each property in one sentence', () => {
    for (const property of ALL_PROPERTIES) {
      expect(property.description, property.id).toMatch(/^[A-Za-z0-9'(].*[.]$/);
      expect(property.description.split(/\.\s+[A-Z]/).length, property.id).toBe(1);
    }
  });

  // spec: conformance.capabilities
  it('reports a property unsupported when the adapter lacks a method or feature it needs', async () => {
    const full = referenceAdapter();
    const { conv: _conv, ...withoutConv } = full;
    const noConv = { ...withoutConv, features: full.features.filter((f) => f !== 'conv') };
    const property = ALL_PROPERTIES.find((p) => p.id === 'conv/output-shape/matches-formula')!;
    const result = await runProperty(property, noConv, { seed: 1, numRuns: 5 });
    expect(result.status).toBe('unsupported');
    if (result.status === 'unsupported') {
      expect(result.missing).toEqual(['feature conv', 'method conv']);
      expect(result.lacking).toEqual({ features: ['conv'], methods: ['conv'] });
    }
  });
});
