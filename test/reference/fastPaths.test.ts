/**
 * The fast paths the kit's oracle calls (convFast, poolFast, globalPoolFast) against the
 * plain-loop reference they stand in for (conv.ts, pool.ts, globalPool.ts): on cases drawn by the
 * suite's own arbitraries under every convention and every fully specified member of it, with
 * exact, float and special values (NaN, infinities, -0), the outputs must be bitwise identical
 * (same shape, Object.is on every element), and on invalid calls both must throw the same typed
 * error. Each case is computed twice by the fast path, so that the second answer comes from the
 * plan cache. The counts of what the generators reached are printed and checked at the end.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { conv } from '../../src/ops/conv/conv.js';
import { convFast } from '../../src/ops/conv/convFast.js';
import { convFastPlan } from '../../src/ops/conv/convFastPlan.js';
import { planConv } from '../../src/ops/conv/planConv.js';
import { globalPool } from '../../src/ops/global-pool/globalPool.js';
import { globalPoolFast } from '../../src/ops/global-pool/globalPoolFast.js';
import { planCacheKey } from '../../src/ops/planCacheKey.js';
import { planPool } from '../../src/ops/pool/planPool.js';
import { pool } from '../../src/ops/pool/pool.js';
import { poolFast } from '../../src/ops/pool/poolFast.js';
import { poolFastPlan } from '../../src/ops/pool/poolFastPlan.js';
import { windowTapTable } from '../../src/ops/window/windowTaps.js';
import { windowTapTableFast } from '../../src/ops/window/windowTapTableFast.js';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { conventionAndMembers } from '../../src/spec/concreteConventions.js';
import { CONVENTION_NAMES, type ConventionSpec } from '../../src/spec/conventions.js';
import { makeTensor, type Tensor } from '../../src/tensor/tensor.js';
import { convCase, type ConvCase } from '../../properties/arbitraries/convCase.js';
import type { ValueDomain } from '../../properties/arbitraries/elementValues.js';
import { globalPoolCase, type GlobalPoolCase } from '../../properties/arbitraries/globalPoolCase.js';
import { invalidCallCase, type InvalidFamily } from '../../properties/arbitraries/invalidCallCase.js';
import { poolCase, type PoolCase } from '../../properties/arbitraries/poolCase.js';
import type { PropertyContext } from '../../properties/PropertyDefinition.js';
import { propertyContext } from '../../properties/runProperty.js';

const SEED = 20261205;
const DOMAINS: ValueDomain[] = ['special', 'float', 'exact'];
const CONTEXTS: PropertyContext[] = CONVENTION_NAMES.map((name) => propertyContext(referenceAdapter(name)));

/** What the generators reached, by aspect: printed and checked once every test has run. */
const reached = new Map<string, number>();
const count = (aspect: string): void => void reached.set(aspect, (reached.get(aspect) ?? 0) + 1);

/** A tensor, or the error thrown instead, as far as a caller can tell them apart. */
type Outcome = { tensor: Tensor } | { error: { code: string; clause: string; parameter: string; op: string; message: string } };

function outcome(compute: () => Tensor): Outcome {
  try {
    return { tensor: compute() };
  } catch (error) {
    if (!(error instanceof CnnSpecError)) throw error;
    count(`error ${error.code}`);
    return { error: { code: error.code, clause: error.clause, parameter: error.parameter, op: error.op, message: error.message } };
  }
}

/** Fails unless both outcomes are the same error, or tensors of the same shape equal element by element under Object.is. */
function expectBitwise(fast: Outcome, plain: Outcome, label: string): void {
  if ('error' in plain || 'error' in fast) {
    expect(fast, label).toEqual(plain);
    return;
  }
  expect([...fast.tensor.shape], `${label}: shape`).toEqual([...plain.tensor.shape]);
  expect(fast.tensor.data.length, `${label}: length`).toBe(plain.tensor.data.length);
  const at = plain.tensor.data.findIndex((value, index) => !Object.is(value, fast.tensor.data[index]));
  const show = (value: number | undefined): string => (Object.is(value, -0) ? '-0' : String(value));
  if (at >= 0) expect.fail(`${label}: element ${at} is ${show(fast.tensor.data[at])}, the reference's ${show(plain.tensor.data[at])}`);
  if (plain.tensor.data.length === 0) count('empty output');
  if (plain.tensor.data.some(Number.isNaN)) count('NaN in output');
  if (plain.tensor.data.some((value) => Object.is(value, -0))) count('-0 in output');
}

