/**
 * Convolution is linear in its input and in its weights, and its bias adds a constant per output
 * channel. On the exact domain every sum is exact, so the comparisons are exact.
 */
import fc from 'fast-check';
import { makeTensor, type Tensor } from '../../src/tensor/tensor.js';
import { convCase, type ConvCase } from '../arbitraries/convCase.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import { defineProperty, type PropertyContext } from '../PropertyDefinition.js';
import { callConv } from '../support/callAdapter.js';
import { expectTensor } from '../support/expectTensor.js';
import { channelAxis } from '../support/layoutOps.js';
import { combine } from '../support/tensorOps.js';

const coefficient = fc.integer({ min: -2, max: 2 });

const linearCase = (ctx: PropertyContext, over: 'input' | 'weight') =>
  convCase(ctx, { bias: 'without' }).chain((c) =>
    fc.record({
      c: fc.constant(c),
      other: tensorArbitrary(over === 'input' ? c.input.shape : c.weight.shape, 'exact'),
      a: coefficient,
      b: coefficient,
    }),
  );

const mix = (x: Tensor, y: Tensor, a: number, b: number): Tensor => combine(x, y, (u, v) => a * u + b * v);

export const linearInInput = defineProperty({
  id: 'conv/linearity/input',
  spec: ['conv.definition'],
  features: ['conv'],
  ops: ['conv'],
  description: 'conv(a·x1 + b·x2, w) = a·conv(x1, w) + b·conv(x2, w).',
  arbitrary: (ctx) => linearCase(ctx, 'input'),
  check: async (ctx, { c, other, a, b }) => {
    const y1 = await callConv(ctx.adapter, c);
    const y2 = await callConv(ctx.adapter, { ...c, input: other });
    const mixed = await callConv(ctx.adapter, { ...c, input: mix(c.input, other, a, b) });
    expectTensor(mixed, mix(y1, y2, a, b), `conv(${a}·x1 + ${b}·x2)`);
  },
});

export const linearInWeight = defineProperty({
  id: 'conv/linearity/weight',
  spec: ['conv.definition'],
  features: ['conv'],
  ops: ['conv'],
  description: 'conv(x, a·w1 + b·w2) = a·conv(x, w1) + b·conv(x, w2).',
  arbitrary: (ctx) => linearCase(ctx, 'weight'),
  check: async (ctx, { c, other, a, b }) => {
    const y1 = await callConv(ctx.adapter, c);
    const y2 = await callConv(ctx.adapter, { ...c, weight: other });
    const mixed = await callConv(ctx.adapter, { ...c, weight: mix(c.weight, other, a, b) });
    expectTensor(mixed, mix(y1, y2, a, b), `conv(x, ${a}·w1 + ${b}·w2)`);
  },
});

export const biasAddsPerChannel = defineProperty({
  id: 'conv/bias/adds-a-constant-per-channel',
  spec: ['conv.bias'],
  features: ['conv', 'conv.bias'],
  ops: ['conv'],
  description: 'A bias adds b[co] to every element of output channel co, for every batch index and position.',
  arbitrary: (ctx) => convCase(ctx, { bias: 'with' }),
  check: async (ctx, c: ConvCase) => {
    const withBias = await callConv(ctx.adapter, c);
    const without = await callConv(ctx.adapter, { input: c.input, weight: c.weight, params: c.params });
    const axis = channelAxis(c.params.layout, without.shape.length);
    const inner = without.shape.slice(axis + 1).reduce((p, s) => p * s, 1);
    const channels = without.shape[axis]!;
    const expected = makeTensor(
      without.shape,
      Array.from(without.data, (value, index) => value + c.bias!.data[Math.floor(index / inner) % channels]!),
    );
    expectTensor(withBias, expected, 'conv with bias compared with conv without bias plus b[co]');
  },
});

export const CONV_LINEARITY_PROPERTIES = [linearInInput, linearInWeight, biasAddsPerChannel];
