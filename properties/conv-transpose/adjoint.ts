/**
 * Transposed convolution is the adjoint of convolution: <conv(x, w), y> = <x, convT(y, w)> for
 * the same weight tensor, stride, dilation, groups and crops as pads (spec:
 * conv-transpose.definition). No oracle is needed for the transposed side, and every index
 * error (a flipped kernel, a crop at the wrong end, a swapped channel axis) breaks it. On the
 * exact domain both sides are exact sums, so they must be equal.
 */
import fc from 'fast-check';
import { convFast } from '../../src/ops/conv/convFast.js';
import { ADJOINT_CONV_KERNEL_LAYOUT, planConvTranspose } from '../../src/ops/conv-transpose/planConvTranspose.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import { defineProperty, PropertyViolation } from '../PropertyDefinition.js';
import { callOp } from '../support/callAdapter.js';
import { expectShape } from '../support/expectTensor.js';
import { convTransposeCase } from './convTransposeCase.js';

/** The inner product, summed in float64: exact for tensors of the exact domain. */
function dot(a: Tensor, b: Tensor): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += a.data[i]! * b.data[i]!;
  return sum;
}

export const adjointOfConv = defineProperty({
  id: 'conv-transpose/adjoint/inner-product',
  spec: ['conv-transpose.definition', 'conv-transpose.weight-layout', 'conv-transpose.crop-split'],
  features: ['conv-transpose'],
  ops: ['convTranspose'],
  description:
    "The inner products agree, <conv(x, w), y> = <x, convT(y, w)>, for the reference convolution with the transposed convolution's crops as its pads.",
  arbitrary: (ctx) =>
    convTransposeCase(ctx, { bias: 'without', adjoint: true }).chain((c) => {
      const plan = planConvTranspose({ ...c.params, convention: ctx.conventionSpec }, c.input.shape, c.weight.shape);
      return fc.record({ c: fc.constant(c), x: tensorArbitrary(plan.outputShape, 'exact') });
    }),
  check: async (ctx, { c, x }) => {
    const plan = planConvTranspose({ ...c.params, convention: ctx.conventionSpec }, c.input.shape, c.weight.shape);
    const transposed = await callOp(ctx.adapter, 'conv-transpose', { input: c.input, weight: c.weight, params: c.params });
    expectShape(transposed.shape, plan.outputShape, 'transposed convolution output');
    // spec: conv-transpose.definition — the convolution whose adjoint this is: same weight, crops as pads
    const forward = convFast(x, c.weight, undefined, {
      strides: plan.strides,
      dilations: plan.dilations,
      padding: { begin: plan.cropBegin, end: plan.cropEnd },
      groups: plan.groups,
      layout: plan.layout,
      kernelLayout: ADJOINT_CONV_KERNEL_LAYOUT[plan.kernelLayout],
      convention: 'cnnspec',
    });
    if (forward.shape.join() !== c.input.shape.join()) {
      throw new Error(`kit: the adjoint convolution's output ${forward.shape} is not the transposed convolution's input ${c.input.shape}`);
    }
    const left = dot(forward, c.input);
    const right = dot(x, transposed);
    if (left !== right) {
      throw new PropertyViolation(`<conv(x, w), y> = ${left} but <x, convT(y, w)> = ${right}`, {
        params: c.params,
        cropBegin: plan.cropBegin,
        cropEnd: plan.cropEnd,
      });
    }
  },
});

export const CONV_TRANSPOSE_ADJOINT_PROPERTIES = [adjointOfConv];