function countValues(tensors: readonly (Tensor | undefined)[]): void {
  const values = tensors.flatMap((tensor) => (tensor === undefined ? [] : [...tensor.data]));
  if (values.some(Number.isNaN)) count('NaN in input');
  if (values.some((value) => value === Infinity || value === -Infinity)) count('±Infinity in input');
  if (values.some((value) => Object.is(value, -0))) count('-0 in input');
}

/** A context, one of its convention and members, and a case drawn for it with one of the value domains. */
function drawn<Case>(make: (ctx: PropertyContext, values: ValueDomain) => fc.Arbitrary<Case>) {
  const options = CONTEXTS.flatMap((ctx) =>
    DOMAINS.flatMap((values) => {
      let arbitrary: fc.Arbitrary<Case>;
      try {
        arbitrary = make(ctx, values);
      } catch {
        return []; // the convention defines no such cases
      }
      return [
        fc.record({
          ctx: fc.constant(ctx),
          member: fc.constantFrom<ConventionSpec>(...conventionAndMembers(ctx.conventionSpec)),
          c: arbitrary,
        }),
      ];
    }),
  );
  return fc.oneof(...options);
}

function countConvention(op: string, ctx: PropertyContext, member: ConventionSpec): void {
  count(`${op} convention ${String(ctx.conventionSpec)}`);
  count(`${op} ${typeof member === 'string' ? 'convention as given' : 'fully specified member of a convention'}`);
}

