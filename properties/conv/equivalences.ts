/**
 * Convolution equals other formulations of itself: stride s is stride 1 subsampled, dilation is a
 * zero-inserted kernel, groups are separate convolutions concatenated (depthwise: one per
 * channel), channels-last is channels-first transposed, a 1x1 convolution is a dense layer at
 * every position, and a kernel covering the whole input is a dense layer on the flattened input.
 */
import fc from 'fast-check';
import { convertKernelLayout, convertLayout, defaultKernelLayout, joinActivationShape, joinKernelShape } from '../../src/tensor/layout.js';
import { elementCount, makeTensor, rowMajorStrides, type Tensor } from '../../src/tensor/tensor.js';
import { caseSpace } from '../arbitraries/caseSpace.js';
import { layoutChoice, rankChoice, requireChoices } from '../arbitraries/requireChoices.js';
import { convCase, type ConvCase } from '../arbitraries/convCase.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import { defineProperty, type PropertyContext } from '../PropertyDefinition.js';
import { callConv, callDense } from '../support/callAdapter.js';
import { expectTensor } from '../support/expectTensor.js';
import { channelAxis, kernelOutAxis, kernelSpatialAxes, sliceAxis, spatialAxes } from '../support/layoutOps.js';
import { concat, slice } from '../support/tensorOps.js';

export const strideIsSubsampling = defineProperty({
  id: 'conv/stride/equals-stride-one-subsampled',
  spec: ['shape.stride', 'shape.window'],
  features: ['conv'],
  ops: ['conv'],
  description: 'A convolution with stride s equals the stride-1 convolution (same pads) keeping every s-th position.',
  arbitrary: (ctx) => convCase(ctx, { paddings: ['valid', 'explicit'] }),
  check: async (ctx, c) => {
    const strided = await callConv(ctx.adapter, c);
    const unit = await callConv(ctx.adapter, { ...c, params: { ...c.params, strides: (c.params.strides as number[]).map(() => 1) } });
    const rank = unit.shape.length;
    const step = new Array<number>(rank).fill(1);
    spatialAxes(c.params.layout, rank).forEach((axis, a) => (step[axis] = (c.params.strides as number[])[a]!));
    expectTensor(
      strided,
      slice(unit, new Array<number>(rank).fill(0), strided.shape, step),
      'strided output compared with the subsampled stride-1 output',
    );
  },
});

/** The kernel with d - 1 zeros between neighbouring taps along each spatial axis. */
export function zeroInsertedKernel(weight: Tensor, kernelLayout: ConvCase['params']['kernelLayout'], dilations: readonly number[]): Tensor {
  const rank = weight.shape.length;
  const axes = kernelSpatialAxes(kernelLayout, rank);
  const shape = weight.shape.map((size, axis) => {
    const a = axes.indexOf(axis);
    return a === -1 ? size : dilations[a]! * (size - 1) + 1;
  });
  const inflated = makeTensor(shape);
  const from = rowMajorStrides(weight.shape);
  const to = rowMajorStrides(shape);
  for (let flat = 0; flat < weight.data.length; flat++) {
    let rest = flat;
    let offset = 0;
    for (let axis = 0; axis < rank; axis++) {
      const index = Math.floor(rest / from[axis]!);
      rest -= index * from[axis]!;
      const a = axes.indexOf(axis);
      offset += (a === -1 ? index : index * dilations[a]!) * to[axis]!;
    }
    inflated.data[offset] = weight.data[flat]!;
  }
  return inflated;
}

export const dilationIsZeroInsertion = defineProperty({
  id: 'conv/dilation/equals-zero-inserted-kernel',
  spec: ['shape.dilation', 'shape.effective-kernel'],
  features: ['conv', 'conv.dilation'],
  ops: ['conv'],
  description: 'A dilated kernel gives the output of the undilated kernel with d - 1 zeros inserted between neighbouring taps.',
  arbitrary: (ctx) => convCase(ctx).filter((c) => (c.params.dilations as number[]).some((d) => d > 1)),
  check: async (ctx, c) => {
    const dilations = c.params.dilations as number[];
    const dilated = await callConv(ctx.adapter, c);
    const inflated = await callConv(ctx.adapter, {
      ...c,
      weight: zeroInsertedKernel(c.weight, c.params.kernelLayout, dilations),
      params: { ...c.params, dilations: dilations.map(() => 1) },
    });
    expectTensor(dilated, inflated, `dilations [${dilations.join(', ')}] compared with the zero-inserted kernel`);
  },
});

