/**
 * Valid padding shrinks each axis by the effective kernel minus one (then divides by the
 * stride); explicit pads with a fill mode equal padding the input first and convolving valid;
 * the pad operation fills as the fill modes say.
 */
import { advanceIndex } from '../../src/tensor/advanceIndex.js';
import { fillCoordinate, NO_SOURCE } from '../../src/ops/window/fillCoordinate.js';
import { activationStrides, splitActivationShape } from '../../src/tensor/layout.js';
import { pad as referencePad } from '../../src/ops/pad/pad.js';
import { planPad } from '../../src/ops/pad/pad.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { convCase } from '../arbitraries/convCase.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callConv, callPad } from '../support/callAdapter.js';
import { expectShape, expectTensor } from '../support/expectTensor.js';

export const validShrinks = defineProperty({
  id: 'padding/valid/shrinks-by-effective-kernel',
  spec: ['padding.valid', 'shape.effective-kernel'],
  features: ['conv'],
  ops: ['conv'],
  description:
    'Valid padding gives floor((n - (d·(k - 1) + 1)) / s) + 1 positions per axis: n shrinks by the effective kernel minus one, then divides by the stride.',
  arbitrary: (ctx) => convCase(ctx, { paddings: ['valid'] }),
  check: async (ctx, c) => {
    const layout = c.params.layout;
    const n = splitActivationShape(c.input.shape, layout).spatial;
    const kernel = c.params.kernelLayout === 'out-in-spatial' ? c.weight.shape.slice(2) : c.weight.shape.slice(0, -2);
    const d = c.params.dilations as number[];
    const s = c.params.strides as number[];
    const expected = n.map((size, a) => Math.floor((size - (d[a]! * (kernel[a]! - 1) + 1)) / s[a]!) + 1);
    expectShape(splitActivationShape((await callConv(ctx.adapter, c)).shape, layout).spatial, expected, 'spatial output size');
  },
});

export const explicitEqualsPadThenValid = defineProperty({
  id: 'padding/explicit/equals-pad-then-valid',
  spec: [
    'padding.explicit',
    'padding.op',
    'padding.fill.zeros',
    'padding.fill.reflect',
    'padding.fill.replicate',
    'padding.fill.circular',
    'padding.fill.extent',
    'numerics.padding-taps',
  ],
  features: ['conv'],
  ops: ['conv'],
  description:
    'Convolving with explicit pads and a fill mode equals padding the input with that fill first and convolving with valid padding.',
  arbitrary: (ctx) => convCase(ctx, { paddings: ['explicit'] }),
  check: async (ctx, c) => {
    const padding = c.params.padding as { begin: number[]; end: number[] };
    const padParams = { padding, fill: c.params.fill, layout: c.params.layout };
    // The adapter's own pad when it has one, else the pad operation as the spec defines it.
    const padded =
      ctx.features.has('pad') && typeof ctx.adapter.pad === 'function'
        ? await callPad(ctx.adapter, { input: c.input, params: padParams })
        : referencePad(c.input, padParams);
    const direct = await callConv(ctx.adapter, c);
    const viaPad = await callConv(ctx.adapter, { ...c, input: padded, params: { ...c.params, padding: 'valid', fill: 'zeros' } });
    expectTensor(direct, viaPad, 'explicit pads compared with pad-then-valid');
  },
});

export const padFills = defineProperty({
  id: 'pad/fill/reads-the-spec-coordinates',
  spec: [
    'padding.op',
    'padding.fill.zeros',
    'padding.fill.reflect',
    'padding.fill.replicate',
    'padding.fill.circular',
    'numerics.signed-zero',
  ],
  features: ['pad'],
  ops: ['pad'],
  description:
    'Every element of a padded tensor is the input element its fill mode maps it to (sign of zero included), or +0 for zero fill.',
  arbitrary: (ctx) =>
    convCase(ctx, { paddings: ['explicit'], values: 'special' }).map((c) => ({
      input: c.input,
      params: { padding: c.params.padding as { begin: number[]; end: number[] }, fill: c.params.fill, layout: c.params.layout },
    })),
  check: async (ctx, c) => {
    const plan = planPad({ ...c.params, convention: ctx.conventionSpec }, c.input.shape);
    const expected = makeTensor(plan.outputShape);
    const dims = splitActivationShape(plan.outputShape, plan.layout);
    const x = activationStrides(plan.inputShape, plan.layout);
    const y = activationStrides(plan.outputShape, plan.layout);
    const p = new Array<number>(dims.spatial.length).fill(0);
    for (let n = 0; n < dims.batch; n++)
      for (let ch = 0; ch < dims.channels; ch++)
        do {
          let from = n * x.batch + ch * x.channel;
          let to = n * y.batch + ch * y.channel;
          let reads = true;
          p.forEach((position, a) => {
            const source = fillCoordinate(position - plan.padBegin[a]!, plan.input[a]!, plan.padBegin[a]!, plan.padEnd[a]!, plan.fill);
            if (source === NO_SOURCE) reads = false;
            else from += source * x.spatial[a]!;
            to += position * y.spatial[a]!;
          });
          expected.data[to] = reads ? c.input.data[from]! : 0;
        } while (advanceIndex(p, dims.spatial));
    expectTensor(await callPad(ctx.adapter, c), expected, 'padded tensor', { kind: 'exact', zeroSignFree: false });
  },
});

export const VALID_AND_EXPLICIT_PROPERTIES = [validShrinks, explicitEqualsPadThenValid, padFills];
