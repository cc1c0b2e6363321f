/**
 * Structural properties of convolution: translation equivariance, a delta kernel is a shift,
 * and the kernel is applied as it is stored (cross-correlation, no flip).
 */
import fc from 'fast-check';
import { advanceIndex } from '../../src/tensor/advanceIndex.js';
import {
  activationStrides,
  convertKernelLayout,
  defaultKernelLayout,
  joinActivationShape,
  splitActivationShape,
} from '../../src/tensor/layout.js';
import { planConv } from '../../src/ops/conv/planConv.js';
import { elementCount, makeTensor, rowMajorStrides } from '../../src/tensor/tensor.js';
import { caseSpace } from '../arbitraries/caseSpace.js';
import { layoutChoice, rankChoice, requireChoices } from '../arbitraries/requireChoices.js';
import { convCase } from '../arbitraries/convCase.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callConv } from '../support/callAdapter.js';
import { expectTensor } from '../support/expectTensor.js';
import { spatialAxes, sliceAxis } from '../support/layoutOps.js';
import { slice } from '../support/tensorOps.js';

export const translationEquivariant = defineProperty({
  id: 'conv/translation/shift-by-stride-shifts-output-by-one',
  spec: ['shape.window', 'shape.stride'],
  features: ['conv'],
  ops: ['conv'],
  description: 'Dropping the first s input positions along an axis (valid padding) drops exactly the first output position along it.',
  arbitrary: (ctx) =>
    convCase(ctx, { paddings: ['valid'] })
      .map((c) => {
        const plan = planConv({ ...c.params, convention: ctx.conventionSpec }, c.input.shape, c.weight.shape, c.bias?.shape);
        return { c, axis: plan.window.output.findIndex((out) => out >= 2) };
      })
      .filter(({ axis }) => axis >= 0),
  check: async (ctx, { c, axis }) => {
    const rank = c.input.shape.length;
    const dataAxis = spatialAxes(c.params.layout, rank)[axis]!;
    const s = (c.params.strides as number[])[axis]!;
    const shifted = sliceAxis(c.input, dataAxis, s, c.input.shape[dataAxis]! - s);
    const y = await callConv(ctx.adapter, c);
    const yShifted = await callConv(ctx.adapter, { ...c, input: shifted });
    expectTensor(
      yShifted,
      sliceAxis(y, dataAxis, 1, y.shape[dataAxis]! - 1),
      `output for the input shifted by ${s} along spatial axis ${axis}`,
    );
  },
});

export const deltaKernelShifts = defineProperty({
  id: 'conv/delta-kernel/is-a-shift',
  spec: ['conv.definition', 'shape.window', 'shape.dilation'],
  features: ['conv'],
  ops: ['conv'],
  description:
    'A kernel that is 1 at one tap t (same channel in and out) and 0 elsewhere copies the input shifted by t·d (valid padding, stride 1).',
  arbitrary: (ctx) =>
    convCase(ctx, { paddings: ['valid'], groups: 'one', strideOne: true, bias: 'without' }).chain((c) => {
      const kernel = c.params.kernelLayout === 'out-in-spatial' ? c.weight.shape.slice(2) : c.weight.shape.slice(0, -2);
      return fc.record({ c: fc.constant(c), tap: fc.tuple(...kernel.map((k) => fc.integer({ min: 0, max: k - 1 }))) });
    }),
  check: async (ctx, { c, tap }) => {
    const { channels, spatial } = splitActivationShape(c.input.shape, c.params.layout);
    const kernel = tap.map((_, a) => (c.params.kernelLayout === 'out-in-spatial' ? c.weight.shape[a + 2]! : c.weight.shape[a]!));
    const delta = makeTensor([channels, channels, ...kernel]);
    const strides = rowMajorStrides(delta.shape);
    for (let ch = 0; ch < channels; ch++) {
      delta.data[ch * strides[0]! + ch * strides[1]! + tap.reduce((sum, t, a) => sum + t * strides[a + 2]!, 0)] = 1;
    }
    const weight = convertKernelLayout(delta, 'out-in-spatial', c.params.kernelLayout);
    const dilations = c.params.dilations as number[];
    const y = await callConv(ctx.adapter, { input: c.input, weight, params: c.params });
    const outSpatial = spatial.map((n, a) => n - dilations[a]! * (kernel[a]! - 1));
    const rank = c.input.shape.length;
    const start = new Array<number>(rank).fill(0);
    spatialAxes(c.params.layout, rank).forEach((axis, a) => (start[axis] = tap[a]! * dilations[a]!));
    const shape = joinActivationShape({ batch: c.input.shape[0]!, channels, spatial: outSpatial }, c.params.layout);
    expectTensor(y, slice(c.input, start, shape), `delta kernel at tap [${tap.join(', ')}]`);
  },
});