async function groupsAsSeparateConvolutions(ctx: PropertyContext, c: ConvCase): Promise<void> {
  const rank = c.input.shape.length;
  const groups = c.params.groups;
  const inAxis = channelAxis(c.params.layout, rank);
  const outAxis = kernelOutAxis(c.params.kernelLayout, rank);
  const inPerGroup = c.input.shape[inAxis]! / groups;
  const outPerGroup = c.weight.shape[outAxis]! / groups;
  const parts: Tensor[] = [];
  for (let g = 0; g < groups; g++) {
    parts.push(
      await callConv(ctx.adapter, {
        input: sliceAxis(c.input, inAxis, g * inPerGroup, inPerGroup),
        weight: sliceAxis(c.weight, outAxis, g * outPerGroup, outPerGroup),
        ...(c.bias === undefined ? {} : { bias: sliceAxis(c.bias, 0, g * outPerGroup, outPerGroup) }),
        params: { ...c.params, groups: 1 },
      }),
    );
  }
  expectTensor(await callConv(ctx.adapter, c), concat(parts, inAxis), `groups = ${groups} compared with ${groups} separate convolutions`);
}

export const groupsAreSeparate = defineProperty({
  id: 'conv/groups/equal-separate-convolutions-concatenated',
  spec: ['conv.groups'],
  features: ['conv', 'conv.groups'],
  ops: ['conv'],
  description: 'A convolution with g groups equals g convolutions of the channel slices, concatenated along the channel axis.',
  arbitrary: (ctx) => convCase(ctx, { groups: 'grouped' }),
  check: groupsAsSeparateConvolutions,
});

export const depthwiseIsPerChannel = defineProperty({
  id: 'conv/depthwise/equals-one-convolution-per-channel',
  spec: ['conv.depthwise', 'conv.groups'],
  features: ['conv', 'conv.depthwise'],
  ops: ['conv'],
  description:
    'A depthwise convolution with depth multiplier m equals, for each input channel, its own convolution with m filters, concatenated.',
  arbitrary: (ctx) => convCase(ctx, { groups: 'depthwise' }),
  check: groupsAsSeparateConvolutions,
});

export const channelsLastIsTransposed = defineProperty({
  id: 'conv/layout/channels-last-equals-transposed',
  spec: ['layout.channels-last', 'layout.channels-first', 'layout.kernel'],
  features: ['conv', 'layout.channels-first', 'layout.channels-last'],
  ops: ['conv'],
  description: 'A channels-last convolution with spatial-in-out weights equals the channels-first one transposed.',
  arbitrary: (ctx) => convCase(ctx, { layouts: ['channels-first'] }),
  check: async (ctx, c) => {
    const first = await callConv(ctx.adapter, c);
    const last = await callConv(ctx.adapter, {
      ...c,
      input: convertLayout(c.input, 'channels-first', 'channels-last'),
      weight: convertKernelLayout(c.weight, 'out-in-spatial', 'spatial-in-out'),
      params: { ...c.params, layout: 'channels-last', kernelLayout: 'spatial-in-out' },
    });
    expectTensor(
      last,
      convertLayout(first, 'channels-first', 'channels-last'),
      'channels-last output compared with the transposed channels-first output',
    );
  },
});

export const pointwiseIsDense = defineProperty({
  id: 'conv/pointwise/equals-dense-at-every-position',
  spec: ['conv.definition', 'dense.definition'],
  features: ['conv', 'dense'],
  ops: ['conv', 'dense'],
  description: 'A 1x1 convolution (stride 1, no padding, one group) equals a dense layer applied to the channels at every position.',
  arbitrary: (ctx) => convCase(ctx, { maxKernel: 1, strideOne: true, paddings: ['valid'], groups: 'one' }),
  check: async (ctx, c) => {
    const y = await callConv(ctx.adapter, c);
    const rows = convertLayout(c.input, c.params.layout, 'channels-last');
    const channels = rows.shape[rows.shape.length - 1]!;
    const flat = { shape: [rows.data.length / channels, channels], data: rows.data };
    const matrix =
      c.params.kernelLayout === 'out-in-spatial'
        ? { shape: [c.weight.shape[0]!, channels], data: c.weight.data, layout: 'out-in' as const }
        : { shape: [channels, c.weight.shape[c.weight.shape.length - 1]!], data: c.weight.data, layout: 'in-out' as const };
    const dense = await callDense(ctx.adapter, {
      input: flat,
      weight: { shape: matrix.shape, data: matrix.data },
      ...(c.bias === undefined ? {} : { bias: c.bias }),
      params: { weightLayout: matrix.layout },
    });
    const yLast = convertLayout(y, c.params.layout, 'channels-last');
    expectTensor(
      { shape: [dense.shape[0]!, dense.shape[1]!], data: yLast.data },
      dense,
      '1x1 convolution compared with dense at every position',
    );
  },
});

