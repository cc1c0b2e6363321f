/**
 * Output shapes equal the formulas, for every op and padding mode; an adapter's own shape
 * inference and parameter counting equal the formulas too.
 */
import { planConv } from '../../src/ops/conv/planConv.js';
import { planDense } from '../../src/ops/dense/planDense.js';
import { planGlobalPool } from '../../src/ops/global-pool/planGlobalPool.js';
import { planLayer } from '../../src/shape/planLayer.js';
import { planPad } from '../../src/ops/pad/pad.js';
import { planPool } from '../../src/ops/pool/planPool.js';
import { convCase } from '../arbitraries/convCase.js';
import { denseCase } from '../arbitraries/denseCase.js';
import { globalPoolCase } from '../arbitraries/globalPoolCase.js';
import { layerCase } from '../arbitraries/layerCase.js';
import { poolCase } from '../arbitraries/poolCase.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callConv, callDense, callGlobalPool, callPad, callPool } from '../support/callAdapter.js';
import { expectShape, expectThat } from '../support/expectTensor.js';

export const convOutputShape = defineProperty({
  id: 'conv/output-shape/matches-formula',
  spec: [
    'conv.shapes',
    'shape.output-size.floor',
    'shape.output-size.trunc',
    'shape.output-size.exact',
    'divergence.rounding',
    'padding.modes',
    'padding.same.output-size',
    'conv.per-axis',
    'tensor.shape',
    'tensor.data-length',
    'tensor.dtype',
    'conformance.adapter',
  ],
  features: ['conv'],
  ops: ['conv'],
  description: 'The shape of a convolution output is the one the output-size formulas give, for every padding mode.',
  arbitrary: (ctx) => convCase(ctx),
  check: async (ctx, c) => {
    const plan = planConv({ ...c.params, convention: ctx.conventionSpec }, c.input.shape, c.weight.shape, c.bias?.shape);
    const y = await callConv(ctx.adapter, { input: c.input, weight: c.weight, bias: c.bias, params: c.params });
    expectShape(y.shape, plan.outputShape, 'conv output');
  },
});

export const poolOutputShape = defineProperty({
  id: 'pool/output-shape/matches-formula',
  spec: [
    'pool.window',
    'pool.kinds',
    'shape.output-size.floor',
    'shape.output-size.ceil',
    'pool.ceil-mode',
    'pool.ceil-mode.last-window',
    'divergence.last-window',
    'divergence.rounding',
    'padding.modes',
    'tensor.shape',
    'tensor.data-length',
    'tensor.dtype',
  ],
  features: [],
  ops: ['pool'],
  description: 'The shape of a pooling output is the one the output-size formulas give, with ceil mode and the last-window rule.',
  arbitrary: (ctx) => poolCase(ctx),
  check: async (ctx, c) => {
    const plan = planPool({ ...c.params, convention: ctx.conventionSpec }, c.input.shape);
    expectShape((await callPool(ctx.adapter, { input: c.input, params: c.params })).shape, plan.outputShape, 'pool output');
  },
});

export const globalPoolOutputShape = defineProperty({
  id: 'global-pool/output-shape/matches-formula',
  spec: ['pool.global', 'divergence.global-keepdims'],
  features: [],
  ops: ['globalPool'],
  description: 'Global pooling gives one value per batch and channel, keeping the spatial axes as size 1 exactly when keepDims is set.',
  arbitrary: (ctx) => globalPoolCase(ctx),
  check: async (ctx, c) => {
    const plan = planGlobalPool({ ...c.params, convention: ctx.conventionSpec }, c.input.shape);
    expectShape((await callGlobalPool(ctx.adapter, c)).shape, plan.outputShape, 'global pool output');
  },
});

export const denseOutputShape = defineProperty({
  id: 'dense/output-shape/matches-formula',
  spec: ['dense.definition', 'dense.rank'],
  features: ['dense'],
  ops: ['dense'],
  description: 'A dense layer keeps every input axis but the last, which becomes the number of output features.',
  arbitrary: (ctx) => denseCase(ctx),
  check: async (ctx, c) => {
    const plan = planDense({ ...c.params, convention: ctx.conventionSpec }, c.input.shape, c.weight.shape, c.bias?.shape);
    expectShape((await callDense(ctx.adapter, c)).shape, plan.outputShape, 'dense output');
  },
});

export const padOutputShape = defineProperty({
  id: 'pad/output-shape/matches-formula',
  spec: ['padding.op', 'padding.explicit'],
  features: ['pad'],
  ops: ['pad'],
  description: 'Padding extends each spatial axis by its begin and end pads and leaves batch and channels alone.',
  arbitrary: (ctx) =>
    convCase(ctx, { paddings: ['explicit'] }).map((c) => ({
      input: c.input,
      params: { padding: c.params.padding as { begin: number[]; end: number[] }, fill: c.params.fill, layout: c.params.layout },
    })),
  check: async (ctx, c) => {
    const plan = planPad({ ...c.params, convention: ctx.conventionSpec }, c.input.shape);
    expectShape((await callPad(ctx.adapter, c)).shape, plan.outputShape, 'pad output');
  },
});

export const adapterShapeInference = defineProperty({
  id: 'shape/adapter-inference/matches-formula',
  spec: ['shape.layers', 'shape.output-size.floor', 'shape.output-size.ceil', 'conv.depthwise', 'conv-transpose.output-size'],
  features: [],
  ops: ['outputShape'],
  description: "The adapter's own shape inference gives the output shapes of the formulas.",
  arbitrary: layerCase,
  check: async (ctx, c) => {
    const expected = planLayer(c.layer, c.inputShape, { layout: c.layout, convention: ctx.conventionSpec }).outputShape;
    const actual = await ctx.adapter.outputShape!({ layer: c.layer, inputShape: c.inputShape, layout: c.layout });
    expectThat(Array.isArray(actual), 'adapter outputShape did not return an array', { returned: String(actual) });
    expectShape(actual, expected, 'inferred output');
  },
});

export const adapterParamCount = defineProperty({
  id: 'params/adapter-count/matches-formula',
  spec: [
    'params.conv',
    'params.grouped',
    'params.depthwise',
    'params.separable',
    'params.conv-transpose',
    'params.dense',
    'params.pool',
    'params.bias',
  ],
  features: [],
  ops: ['paramCount'],
  description:
    "The adapter's own parameter count of a layer (convolution, depthwise, separable, transposed convolution, pooling or dense) equals the parameter-count formula.",
  arbitrary: layerCase,
  check: async (ctx, c) => {
    const expected = planLayer(c.layer, c.inputShape, { layout: c.layout, convention: ctx.conventionSpec }).params.total;
    const actual = await ctx.adapter.paramCount!({ layer: c.layer, inputShape: c.inputShape, layout: c.layout });
    expectThat(actual === expected, `parameter count ${actual} differs from the formula's ${expected}`, { actual, expected });
  },
});

export const SHAPE_PROPERTIES = [
  convOutputShape,
  poolOutputShape,
  globalPoolOutputShape,
  denseOutputShape,
  padOutputShape,
  adapterShapeInference,
  adapterParamCount,
];