export const noFlip = defineProperty({
  id: 'conv/no-flip/kernel-applied-as-stored',
  spec: ['conv.no-flip', 'conv.definition'],
  features: ['conv'],
  ops: ['conv'],
  description: 'For a one-hot input at p and a kernel with distinct taps, output o is the tap p - o: the kernel is not flipped.',
  arbitrary: (ctx) => {
    const space = caseSpace(ctx);
    requireChoices(ctx, 'convolution', [rankChoice(space), layoutChoice(space)]);
    return fc.record({ rank: fc.constantFrom(...space.ranks), layout: fc.constantFrom(...space.layouts) }).chain(({ rank, layout }) =>
      fc
        .array(fc.record({ k: fc.integer({ min: 2, max: 4 }), extra: fc.integer({ min: 0, max: 3 }) }), {
          minLength: rank,
          maxLength: rank,
        })
        .chain((axes) =>
          fc.record({
            layout: fc.constant(layout),
            kernel: fc.constant(axes.map((a) => a.k)),
            spatial: fc.constant(axes.map((a) => a.k + a.extra)),
            hot: fc.tuple(...axes.map((a) => fc.integer({ min: 0, max: a.k + a.extra - 1 }))),
          }),
        ),
    );
  },
  check: async (ctx, { layout, kernel, spatial, hot }) => {
    const input = makeTensor(joinActivationShape({ batch: 1, channels: 1, spatial }, layout));
    const x = activationStrides(input.shape, layout);
    input.data[hot.reduce((sum, p, a) => sum + p * x.spatial[a]!, 0)] = 1;
    const taps = makeTensor(
      [1, 1, ...kernel],
      Array.from({ length: elementCount(kernel) }, (_, i) => i + 1),
    );
    const kernelLayout = defaultKernelLayout(layout);
    const weight = convertKernelLayout(taps, 'out-in-spatial', kernelLayout);
    const ones = kernel.map(() => 1);
    const params = { strides: ones, dilations: ones, padding: 'valid' as const, fill: 'zeros' as const, groups: 1, layout, kernelLayout };
    const y = await callConv(ctx.adapter, { input, weight, params });
    const outSpatial = spatial.map((n, a) => n - kernel[a]! + 1);
    const expected = makeTensor(joinActivationShape({ batch: 1, channels: 1, spatial: outSpatial }, layout));
    const o = new Array<number>(outSpatial.length).fill(0);
    const yStrides = activationStrides(expected.shape, layout);
    const kStrides = rowMajorStrides(kernel);
    do {
      const t = hot.map((p, a) => p - o[a]!);
      if (t.every((tap, a) => tap >= 0 && tap < kernel[a]!)) {
        expected.data[o.reduce((sum, v, a) => sum + v * yStrides.spatial[a]!, 0)] =
          1 + t.reduce((sum, tap, a) => sum + tap * kStrides[a]!, 0);
      }
    } while (advanceIndex(o, outSpatial));
    expectTensor(y, expected, `one-hot input at [${hot.join(', ')}] with taps numbered 1..${elementCount(kernel)}`);
  },
});

export const CONV_STRUCTURE_PROPERTIES = [translationEquivariant, deltaKernelShifts, noFlip];
