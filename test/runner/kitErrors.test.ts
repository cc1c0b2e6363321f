/**
 * A property that cannot run says why, with one typed signal: NotApplicable makes it unsupported
 * with its reason and the features it lacks; any other exception thrown while its cases are
 * built, drawn or shrunk is an error in the kit, never a skip and never a verdict on the
 * implementation (spec: conformance.capabilities, conformance.verdict).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { WorkItem } from '../../src/runner/runConformance.js';
import { loadProfile } from '../../src/profiles/loadProfiles.js';
import { runWorkItem } from '../../src/runner/runWorkItem.js';
import { convCase } from '../../properties/arbitraries/convCase.js';
import { ALL_PROPERTIES, defineProperty, NotApplicable, PropertyViolation, type PropertyContext } from '../../properties/index.js';
import { KIT_ERROR, propertyContext, runProperty } from '../../properties/runProperty.js';
import type { Feature } from '../../src/spec/features.js';

const reference = referenceAdapter('cnnspec');
const options = { seed: 20261128, numRuns: 10 };
const without = (...features: Feature[]): Adapter => ({
  ...reference,
  features: reference.features.filter((feature) => !features.includes(feature)),
});
const property = (id: string) => ALL_PROPERTIES.find((candidate) => candidate.id === id)!;

/** A property of the given generator whose check fails every case it is given. */
const probe = (arbitrary: (ctx: PropertyContext) => fc.Arbitrary<unknown>) =>
  defineProperty<unknown>({
    id: 'conv/probe/fails-every-case',
    spec: ['conformance.capabilities'],
    features: [],
    ops: ['conv'],
    description: 'A probe whose check fails every case.',
    arbitrary,
    check: async () => {
      throw new PropertyViolation('the probe fails every case');
    },
  });

describe('an exception other than NotApplicable', () => {
  it('thrown while the generator is built is an error in the kit, not an unsupported property', async () => {
    const result = await runProperty(
      probe(() => {
        throw new TypeError("Cannot read properties of undefined (reading 'ranks')");
      }),
      reference,
      options,
    );
    expect(result.status).toBe('error');
    expect(result.status === 'error' && result.message).toBe(
      `${KIT_ERROR}: building the generator of cases threw TypeError: Cannot read properties of undefined (reading 'ranks')`,
    );
  });

  it('thrown while a case is drawn is an error in the kit, not a failure of the implementation', async () => {
    const drawn = probe(() =>
      fc.integer().map((): number => {
        throw new TypeError('a mapper of the kit broke');
      }),
    );
    const result = await runProperty(drawn, reference, options);
    expect(result.status).toBe('error');
    expect(result.status === 'error' && result.message).toBe(`${KIT_ERROR}: drawing a case threw TypeError: a mapper of the kit broke`);
  });

  it('thrown while a failing case is shrunk is an error in the kit', async () => {
    const shrunk = probe(() =>
      fc.integer({ min: 100, max: 1000 }).chain((n) => {
        if (n < 105) throw new RangeError(`no case for ${n}`);
        return fc.constant(n);
      }),
    );
    const result = await runProperty(shrunk, reference, options);
    expect(result.status).toBe('error');
    expect(result.status === 'error' && result.message).toMatch(
      new RegExp(`^${KIT_ERROR}: shrinking a failing case threw RangeError: no case for 10[0-4]$`),
    );
  });

  it('is reported by the runner with status error, a message that says it is an error in the kit, and a replay', async () => {
    const drawn = probe(() =>
      fc.integer().map((): number => {
        throw new TypeError('a mapper of the kit broke');
      }),
    );
    const item: WorkItem = {
      id: drawn.id,
      kind: 'property',
      spec: [...drawn.spec],
      features: [],
      ops: [...drawn.ops],
      description: drawn.description,
      property: drawn,
    };
    const run = { adapter: reference, source: 'test', seed: 1, numRuns: 5, timeoutMs: 30_000, replay: (id: string) => `replay ${id}` };
    const result = await runWorkItem(item, { adapter: reference, convention: 'cnnspec', run, profiles: [loadProfile()], entries: [] });
    expect(result).toMatchObject({
      status: 'error',
      message: `${KIT_ERROR}: drawing a case threw TypeError: a mapper of the kit broke`,
      replay: `replay ${drawn.id}`,
    });
  });

  it('thrown by a case generator asked for nothing any adapter could give is an error in the kit', async () => {
    const ctx = propertyContext(reference);
    expect(() => convCase(ctx, { ranks: [] })).toThrow(/^convolution cases: no spatial rank the property asks for is supported/);
    expect(() => convCase(ctx, { ranks: [] })).not.toThrow(NotApplicable);
    const result = await runProperty(
      probe((context) => convCase(context, { ranks: [] })),
      reference,
      options,
    );
    expect(result.status).toBe('error');
  });
});

describe('NotApplicable', () => {
  it('thrown by a property makes it unsupported with its reason and the features it lacks', async () => {
    const result = await runProperty(
      probe(() => {
        throw NotApplicable.needsOneOf('padding.fill.circular', 'padding.fill.reflect');
      }),
      without('padding.fill.circular', 'padding.fill.reflect'),
      options,
    );
    expect(result.status).toBe('unsupported');
    if (result.status !== 'unsupported') return;
    expect(result.missing).toEqual(['feature padding.fill.circular or padding.fill.reflect']);
    expect(result.lacking).toEqual({ features: ['padding.fill.circular', 'padding.fill.reflect'], methods: [] });
  });

  it('without features says the property does not apply', async () => {
    const result = await runProperty(
      probe(() => {
        throw new NotApplicable('convention cnnspec has no such default');
      }),
      reference,
      options,
    );
    expect(result).toMatchObject({
      status: 'unsupported',
      missing: ['not applicable: convention cnnspec has no such default'],
      lacking: { features: [], methods: [] },
    });
  });

  it('thrown while a case is drawn makes the property unsupported too', async () => {
    const lazy = probe(() =>
      fc.integer().chain((): fc.Arbitrary<number> => {
        throw NotApplicable.needsOneOf('spatial-rank-3');
      }),
    );
    const result = await runProperty(lazy, without('spatial-rank-3'), options);
    expect(result).toMatchObject({
      status: 'unsupported',
      missing: ['feature spatial-rank-3'],
      lacking: { features: ['spatial-rank-3'], methods: [] },
    });
  });

  it('names the features a case generator lacks', async () => {
    const result = await runProperty(property('pool/output-shape/matches-formula'), without('pool.max', 'pool.avg'), options);
    expect(result).toMatchObject({
      status: 'unsupported',
      missing: ["no pooling case within the property's constraints: the adapter lacks pool.max, pool.avg"],
      lacking: { features: ['pool.max', 'pool.avg'], methods: [] },
    });
  });

  it('is what a property drawing a rank and a layout signals when the adapter declares no layout', async () => {
    const result = await runProperty(
      property('conv/no-flip/kernel-applied-as-stored'),
      without('layout.channels-first', 'layout.channels-last'),
      options,
    );
    expect(result).toMatchObject({
      status: 'unsupported',
      lacking: { features: ['layout.channels-first', 'layout.channels-last'], methods: [] },
    });
  });
});

describe('a replay path', () => {
  it('that fast-check cannot read ends the property in error, naming the path, not in a kit error', async () => {
    const result = await runProperty(property('conv/no-flip/kernel-applied-as-stored'), reference, { ...options, path: '3:x' });
    expect(result.status).toBe('error');
    expect(result.status === 'error' && result.message).toBe(
      "the replay path '3:x' is not a fast-check path: case numbers separated by colons, as a failure's replay command gives it",
    );
  });
});
