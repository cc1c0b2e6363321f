/**
 * Transposed convolution is linear in its input and its bias adds a constant per output channel;
 * a grouped one is its groups' transposed convolutions concatenated (spec:
 * conv-transpose.definition, conv-transpose.bias, conv-transpose.groups). On the exact domain
 * every sum is exact, so the comparisons are exact.
 */
import fc from 'fast-check';
import { makeTensor, type Tensor } from '../../src/tensor/tensor.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callOp } from '../support/callAdapter.js';
import { expectShape, expectTensor } from '../support/expectTensor.js';
import { channelAxis, sliceAxis } from '../support/layoutOps.js';
import { combine, concat } from '../support/tensorOps.js';
import { convTransposeCase, type ConvTransposeCase } from './convTransposeCase.js';

const coefficient = fc.integer({ min: -2, max: 2 });
const mix = (x: Tensor, y: Tensor, a: number, b: number): Tensor => combine(x, y, (u, v) => a * u + b * v);
const withoutBias = (c: ConvTransposeCase) => ({ input: c.input, weight: c.weight, params: c.params });

export const linearInInput = defineProperty({
  id: 'conv-transpose/linearity/input',
  spec: ['conv-transpose.definition'],
  features: ['conv-transpose'],
  ops: ['convTranspose'],
  description: 'convT(a·y1 + b·y2, w) = a·convT(y1, w) + b·convT(y2, w).',
  arbitrary: (ctx) =>
    convTransposeCase(ctx, { bias: 'without' }).chain((c) =>
      fc.record({ c: fc.constant(c), other: tensorArbitrary(c.input.shape, 'exact'), a: coefficient, b: coefficient }),
    ),
  check: async (ctx, { c, other, a, b }) => {
    const y1 = await callOp(ctx.adapter, 'conv-transpose', withoutBias(c));
    const y2 = await callOp(ctx.adapter, 'conv-transpose', { ...withoutBias(c), input: other });
    // The same parameters give one output shape; combine reads elementwise and would not see two.
    expectShape(y2.shape, y1.shape, 'convT(y2) against convT(y1)');
    const mixed = await callOp(ctx.adapter, 'conv-transpose', { ...withoutBias(c), input: mix(c.input, other, a, b) });
    expectTensor(mixed, mix(y1, y2, a, b), `convT(${a}·y1 + ${b}·y2)`);
  },
});

export const biasAddsPerChannel = defineProperty({
  id: 'conv-transpose/bias/adds-a-constant-per-channel',
  spec: ['conv-transpose.bias'],
  features: ['conv-transpose', 'conv-transpose.bias'],
  ops: ['convTranspose'],
  description: 'A bias adds b[co] to every element of output channel co, appended elements included.',
  arbitrary: (ctx) => convTransposeCase(ctx, { bias: 'with' }),
  check: async (ctx, c) => {
    const withBias = await callOp(ctx.adapter, 'conv-transpose', c);
    const without = await callOp(ctx.adapter, 'conv-transpose', withoutBias(c));
    const axis = channelAxis(c.params.layout, without.shape.length);
    const inner = without.shape.slice(axis + 1).reduce((p, s) => p * s, 1);
    const channels = without.shape[axis]!;
    const expected = makeTensor(
      without.shape,
      Array.from(without.data, (value, index) => value + c.bias!.data[Math.floor(index / inner) % channels]!),
    );
    expectTensor(withBias, expected, 'transposed convolution with bias compared with it without bias plus b[co]');
  },
});

export const groupsConcatenate = defineProperty({
  id: 'conv-transpose/groups/per-group-concatenation',
  spec: ['conv-transpose.groups'],
  features: ['conv-transpose', 'conv-transpose.groups'],
  ops: ['convTranspose'],
  description: 'A grouped transposed convolution equals the transposed convolutions of its groups, concatenated along the channel axis.',
  arbitrary: (ctx) => convTransposeCase(ctx, { groups: 'grouped', bias: 'without' }),
  check: async (ctx, c) => {
    const grouped = await callOp(ctx.adapter, 'conv-transpose', withoutBias(c));
    const g = c.params.groups;
    const inputAxis = channelAxis(c.params.layout, c.input.shape.length);
    // spec: conv-transpose.weight-layout — the weight's input-channel axis
    const weightAxis = c.params.kernelLayout === 'in-out-spatial' ? 0 : c.weight.shape.length - 1;
    const perGroup = c.input.shape[inputAxis]! / g;
    const parts: Tensor[] = [];
    for (let q = 0; q < g; q++) {
      parts.push(
        await callOp(ctx.adapter, 'conv-transpose', {
          input: sliceAxis(c.input, inputAxis, q * perGroup, perGroup),
          weight: sliceAxis(c.weight, weightAxis, q * perGroup, perGroup),
          params: { ...c.params, groups: 1 },
        }),
      );
    }
    expectTensor(grouped, concat(parts, channelAxis(c.params.layout, grouped.shape.length)), `groups = ${g} against ${g} ungrouped calls`);
  },
});

export const CONV_TRANSPOSE_LINEARITY_PROPERTIES = [linearInInput, biasAddsPerChannel, groupsConcatenate];
