/**
 * Parameter counts are the sizes of the weight and bias tensors a layer actually uses: the
 * adapter accepts tensors of exactly the shapes whose element counts add up to the formula.
 * A dense layer's count on an image grows with the pixel count; a convolution's does not.
 */
import fc from 'fast-check';
import type { LayerSpec } from '../../src/shape/LayerSpec.js';
import { planLayer } from '../../src/shape/planLayer.js';
import { elementCount } from '../../src/tensor/tensor.js';
import { convCase } from '../arbitraries/convCase.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callConv, callDense } from '../support/callAdapter.js';
import { expectShape, expectThat } from '../support/expectTensor.js';
import { caseSpace } from '../arbitraries/caseSpace.js';
import { layoutChoice, requireChoices } from '../arbitraries/requireChoices.js';

export const convParamsAreAcceptedWeights = defineProperty({
  id: 'params/conv/count-equals-the-weights-accepted',
  spec: ['params.conv', 'params.grouped', 'params.depthwise', 'params.bias'],
  features: ['conv'],
  ops: ['conv'],
  description: 'A convolution accepts weight and bias tensors whose element counts add up to the parameter-count formula.',
  arbitrary: (ctx) => convCase(ctx, { fills: ['zeros'] }),
  check: async (ctx, c) => {
    const channelsIn = c.params.layout === 'channels-first' ? c.input.shape[1]! : c.input.shape[c.input.shape.length - 1]!;
    const kernel = c.params.kernelLayout === 'out-in-spatial' ? c.weight.shape.slice(2) : c.weight.shape.slice(0, -2);
    const filters = c.params.kernelLayout === 'out-in-spatial' ? c.weight.shape[0]! : c.weight.shape[c.weight.shape.length - 1]!;
    const layer: LayerSpec = {
      type: 'conv',
      filters,
      kernel,
      strides: c.params.strides as number[],
      dilations: c.params.dilations as number[],
      padding: c.params.padding,
      groups: c.params.groups,
      bias: c.bias !== undefined,
    };
    const plan = planLayer(layer, c.input.shape, { layout: c.params.layout, convention: ctx.conventionSpec });
    const used = plan.weightShapes.reduce((sum, w) => sum + elementCount(w.shape), 0);
    expectThat(used === plan.params.total, `weights of ${used} elements, formula ${plan.params.total}`, {
      used,
      formula: plan.params.total,
      channelsIn,
    });
    expectShape(plan.weightShapes[0]!.shape, c.weight.shape, 'weight shape of the layer');
    const y = await callConv(ctx.adapter, c);
    expectShape(y.shape, plan.outputShape, 'output of the layer with exactly those weights');
  },
});

export const denseGrowsConvDoesNot = defineProperty({
  id: 'params/dense/grows-with-pixels-conv-does-not',
  spec: ['params.dense', 'params.conv'],
  features: ['dense'],
  ops: ['dense'],
  description:
    'On an h x w image a dense layer needs h·w·c weights per unit, which the adapter accepts; a convolution needs the same count for any h and w.',
  arbitrary: (ctx) => {
    const space = caseSpace(ctx);
    requireChoices(ctx, 'image', [layoutChoice(space)]);
    return fc
      .record({
        h: fc.integer({ min: 1, max: 6 }),
        w: fc.integer({ min: 1, max: 6 }),
        c: fc.integer({ min: 1, max: 3 }),
        units: fc.integer({ min: 1, max: 3 }),
        layout: fc.constantFrom(...space.layouts),
      })
      .chain((p) => fc.record({ p: fc.constant(p), input: tensorArbitrary([1, p.h * p.w * p.c], 'exact') }));
  },
  check: async (ctx, { p, input }) => {
    const pixels = p.h * p.w;
    const context = { layout: p.layout, convention: ctx.conventionSpec };
    const image = p.layout === 'channels-first' ? [1, p.c, p.h, p.w] : [1, p.h, p.w, p.c];
    const dense = planLayer({ type: 'flatten' }, image, context);
    const denseLayer = planLayer({ type: 'dense', units: p.units, bias: false }, dense.outputShape, context);
    expectThat(
      denseLayer.params.total === pixels * p.c * p.units,
      `dense count ${denseLayer.params.total} is not h·w·c·units = ${pixels * p.c * p.units}`,
    );
    const weight = denseLayer.weightShapes[0]!.shape;
    const y = await callDense(ctx.adapter, {
      input,
      weight: { shape: weight, data: new Float32Array(elementCount(weight)) },
      params: { weightLayout: ctx.convention.denseWeightLayout },
    });
    expectShape(y.shape, [1, p.units], 'dense output on the flattened image');
    const small = planLayer(
      { type: 'conv', filters: p.units, kernel: 1 },
      p.layout === 'channels-first' ? [1, p.c, 1, 1] : [1, 1, 1, p.c],
      context,
    );
    const large = planLayer({ type: 'conv', filters: p.units, kernel: 1 }, image, context);
    expectThat(
      small.params.total === large.params.total,
      `conv count ${large.params.total} on ${p.h}x${p.w} differs from ${small.params.total} on 1x1`,
    );
  },
});