describe('the fast paths compute the plain reference bitwise', () => {
  it('convolution: every convention and member, layout, rank, fill, stride, dilation, groups and value domain', () => {
    fc.assert(
      fc.property(
        drawn<ConvCase>((ctx, values) => convCase(ctx, { values })),
        ({ ctx, member, c }) => {
          const params = { ...c.params, convention: member };
          const plain = outcome(() => conv(c.input, c.weight, c.bias, params));
          const label = `conv under ${JSON.stringify(member)}, ${JSON.stringify(c.params)}, input ${c.input.shape}, weight ${c.weight.shape}`;
          expectBitwise(
            outcome(() => convFast(c.input, c.weight, c.bias, params)),
            plain,
            label,
          );
          expectBitwise(
            outcome(() => convFast(c.input, c.weight, c.bias, params)),
            plain,
            `${label} (plan from the cache)`,
          );
          if ('tensor' in plain) {
            expect(convFastPlan(params, c.input.shape, c.weight.shape, c.bias?.shape).plan).toEqual(
              planConv(params, c.input.shape, c.weight.shape, c.bias?.shape),
            );
          }
          const plan = planConv({ ...c.params, convention: ctx.conventionSpec }, c.input.shape, c.weight.shape, c.bias?.shape);
          countConvention('conv', ctx, member);
          count(`conv layout ${c.params.layout}`);
          count(`conv kernel layout ${c.params.kernelLayout}`);
          count(`conv spatial rank ${plan.window.rank}`);
          count(`conv fill ${c.params.fill}`);
          count(`conv padding ${typeof c.params.padding === 'string' ? c.params.padding : 'explicit'}`);
          if (plan.groups > 1) count(plan.groups === plan.inChannels ? 'conv depthwise' : 'conv groups > 1');
          if (plan.window.dilations.some((d) => d > 1)) count('conv dilation > 1');
          if (plan.window.strides.some((s) => s > 1)) count('conv stride > 1');
          if (c.bias !== undefined) count('conv bias');
          const padded = plan.window.padBegin.some((p) => p > 0) || plan.window.padEnd.some((p) => p > 0);
          count(
            padded ? (c.params.fill === 'zeros' ? 'conv zero padding (taps that read nothing)' : 'conv filled padding') : 'conv no padding',
          );
          countValues([c.input, c.weight, c.bias]);
        },
      ),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('pooling: every convention and member, kind, layout, rank, ceil mode, padding counted, dilation and value domain', () => {
    fc.assert(
      fc.property(
        drawn<PoolCase>((ctx, values) => poolCase(ctx, { values })),
        ({ ctx, member, c }) => {
          const params = { ...c.params, convention: member };
          const plain = outcome(() => pool(c.input, params));
          const label = `pool under ${JSON.stringify(member)}, ${JSON.stringify(c.params)}, input ${c.input.shape}`;
          expectBitwise(
            outcome(() => poolFast(c.input, params)),
            plain,
            label,
          );
          expectBitwise(
            outcome(() => poolFast(c.input, params)),
            plain,
            `${label} (plan from the cache)`,
          );
          if ('tensor' in plain) expect(poolFastPlan(params, c.input.shape).plan).toEqual(planPool(params, c.input.shape));
          const plan = planPool({ ...c.params, convention: ctx.conventionSpec }, c.input.shape);
          countConvention('pool', ctx, member);
          count(`pool ${plan.kind}`);
          count(`pool ${plan.layout}`);
          count(`pool spatial rank ${plan.window.rank}`);
          count(`pool padding ${typeof c.params.padding === 'string' ? c.params.padding : 'explicit'}`);
          if (plan.window.ceilMode) count('pool ceil mode');
          if (plan.countIncludePad) count('pool count_include_pad');
          if (plan.window.dilations.some((d) => d > 1)) count('pool dilation > 1');
          countValues([c.input]);
        },
      ),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('global pooling: every convention and member, kind, layout and value domain', () => {
    fc.assert(
      fc.property(
        drawn<GlobalPoolCase>((ctx, values) => globalPoolCase(ctx, { values })),
        ({ member, c }) => {
          const params = { ...c.params, convention: member };
          expectBitwise(
            outcome(() => globalPoolFast(c.input, params)),
            outcome(() => globalPool(c.input, params)),
            `global pool under ${JSON.stringify(member)}, ${JSON.stringify(c.params)}, input ${c.input.shape}`,
          );
          count(`global pool ${c.params.kind}`);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("the fast window-tap table is the window-tap formula's", () => {
    fc.assert(
      fc.property(
        drawn<PoolCase>((ctx, values) => poolCase(ctx, { values })),
        ({ ctx, c }) => {
          const { window } = planPool({ ...c.params, convention: ctx.conventionSpec }, c.input.shape);
          expect(windowTapTableFast(window, window.output)).toEqual(windowTapTable(window, window.output));
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe('the fast paths reject what the plain reference rejects, with the same typed error', () => {
  for (const op of ['conv', 'pool'] as const) {
    for (const family of ['malformed', 'oversized'] as InvalidFamily[]) {
      it(`${op}: the suite's ${family} calls`, () => {
        const options = CONTEXTS.flatMap((ctx) => {
          try {
            return [fc.record({ ctx: fc.constant(ctx), call: invalidCallCase(ctx, op, family) })];
          } catch {
            return [];
          }
        });
        fc.assert(
          fc.property(fc.oneof(...options), ({ ctx, call }) => {
            for (const member of conventionAndMembers(ctx.conventionSpec)) {
              const request = call.request as { input: Tensor; weight?: Tensor; bias?: Tensor; params: object };
              const params = { ...request.params, convention: member } as never;
              const [fast, plain] =
                op === 'conv'
                  ? [
                      outcome(() => convFast(request.input, request.weight!, request.bias, params)),
                      outcome(() => conv(request.input, request.weight!, request.bias, params)),
                    ]
                  : [outcome(() => poolFast(request.input, params)), outcome(() => pool(request.input, params))];
              expectBitwise(fast, plain, `${op} ${call.kind} under ${JSON.stringify(member)}`);
            }
            count(`invalid ${op} ${call.kind}`);
          }),
          { seed: SEED, numRuns: 120 },
        );
      });
    }
  }

  const cyclicValue: Record<string, unknown> = { begin: [1], end: [1] };
  cyclicValue.self = cyclicValue;

  /** A value that may break a parameter: wrong types, signs, arities, names, special numbers and a cycle. */
  const badValue = fc.oneof(
    fc.constant<unknown>(cyclicValue),
    fc.constantFrom<unknown>(0, -1, -0, 1.5, NaN, Infinity, 2 ** 31, '2', null, undefined, true, [], [1], [1, 2, 3, 4], [0, 0, 0]),
    fc.constantFrom<unknown>('same-upper', 'valid', 'bogus', { begin: 1 }, { begin: -1, end: 0 }, { begin: [0, 0], end: 1, x: 0 }),
    fc.constantFrom<unknown>('channels-last', 'out-in-spatial', 'reflect', 'circular', 'replicate', 'max', 'avg'),
    fc.integer({ min: -2, max: 9 }),
    fc.array(fc.integer({ min: -1, max: 6 }), { minLength: 1, maxLength: 3 }),
  );

  /** One field of a valid case's parameters replaced (or a field added), or a tensor or the limits broken. */
  function corrupted(fields: readonly string[]) {
    return fc.record({
      field: fc.constantFrom(...fields, 'unknownField', 'convention'),
      value: badValue,
      tensor: fc.constantFrom('intact', 'short data', 'float64 data', 'zero size', 'not an array'),
      limits: fc.constantFrom(undefined, { maxElements: 16, maxOperations: 64 }, { maxElements: -1, maxOperations: 1 }),
    });
  }

  function breakTensor(tensor: Tensor, how: string): Tensor {
    switch (how) {
      case 'short data':
        return { shape: tensor.shape, data: tensor.data.subarray(1) };
      case 'float64 data':
        return { shape: tensor.shape, data: Float64Array.from(tensor.data) as never };
      case 'zero size':
        return { shape: tensor.shape.map((size, axis) => (axis === 0 ? 0 : size)), data: new Float32Array(0) };
      case 'not an array':
        return { shape: 'x' as never, data: tensor.data };
      default:
        return tensor;
    }
  }

  it('conv: valid cases with one parameter, tensor or limit broken', () => {
    const cases = drawn<ConvCase>((ctx, values) => convCase(ctx, { values }));
    const fields = ['strides', 'dilations', 'padding', 'fill', 'groups', 'layout', 'kernelLayout'];
    fc.assert(
      fc.property(
        cases.chain((drawnCase) => fc.record({ drawnCase: fc.constant(drawnCase), broken: corrupted(fields) })),
        ({ drawnCase: { member, c }, broken }) => {
          const params = { ...c.params, convention: member, [broken.field]: broken.value } as never;
          const input = broken.tensor === 'intact' ? c.input : breakTensor(c.input, broken.tensor);
          expectBitwise(
            outcome(() => convFast(input, c.weight, c.bias, params, broken.limits)),
            outcome(() => conv(input, c.weight, c.bias, params, broken.limits)),
            `conv with ${broken.field} = ${String(broken.value)}, input ${broken.tensor}, limits ${JSON.stringify(broken.limits)}`,
          );
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('pool: valid cases with one parameter, tensor or limit broken', () => {
    const cases = drawn<PoolCase>((ctx, values) => poolCase(ctx, { values }));
    const fields = ['kind', 'kernel', 'strides', 'dilations', 'padding', 'ceilMode', 'countIncludePad', 'layout'];
    fc.assert(
      fc.property(
        cases.chain((drawnCase) => fc.record({ drawnCase: fc.constant(drawnCase), broken: corrupted(fields) })),
        ({ drawnCase: { member, c }, broken }) => {
          const params = { ...c.params, convention: member, [broken.field]: broken.value } as never;
          const input = broken.tensor === 'intact' ? c.input : breakTensor(c.input, broken.tensor);
          expectBitwise(
            outcome(() => poolFast(input, params, broken.limits)),
            outcome(() => pool(input, params, broken.limits)),
            `pool with ${broken.field} = ${String(broken.value)}, input ${broken.tensor}, limits ${JSON.stringify(broken.limits)}`,
          );
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe('the plan cache', () => {
  it('keys tell apart what a planner tells apart, and give no key to what they cannot read as data', () => {
    const keys = [
      [0],
      [-0],
      [NaN],
      [Infinity],
      [-Infinity],
      [255],
      [256],
      [1.5],
      [null],
      [undefined],
      [{}],
      [{ a: undefined }],
      ['1'],
      ['a"b'],
      ['a\\"b'],
      [1],
      [[1, 2]],
      [[1], [2]],
      [[[1, 2]]],
      [{ a: 1, b: 2 }],
      [true],
    ].map(planCacheKey);
    expect(keys.every((key) => key !== undefined)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(planCacheKey([{ strides: [1, 2] }, [1, 2, 3]])).toBe(planCacheKey([{ strides: [1, 2] }, [1, 2, 3]]));
    // planners read an array's elements only, so named fields beside them change nothing
    expect(planCacheKey([Object.assign([1, 2], { extra: 1 })])).toBe(planCacheKey([[1, 2]]));
    const sparse: number[] = [1];
    sparse[2] = 3;
    const withAccessor = Object.defineProperty({}, 'strides', { get: () => 1, enumerable: true });
    const hidden = Object.defineProperty({}, 'strides', { value: 1, enumerable: false });
    const cyclic: Record<string, unknown> = { __proto__: null };
    cyclic.self = cyclic;
    const cyclicArray: unknown[] = [];
    cyclicArray.push(cyclicArray);
    for (const part of [sparse, withAccessor, hidden, cyclic, cyclicArray, new Date(0), () => 1, Symbol('s'), 1n, new Float32Array(1)]) {
      expect(planCacheKey([part]), typeof part).toBeUndefined();
    }
  });

  it("plans again when the caller changes the arrays it passed: a plan never holds the caller's arrays", () => {
    const input = makeTensor(
      [1, 1, 6, 6],
      Array.from({ length: 36 }, (_, i) => i),
    );
    const weight = makeTensor([1, 1, 2, 2], [1, 2, 3, 4]);
    const strides = [1, 1];
    const kernel = [2, 2];
    const first = convFast(input, weight, undefined, { strides });
    const firstPool = poolFast(input, { kind: 'max', kernel, strides });
    strides[0] = 2;
    kernel[1] = 3;
    expect(convFast(input, weight, undefined, { strides }).shape).toEqual(conv(input, weight, undefined, { strides }).shape);
    expect(poolFast(input, { kind: 'max', kernel, strides })).toEqual(pool(input, { kind: 'max', kernel, strides }));
    expect(first).toEqual(conv(input, weight, undefined, { strides: [1, 1] }));
    expect(firstPool).toEqual(pool(input, { kind: 'max', kernel: [2, 2], strides: [1, 1] }));
  });
});

afterAll(() => {
  const rows = [...reached.entries()].sort(([a], [b]) => a.localeCompare(b));
  console.log(`fast paths against the plain reference, what the generators reached:\n${rows.map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
  const required = [
    ...CONVENTION_NAMES.map((name) => `conv convention ${name}`),
    ...CONVENTION_NAMES.map((name) => `pool convention ${name}`),
    'conv convention as given',
    'conv fully specified member of a convention',
    'pool convention as given',
    'pool fully specified member of a convention',
    'conv layout channels-first',
    'conv layout channels-last',
    'conv kernel layout out-in-spatial',
    'conv kernel layout spatial-in-out',
    'conv spatial rank 1',
    'conv spatial rank 2',
    'conv spatial rank 3',
    'conv fill zeros',
    'conv fill reflect',
    'conv fill replicate',
    'conv fill circular',
    'conv groups > 1',
    'conv depthwise',
    'conv dilation > 1',
    'conv bias',
    'conv zero padding (taps that read nothing)',
    'conv filled padding',
    'conv no padding',
    'pool max',
    'pool avg',
    'pool channels-first',
    'pool channels-last',
    'pool spatial rank 1',
    'pool spatial rank 2',
    'pool spatial rank 3',
    'pool ceil mode',
    'pool count_include_pad',
    'pool dilation > 1',
    'NaN in input',
    '±Infinity in input',
    '-0 in input',
    'NaN in output',
    '-0 in output',
    'global pool max',
    'global pool avg',
  ];
  // Only when every test ran: a filtered run (vitest -t) reaches less.
  if ((reached.get('conv convention cnnspec') ?? 0) > 0 && (reached.get('pool convention cnnspec') ?? 0) > 0) {
    for (const aspect of required) expect(reached.get(aspect) ?? 0, aspect).toBeGreaterThan(0);
  }
});
