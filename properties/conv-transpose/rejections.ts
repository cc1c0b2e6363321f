/**
 * An output padding not below both the stride and the dilation is rejected (spec:
 * conv-transpose.output-padding). Every convention with a limit rejects it: PyTorch and ONNX
 * Runtime require op < max(s, d), Keras and WebNN op < s, and ONNX's text "less than the
 * corresponding stride/dilation dimension" under either reading; TOSA sets no limit.
 */
import fc from 'fast-check';
import { defineProperty, NotApplicable } from '../PropertyDefinition.js';
import { callOp } from '../support/callAdapter.js';
import { expectRejected } from '../support/expectRejected.js';
import { expectThat } from '../support/expectTensor.js';
import { splitActivationShape } from '../../src/tensor/layout.js';
import { convTransposeCase, type ConvTransposeCase } from './convTransposeCase.js';

export const outputPaddingRejected = defineProperty({
  id: 'conv-transpose/output-padding/rejected-from-max-of-stride-and-dilation',
  spec: ['conv-transpose.output-padding'],
  features: ['conv-transpose', 'conv-transpose.output-padding'],
  ops: ['convTranspose'],
  description: 'A transposed convolution whose output padding on some axis is at least the larger of stride and dilation is rejected.',
  arbitrary: (ctx) => {
    if (!ctx.features.has('conv-transpose.output-padding')) throw NotApplicable.needsOneOf('conv-transpose.output-padding');
    // spec: conv-transpose.output-padding — a convention without a limit (TOSA) rejects none
    if (ctx.convention.outputPaddingLimit === 'none')
      throw new NotApplicable(`convention ${ctx.convention.name} sets no limit on the output padding`);
    return convTransposeCase(ctx, { crops: ['valid', 'explicit'] }).chain((c) =>
      fc.record({ c: fc.constant(c), axis: fc.nat({ max: c.params.strides.length - 1 }), beyond: fc.integer({ min: 0, max: 2 }) }),
    );
  },
  check: async (ctx, { c, axis, beyond }) => {
    const s = c.params.strides[axis]!;
    const d = c.params.dilations[axis]!;
    const outputPadding = c.params.outputPadding.map((p, a) => (a === axis ? Math.max(s, d) + beyond : p));
    await expectRejected(
      () => callOp(ctx.adapter, 'conv-transpose', { ...c, params: { ...c.params, outputPadding } }),
      `outputPadding[${axis}] = ${outputPadding[axis]} with stride ${s} and dilation ${d}: must be below max(stride, dilation) = ${Math.max(s, d)}`,
      { params: { ...c.params, outputPadding } },
    );
  },
});

/** The sizes a convolution with the case's kernel, stride, dilation and padding mode maps back to `n`. */
function preimageOf(c: ConvTransposeCase, axis: number, n: number): { lo: number; hi: number } {
  const s = c.params.strides[axis]!;
  if (c.params.padding === 'same-upper' || c.params.padding === 'same-lower') return { lo: (n - 1) * s + 1, hi: n * s };
  const k = c.params.kernelLayout === 'in-out-spatial' ? c.weight.shape[2 + axis]! : c.weight.shape[axis]!;
  const full = (n - 1) * s + c.params.dilations[axis]! * (k - 1) + 1;
  return { lo: full, hi: full + s - 1 };
}

export const outputShapeOutsidePreimage = defineProperty({
  id: 'conv-transpose/output-shape/outside-conv-preimage-by-rule',
  spec: ['conv-transpose.output-shape'],
  features: ['conv-transpose', 'conv-transpose.output-shape'],
  ops: ['convTranspose'],
  description:
    'An output shape that a convolution with the same parameters does not map back to the input size is rejected under the conv-preimage rule (TensorFlow, TF.js, WebNN) and given as asked under the crop rule (ONNX).',
  arbitrary: (ctx) => {
    if (!ctx.features.has('conv-transpose.output-shape')) throw NotApplicable.needsOneOf('conv-transpose.output-shape');
    return convTransposeCase(ctx, { crops: ['output-shape'] }).chain((c) =>
      fc.record({
        c: fc.constant(c),
        axis: fc.nat({ max: c.params.strides.length - 1 }),
        above: fc.boolean(),
        beyond: fc.integer({ min: 1, max: 3 }),
      }),
    );
  },
  check: async (ctx, { c, axis, above, beyond }) => {
    const n = splitActivationShape(c.input.shape, c.params.layout).spatial[axis]!;
    const { lo, hi } = preimageOf(c, axis, n);
    const size = above || lo - beyond < 1 ? hi + beyond : lo - beyond;
    const outputShape = c.params.outputShape!.map((o, a) => (a === axis ? size : o));
    const params = { ...c.params, outputShape };
    if (ctx.convention.outputShapeRule === 'conv-preimage') {
      await expectRejected(
        () => callOp(ctx.adapter, 'conv-transpose', { ...c, params }),
        `outputShape[${axis}] = ${size} with input size ${n}: a convolution maps only ${lo} to ${hi} back to ${n}`,
        { params },
      );
      return;
    }
    const y = await callOp(ctx.adapter, 'conv-transpose', { ...c, params });
    expectThat(
      JSON.stringify(splitActivationShape(y.shape, c.params.layout).spatial) === JSON.stringify(outputShape),
      `outputShape ${JSON.stringify(outputShape)} (axis ${axis} outside ${lo} to ${hi}) gives output shape ${JSON.stringify(y.shape)}`,
      { params, outputShape: y.shape },
    );
  },
});

export const CONV_TRANSPOSE_REJECTION_PROPERTIES = [outputPaddingRejected, outputShapeOutsidePreimage];
