/**
 * The output shape of a transposed convolution follows the output-size formula, the same-padding
 * size or the requested output shape, and a convolution with the same parameters maps it back to
 * the input size (spec: conv-transpose.output-size, conv-transpose.same,
 * conv-transpose.output-shape, conv-transpose.round-trip). The expected sizes come from the
 * formulas directly, not from the plan.
 */
import { evaluateFormula } from '../../src/spec/formulas.js';
import { joinActivationShape, splitActivationShape } from '../../src/tensor/layout.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callOp } from '../support/callAdapter.js';
import { expectShape, expectThat } from '../support/expectTensor.js';
import { convTransposeCase, type ConvTransposeCase } from './convTransposeCase.js';

/** The kernel sizes of a case's weight, per its kernel layout. */
const kernelOf = (c: ConvTransposeCase): number[] =>
  c.params.kernelLayout === 'in-out-spatial' ? c.weight.shape.slice(2) : c.weight.shape.slice(0, -2);

/** The explicit crops of an axis (the generator gives them as arrays), or none. */
const explicitCrops = (c: ConvTransposeCase, axis: number): { pb: number; pe: number } => {
  const padding = c.params.padding;
  if (typeof padding !== 'object') return { pb: 0, pe: 0 };
  return { pb: (padding.begin as readonly number[])[axis]!, pe: (padding.end as readonly number[])[axis]! };
};

const outChannelsOf = (c: ConvTransposeCase): number =>
  c.params.groups * (c.params.kernelLayout === 'in-out-spatial' ? c.weight.shape[1]! : c.weight.shape[c.weight.shape.length - 2]!);

export const outputShapeByFormula = defineProperty({
  id: 'conv-transpose/output-size/formula',
  spec: ['conv-transpose.output-size', 'conv-transpose.same', 'conv-transpose.output-shape'],
  features: ['conv-transpose'],
  ops: ['convTranspose'],
  description:
    'The output has (n - 1)·s - pb - pe + d·(k - 1) + op + 1 elements per axis, n·s under same padding, or the requested output shape.',
  arbitrary: (ctx) => convTransposeCase(ctx),
  check: async (ctx, c) => {
    const y = await callOp(ctx.adapter, 'conv-transpose', c);
    const { batch, spatial } = splitActivationShape(c.input.shape, c.params.layout);
    const kernel = kernelOf(c);
    const expected = spatial.map((n, axis) => {
      const s = c.params.strides[axis]!;
      if (c.params.outputShape !== undefined) return c.params.outputShape[axis]!;
      if (c.params.padding === 'same-upper' || c.params.padding === 'same-lower')
        return evaluateFormula('conv-transpose.same.output-size', { n, s });
      const { pb, pe } = explicitCrops(c, axis);
      const scope = { n, s, pb, pe, d: c.params.dilations[axis]!, k: kernel[axis]!, opad: c.params.outputPadding[axis]! };
      return evaluateFormula('conv-transpose.output-size', scope);
    });
    expectShape(
      y.shape,
      joinActivationShape({ batch, channels: outChannelsOf(c), spatial: expected }, c.params.layout),
      'transposed convolution output',
    );
  },
});

export const convInvertsOutputSize = defineProperty({
  id: 'conv-transpose/round-trip/conv-gives-back-the-input-size',
  spec: ['conv-transpose.round-trip'],
  features: ['conv-transpose'],
  ops: ['convTranspose'],
  description:
    "A convolution with the transposed convolution's stride, dilation and crops as pads maps its output size back to its input size.",
  arbitrary: (ctx) => convTransposeCase(ctx, { crops: ['valid', 'explicit'], adjoint: true }),
  check: async (ctx, c) => {
    const y = await callOp(ctx.adapter, 'conv-transpose', c);
    const input = splitActivationShape(c.input.shape, c.params.layout).spatial;
    const output = splitActivationShape(y.shape, c.params.layout).spatial;
    const kernel = kernelOf(c);
    expectThat(output.length === input.length, `output rank ${y.shape.length} differs from the input's ${c.input.shape.length}`);
    output.forEach((size, axis) => {
      const { pb, pe } = explicitCrops(c, axis);
      const effK = evaluateFormula('effective-kernel', { d: c.params.dilations[axis]!, k: kernel[axis]! });
      const back = evaluateFormula('output-size.floor', { n: size, pb, pe, effK, s: c.params.strides[axis]! });
      expectThat(
        back === input[axis],
        `axis ${axis}: a convolution of the output size ${size} gives ${back}, not the input size ${input[axis]}`,
        {
          params: c.params,
        },
      );
    });
  },
});

export const CONV_TRANSPOSE_OUTPUT_SIZE_PROPERTIES = [outputShapeByFormula, convInvertsOutputSize];