export const fullKernelIsDense = defineProperty({
  id: 'conv/full-kernel/equals-dense-on-flattened-input',
  spec: ['conv.definition', 'dense.definition', 'padding.valid'],
  features: ['conv', 'dense'],
  ops: ['conv', 'dense'],
  description: 'A valid convolution whose kernel covers the whole input equals a dense layer on the flattened input.',
  arbitrary: (ctx) => {
    const space = caseSpace(ctx);
    requireChoices(ctx, 'convolution', [rankChoice(space), layoutChoice(space)]);
    return fc
      .record({
        rank: fc.constantFrom(...space.ranks),
        layout: fc.constantFrom(...space.layouts),
        batch: fc.integer({ min: 1, max: 2 }),
        channels: fc.integer({ min: 1, max: 3 }),
        filters: fc.integer({ min: 1, max: 3 }),
        bias: fc.constantFrom(...(space.convBias && ctx.features.has('dense.bias') ? [true, false] : [false])),
      })
      .chain((p) =>
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: p.rank, maxLength: p.rank }).chain((spatial) => {
          const kernelLayout = defaultKernelLayout(p.layout);
          return fc.record({
            input: tensorArbitrary(joinActivationShape({ batch: p.batch, channels: p.channels, spatial }, p.layout), 'exact'),
            weight: tensorArbitrary(
              joinKernelShape({ outChannels: p.filters, inChannelsPerGroup: p.channels, kernel: spatial }, kernelLayout),
              'exact',
            ),
            bias: p.bias ? tensorArbitrary([p.filters], 'exact') : fc.constant(undefined),
            params: fc.constant({
              strides: spatial.map(() => 1),
              dilations: spatial.map(() => 1),
              padding: 'valid' as const,
              fill: 'zeros' as const,
              groups: 1,
              layout: p.layout,
              kernelLayout,
            }),
          });
        }),
      )
      .filter((c) => elementCount(c.input.shape) <= ctx.maxElements && elementCount(c.weight.shape) <= ctx.maxElements);
  },
  check: async (ctx, c) => {
    const batch = c.input.shape[0]!;
    const features = c.input.data.length / batch;
    const filters = c.params.kernelLayout === 'out-in-spatial' ? c.weight.shape[0]! : c.weight.shape[c.weight.shape.length - 1]!;
    const y = await callConv(ctx.adapter, { input: c.input, weight: c.weight, ...(c.bias ? { bias: c.bias } : {}), params: c.params });
    // Channels-first data flattens in (C, spatial) order, matching [Cout, C, spatial] weights read
    // as [out, in]; channels-last flattens in (spatial, C) order, matching [spatial, C, Cout] as [in, out].
    const weightLayout = c.params.kernelLayout === 'out-in-spatial' ? ('out-in' as const) : ('in-out' as const);
    const dense = await callDense(ctx.adapter, {
      input: { shape: [batch, features], data: c.input.data },
      weight: { shape: weightLayout === 'out-in' ? [filters, features] : [features, filters], data: c.weight.data },
      ...(c.bias ? { bias: c.bias } : {}),
      params: { weightLayout },
    });
    expectTensor({ shape: [batch, filters], data: y.data }, dense, 'whole-input convolution compared with dense on the flattened input');
  },
});

export const CONV_EQUIVALENCE_PROPERTIES = [
  strideIsSubsampling,
  dilationIsZeroInsertion,
  groupsAreSeparate,
  depthwiseIsPerChannel,
  channelsLastIsTransposed,
  pointwiseIsDense,
  fullKernelIsDense,
];
