/**
 * Dense layers: inputs of rank > 2 act row by row on the last axis, the layer is linear in its
 * input, its bias adds a constant per output feature, and out-in weights hold the transposed
 * matrix of in-out weights.
 */
import fc from 'fast-check';
import { transpose } from '../../src/tensor/layout.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { denseCase } from '../arbitraries/denseCase.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callDense } from '../support/callAdapter.js';
import { expectTensor } from '../support/expectTensor.js';
import { combine } from '../support/tensorOps.js';

export const denseActsOnLastAxis = defineProperty({
  id: 'dense/rank/acts-on-the-last-axis',
  spec: ['dense.rank', 'dense.definition'],
  features: ['dense', 'dense.rank-3'],
  ops: ['dense'],
  description: 'A dense layer on an input of rank 3 equals the layer on the rows of the input flattened to rank 2.',
  arbitrary: (ctx) => denseCase(ctx, { ranks: [3] }),
  check: async (ctx, c) => {
    const nin = c.input.shape[c.input.shape.length - 1]!;
    const rows = { shape: [c.input.data.length / nin, nin], data: c.input.data };
    const y = await callDense(ctx.adapter, c);
    const flat = await callDense(ctx.adapter, { ...c, input: rows });
    expectTensor({ shape: [flat.shape[0]!, flat.shape[1]!], data: y.data }, flat, 'rank-3 dense compared with dense on its rows');
  },
});

export const denseLinear = defineProperty({
  id: 'dense/linearity/input',
  spec: ['dense.definition'],
  features: ['dense'],
  ops: ['dense'],
  description: 'dense(a·x1 + b·x2) = a·dense(x1) + b·dense(x2) without bias.',
  arbitrary: (ctx) =>
    denseCase(ctx, { bias: 'without' }).chain((c) =>
      fc.record({
        c: fc.constant(c),
        other: tensorArbitrary(c.input.shape, 'exact'),
        a: fc.integer({ min: -2, max: 2 }),
        b: fc.integer({ min: -2, max: 2 }),
      }),
    ),
  check: async (ctx, { c, other, a, b }) => {
    const mix = (u: number, v: number): number => a * u + b * v;
    const y1 = await callDense(ctx.adapter, c);
    const y2 = await callDense(ctx.adapter, { ...c, input: other });
    const mixed = await callDense(ctx.adapter, { ...c, input: combine(c.input, other, mix) });
    expectTensor(mixed, combine(y1, y2, mix), `dense(${a}·x1 + ${b}·x2)`);
  },
});

export const denseBias = defineProperty({
  id: 'dense/bias/adds-a-constant-per-feature',
  spec: ['dense.bias'],
  features: ['dense', 'dense.bias'],
  ops: ['dense'],
  description: 'A bias adds b[o] to output feature o of every row.',
  arbitrary: (ctx) => denseCase(ctx, { bias: 'with' }),
  check: async (ctx, c) => {
    const withBias = await callDense(ctx.adapter, c);
    const without = await callDense(ctx.adapter, { input: c.input, weight: c.weight, params: c.params });
    const nout = c.bias!.data.length;
    const expected = makeTensor(
      without.shape,
      Array.from(without.data, (value, index) => value + c.bias!.data[index % nout]!),
    );
    expectTensor(withBias, expected, 'dense with bias compared with dense without bias plus b[o]');
  },
});

export const denseWeightLayouts = defineProperty({
  id: 'dense/weight-layout/out-in-is-the-transposed-matrix',
  spec: ['dense.weight-layout'],
  features: ['dense'],
  ops: ['dense'],
  description: 'Weights [out, in] read as out-in give the same output as their transpose [in, out] read as in-out.',
  arbitrary: (ctx) => denseCase(ctx),
  check: async (ctx, c) => {
    const other = c.params.weightLayout === 'in-out' ? 'out-in' : 'in-out';
    const y = await callDense(ctx.adapter, c);
    const swapped = await callDense(ctx.adapter, { ...c, weight: transpose(c.weight, [1, 0]), params: { weightLayout: other } });
    expectTensor(swapped, y, `weights transposed and read as ${other}`);
  },
});

export const DENSE_PROPERTIES = [denseActsOnLastAxis, denseLinear, denseBias, denseWeightLayouts];
