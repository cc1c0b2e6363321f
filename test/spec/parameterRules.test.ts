/**
 * Every convention's rule for every kind of invalid parameter cites its source, or says why the
 * convention has none (spec: error.parameter-range, convention.unspecified, convention.sources):
 * a `reject` cell names the document, code file or issue of the framework's rule (for cnnspec,
 * the clause), an `unspecified` cell why, a `defined` cell the source of the meaning the
 * convention gives the case; values beyond 2^31 - 1 are the kit's limit under every convention.
 * The kinds are those the generators send.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { clauseById } from '../../src/spec/clauseRegistry.js';
import { CONVENTION_NAMES } from '../../src/spec/conventions.js';
import {
  LIMIT_KINDS,
  PARAMETER_KIND_NAMES,
  PARAMETER_KINDS,
  PARAMETER_RULES,
  parameterRule,
  type ParameterKind,
} from '../../src/spec/parameterRules.js';
import { invalidCallCase } from '../../properties/arbitraries/invalidCallCase.js';
import { invalidLayerCase } from '../../properties/arbitraries/invalidLayerCase.js';
import { propertyContext } from '../../properties/runProperty.js';

const DOCUMENT = /https:\/\/\S+|[\w/-]+\.(cc|cpp|h|py|ts|adoc|tosac|xml|bs|proto|md|yaml)\b/;
const isLimit = (kind: ParameterKind): boolean => (LIMIT_KINDS as readonly string[]).includes(kind);

describe('parameter rules', () => {
  it('name a registered clause for every kind', () => {
    for (const kind of PARAMETER_KIND_NAMES) expect(clauseById(PARAMETER_KINDS[kind].clause), kind).toBeDefined();
  });

  it('reject every kind under cnnspec, citing a clause of the spec', () => {
    for (const kind of PARAMETER_KIND_NAMES) {
      const rule = PARAMETER_RULES.cnnspec[kind];
      if (isLimit(kind)) continue;
      expect(rule.rule, kind).toBe('reject');
      if (rule.rule !== 'reject') continue;
      const clause = /^spec: ([a-z0-9.-]+) — /.exec(rule.source)?.[1];
      expect(clause !== undefined && clauseById(clause) !== undefined, `${kind}: ${rule.source}`).toBe(true);
    }
  });

  for (const name of CONVENTION_NAMES) {
    it(`give every kind under ${name} a cited rule or a reason`, () => {
      expect(Object.keys(PARAMETER_RULES[name]).sort()).toEqual([...PARAMETER_KIND_NAMES].sort());
      for (const kind of PARAMETER_KIND_NAMES) {
        const rule = parameterRule(name, kind);
        const where = `${name}.${kind}`;
        // spec: error.limits — beyond 2^31 - 1 is the kit's limit, the same under every convention
        expect(rule.rule === 'limit', where).toBe(isLimit(kind));
        switch (rule.rule) {
          case 'reject':
            if (name !== 'cnnspec') expect(rule.source, where).toMatch(DOCUMENT);
            expect(rule.source.length, where).toBeGreaterThan(20);
            break;
          case 'unspecified':
            expect(rule.why.length, where).toBeGreaterThan(20);
            expect(rule.why, where).toMatch(DOCUMENT);
            break;
          case 'defined':
            expect(name, where).not.toBe('cnnspec');
            expect(rule.source, where).toMatch(DOCUMENT);
            expect(rule.why.length, where).toBeGreaterThan(20);
            break;
          case 'limit':
            expect(rule.why.length, where).toBeGreaterThan(20);
            break;
        }
      }
    });
  }

  it('follow a convention with overrides by its base', () => {
    expect(parameterRule({ base: 'onnx', overrides: { maxPoolNan: 'propagate' } }, 'pad-op-negative')).toEqual(
      PARAMETER_RULES.onnx['pad-op-negative'],
    );
  });

  it('cover exactly the kinds the generators send', () => {
    const ctx = propertyContext(referenceAdapter('cnnspec'));
    const sent = new Set<string>();
    for (const op of ['conv', 'pool', 'pad', 'dense', 'global-pool', 'conv-transpose'] as const) {
      for (const c of fc.sample(invalidCallCase(ctx, op, 'malformed'), { numRuns: 200, seed: 2 })) sent.add(c.parameterKind);
    }
    for (const op of ['conv', 'pool'] as const)
      for (const c of fc.sample(invalidCallCase(ctx, op, 'oversized'), { numRuns: 100, seed: 2 })) sent.add(c.parameterKind);
    for (const family of ['malformed', 'oversized'] as const) {
      for (const question of ['outputShape', 'paramCount'] as const) {
        for (const c of fc.sample(invalidLayerCase(ctx, family, question), { numRuns: 300, seed: 2 })) sent.add(c.parameterKind);
      }
    }
    expect([...sent].sort()).toEqual([...PARAMETER_KIND_NAMES].sort());
  });
});
