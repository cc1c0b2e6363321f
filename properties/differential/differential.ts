/**
 * Differential properties: the adapter agrees with the reference on random cases, under the
 * tolerance model. On the exact domain and for max pooling and pad the agreement is exact; on
 * general floats, within the dot-product bound; with NaN, infinities and -0 in the input, as
 * IEEE arithmetic and the convention say.
 */
import { pad } from '../../src/pad.js';
import { convCase } from '../arbitraries/convCase.js';
import { denseCase } from '../arbitraries/denseCase.js';
import type { ValueDomain } from '../arbitraries/elementValues.js';
import { poolCase } from '../arbitraries/poolCase.js';
import { globalPoolCase } from '../arbitraries/globalPoolCase.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callConv, callDense, callGlobalPool, callPad, callPool } from '../support/callAdapter.js';
import { expectTensor } from '../support/expectTensor.js';
import { compareWithTolerance } from '../../src/tolerance.js';
import { convTolerance, denseTolerance, poolTolerance, referenceConv, referenceDense, referenceGlobalPool, referencePool } from '../support/referenceOps.js';

const exact = { kind: 'exact' as const, zeroSignFree: true };

function convDifferential(domain: ValueDomain) {
  return defineProperty({
    id: `conv/differential/${domain === 'exact' ? 'exact-domain' : domain === 'float' ? 'float-tolerance' : 'special-values'}`,
    spec:
      domain === 'special'
        ? ['numerics.nan', 'numerics.infinity', 'numerics.signed-zero', 'conv.definition']
        : ['conv.definition', 'numerics.accumulation', 'conformance.tolerance', ...(domain === 'float' ? ['numerics.rounding', 'conv.accumulation-order'] : ['conformance.exact-domain'])],
    features: ['conv'],
    ops: ['conv'],
    description:
      domain === 'exact'
        ? 'On the exact domain the adapter convolution equals the reference exactly.'
        : domain === 'float'
          ? 'On float32 inputs the adapter convolution is within the dot-product error bound of the reference.'
          : 'With NaN, infinities and -0 in the input the adapter convolution gives the reference result (NaN where IEEE arithmetic gives NaN).',
    arbitrary: (ctx) => convCase(ctx, { values: domain }),
    check: async (ctx, c) => {
      const expected = referenceConv(c, ctx.conventionSpec);
      const tolerance = domain === 'float' ? convTolerance(c, ctx.conventionSpec) : exact;
      expectTensor(await callConv(ctx.adapter, c), expected, 'conv compared with the reference', tolerance);
    },
  });
}

function poolDifferential(domain: ValueDomain) {
  return defineProperty({
    id: `pool/differential/${domain === 'exact' ? 'exact-domain' : domain === 'float' ? 'float-tolerance' : 'special-values'}`,
    spec:
      domain === 'special'
        ? ['pool.max.nan', 'numerics.nan', 'numerics.infinity', 'pool.avg']
        : ['pool.max', 'pool.avg', 'pool.avg.count-include-pad', 'pool.ceil-mode.overhang', 'pool.empty-window', 'pool.dilation', 'conformance.tolerance'],
    features: [],
    ops: ['pool'],
    description:
      domain === 'special'
        ? "With NaN and infinities in the input the adapter pooling gives the reference result under the convention's NaN mode (either mode where it is unspecified)."
        : `On ${domain === 'exact' ? 'the exact domain' : 'float32 inputs'} the adapter pooling equals the reference: max exactly, average within the dot-product bound.`,
    arbitrary: (ctx) => poolCase(ctx, { values: domain }),
    check: async (ctx, c) => {
      const actual = await callPool(ctx.adapter, c);
      const tolerance = poolTolerance(c, ctx.conventionSpec);
      const expected = referencePool(c, ctx.conventionSpec);
      if (c.params.kind === 'max' && ctx.convention.maxPoolNan === 'unspecified') {
        // spec: pool.max.nan — either result is conformant where the convention does not say.
        const spec = ctx.conventionSpec;
        const ignoring = referencePool(
          c,
          typeof spec === 'string' ? { base: spec, overrides: { maxPoolNan: 'ignore' } } : { base: spec.base, overrides: { ...spec.overrides, maxPoolNan: 'ignore' } },
        );
        if (compareWithTolerance(ignoring, actual, tolerance).pass) return;
      }
      expectTensor(actual, expected, 'pool compared with the reference', tolerance);
    },
  });
}

function denseDifferential(domain: ValueDomain) {
  return defineProperty({
    id: `dense/differential/${domain === 'exact' ? 'exact-domain' : 'float-tolerance'}`,
    spec: ['dense.definition', 'numerics.accumulation', 'conformance.tolerance', ...(domain === 'float' ? ['dense.accumulation-order'] : ['conformance.exact-domain'])],
    features: ['dense'],
    ops: ['dense'],
    description:
      domain === 'exact'
        ? 'On the exact domain the adapter dense layer equals the reference exactly.'
        : 'On float32 inputs the adapter dense layer is within the dot-product error bound of the reference.',
    arbitrary: (ctx) => denseCase(ctx, { values: domain }),
    check: async (ctx, c) => {
      const tolerance = domain === 'float' ? denseTolerance(c, ctx.conventionSpec) : exact;
      expectTensor(await callDense(ctx.adapter, c), referenceDense(c, ctx.conventionSpec), 'dense compared with the reference', tolerance);
    },
  });
}

export const globalPoolDifferential = defineProperty({
  id: 'global-pool/differential/exact-domain',
  spec: ['pool.global'],
  features: [],
  ops: ['globalPool'],
  description: 'Global pooling of the adapter equals the reference: max exactly, average within the dot-product bound.',
  arbitrary: (ctx) => globalPoolCase(ctx),
  check: async (ctx, c) => {
    const expected = referenceGlobalPool(c.input, c.params, ctx.conventionSpec);
    const volume = c.input.data.length / expected.data.length;
    const tolerance =
      c.params.kind === 'max'
        ? exact
        : { kind: 'dot-product' as const, magnitude: referenceGlobalPool({ shape: c.input.shape, data: c.input.data.map(Math.abs) }, c.params, ctx.conventionSpec).data, accumulationLength: volume, hasBias: false, ulpBudget: volume + 2 };
    expectTensor(await callGlobalPool(ctx.adapter, c), expected, 'global pooling compared with the reference', tolerance);
  },
});

export const padDifferential = defineProperty({
  id: 'pad/differential/exact',
  spec: ['padding.op', 'numerics.signed-zero'],
  features: ['pad'],
  ops: ['pad'],
  description: 'The adapter pad equals the reference pad exactly, the sign of every zero included.',
  arbitrary: (ctx) =>
    convCase(ctx, { paddings: ['explicit'], values: 'special' }).map((c) => ({
      input: c.input,
      params: { padding: c.params.padding as { begin: number[]; end: number[] }, fill: c.params.fill, layout: c.params.layout },
    })),
  check: async (ctx, c) => {
    const expected = pad(c.input, { ...c.params, convention: ctx.conventionSpec });
    expectTensor(await callPad(ctx.adapter, c), expected, 'pad compared with the reference', { kind: 'exact', zeroSignFree: false });
  },
});

export const DIFFERENTIAL_PROPERTIES = [
  convDifferential('exact'),
  convDifferential('float'),
  convDifferential('special'),
  poolDifferential('exact'),
  poolDifferential('float'),
  poolDifferential('special'),
  denseDifferential('exact'),
  denseDifferential('float'),
  globalPoolDifferential,
  padDifferential,
];