export const separableParamsAreAcceptedWeights = defineProperty({
  id: 'params/separable/count-equals-the-weights-accepted',
  spec: ['params.separable', 'params.depthwise', 'params.bias'],
  features: ['conv', 'conv.depthwise'],
  ops: ['conv'],
  description:
    'A separable convolution is a depthwise convolution without bias and a 1x1 convolution, whose weights the adapter accepts and whose element counts add up to the formula.',
  arbitrary: (ctx) =>
    convCase(ctx, { groups: 'depthwise', fills: ['zeros'] }).chain((c) =>
      fc.record({ c: fc.constant(c), filters: fc.integer({ min: 1, max: 3 }), bias: fc.constant(c.bias !== undefined) }),
    ),
  check: async (ctx, { c, filters, bias }) => {
    const kernel = c.params.kernelLayout === 'out-in-spatial' ? c.weight.shape.slice(2) : c.weight.shape.slice(0, -2);
    const channels = c.params.layout === 'channels-first' ? c.input.shape[1]! : c.input.shape[c.input.shape.length - 1]!;
    const outChannels = c.params.kernelLayout === 'out-in-spatial' ? c.weight.shape[0]! : c.weight.shape[c.weight.shape.length - 1]!;
    const layer: LayerSpec = {
      type: 'separable-conv',
      filters,
      kernel,
      depthMultiplier: outChannels / channels,
      strides: c.params.strides as number[],
      dilations: c.params.dilations as number[],
      padding: c.params.padding,
      bias,
    };
    const plan = planLayer(layer, c.input.shape, { layout: c.params.layout, convention: ctx.conventionSpec });
    const used = plan.weightShapes.reduce((sum, w) => sum + elementCount(w.shape), 0);
    expectThat(used === plan.params.total, `weights of ${used} elements, formula ${plan.params.total}`);
    const [depthwise, pointwise, biasShape] = plan.weightShapes;
    const zeros = (shape: number[]) => ({ shape, data: new Float32Array(elementCount(shape)) });
    const middle = await callConv(ctx.adapter, {
      input: c.input,
      weight: zeros(depthwise!.shape),
      params: { ...c.params, groups: channels },
    });
    const ones = kernel.map(() => 1);
    const y = await callConv(ctx.adapter, {
      input: middle,
      weight: zeros(pointwise!.shape),
      ...(biasShape === undefined ? {} : { bias: zeros(biasShape.shape) }),
      params: {
        strides: ones,
        dilations: ones,
        padding: 'valid',
        fill: 'zeros',
        groups: 1,
        layout: c.params.layout,
        kernelLayout: c.params.kernelLayout,
      },
    });
    expectShape(y.shape, plan.outputShape, 'separable output');
  },
});

export const PARAM_PROPERTIES = [convParamsAreAcceptedWeights, separableParamsAreAcceptedWeights, denseGrowsConvDoesNot];
