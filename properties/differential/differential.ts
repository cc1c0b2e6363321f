/**
 * Differential properties: the adapter agrees with the reference on random cases, under the
 * tolerance model. On the exact domain and for max pooling and pad the agreement is exact; on
 * general floats, within the dot-product bound; with NaN, infinities and -0 in the input, as
 * IEEE arithmetic and the convention say.
 */
import { pad } from '../../src/ops/pad/pad.js';
import { convCase } from '../arbitraries/convCase.js';
import { denseCase } from '../arbitraries/denseCase.js';
import type { ValueDomain } from '../arbitraries/elementValues.js';
import { poolCase } from '../arbitraries/poolCase.js';
import { globalPoolCase } from '../arbitraries/globalPoolCase.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callConv, callDense, callGlobalPool, callPad, callPool } from '../support/callAdapter.js';
import { expectOutcome, expectTensor } from '../support/expectTensor.js';
import { requireExact } from '../support/requireExact.js';
import { convOutcomes, denseOutcomes, globalPoolOutcomes, poolOutcomes } from '../support/referenceOps.js';

function convDifferential(domain: ValueDomain) {
  return defineProperty({
    id: `conv/differential/${domain === 'exact' ? 'exact-domain' : domain === 'float' ? 'float-tolerance' : 'special-values'}`,
    spec:
      domain === 'special'
        ? ['numerics.nan', 'numerics.infinity', 'numerics.signed-zero', 'conv.definition']
        : [
            'conv.definition',
            'numerics.accumulation',
            'conformance.tolerance',
            ...(domain === 'float' ? ['numerics.rounding', 'conv.accumulation-order'] : ['conformance.exact-domain']),
          ],
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
      const actual = await callConv(ctx.adapter, c);
      expectOutcome(actual, requireExact(convOutcomes(c, ctx.conventionSpec), domain), 'conv compared with the reference');
    },
  });
}

function poolDifferential(domain: ValueDomain) {
  return defineProperty({
    id: `pool/differential/${domain === 'exact' ? 'exact-domain' : domain === 'float' ? 'float-tolerance' : 'special-values'}`,
    spec:
      domain === 'special'
        ? ['pool.max.nan', 'numerics.nan', 'numerics.infinity', 'pool.avg']
        : [
            'pool.max',
            'pool.avg',
            'pool.avg.count-include-pad',
            'pool.ceil-mode.overhang',
            'pool.empty-window',
            'pool.dilation',
            'conformance.tolerance',
          ],
    features: [],
    ops: ['pool'],
    description:
      domain === 'special'
        ? "With NaN and infinities in the input the adapter pooling gives the reference result under the convention's NaN mode (either mode where it is unspecified)."
        : `On ${domain === 'exact' ? 'the exact domain' : 'float32 inputs'} the adapter pooling equals the reference: max exactly, average within the dot-product bound.`,
    arbitrary: (ctx) => poolCase(ctx, { values: domain }),
    check: async (ctx, c) => {
      const actual = await callPool(ctx.adapter, c);
      // spec: pool.max.nan, convention.unspecified — where the convention leaves the NaN mode or
      // an empty window's value open, each window may follow either.
      expectOutcome(actual, poolOutcomes(c, ctx.conventionSpec), 'pool compared with the reference');
    },
  });
}

function denseDifferential(domain: ValueDomain) {
  return defineProperty({
    id: `dense/differential/${domain === 'exact' ? 'exact-domain' : 'float-tolerance'}`,
    spec: [
      'dense.definition',
      'numerics.accumulation',
      'conformance.tolerance',
      ...(domain === 'float' ? ['dense.accumulation-order'] : ['conformance.exact-domain']),
    ],
    features: ['dense'],
    ops: ['dense'],
    description:
      domain === 'exact'
        ? 'On the exact domain the adapter dense layer equals the reference exactly.'
        : 'On float32 inputs the adapter dense layer is within the dot-product error bound of the reference.',
    arbitrary: (ctx) => denseCase(ctx, { values: domain }),
    check: async (ctx, c) => {
      const actual = await callDense(ctx.adapter, c);
      expectOutcome(actual, requireExact(denseOutcomes(c, ctx.conventionSpec), domain), 'dense compared with the reference');
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
    const actual = await callGlobalPool(ctx.adapter, c);
    expectOutcome(actual, globalPoolOutcomes(c, ctx.conventionSpec), 'global pooling compared with the reference');
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
