/**
 * An output padding not below both the stride and the dilation is rejected (spec:
 * conv-transpose.output-padding). Every convention that has an output padding rejects it: PyTorch
 * and ONNX Runtime require op < max(s, d), Keras op < s, and ONNX's text "less than the
 * corresponding stride/dilation dimension" under either reading.
 */
import fc from 'fast-check';
import { defineProperty, NotApplicable } from '../PropertyDefinition.js';
import { callOp } from '../support/callAdapter.js';
import { expectRejected } from '../support/expectRejected.js';
import { convTransposeCase } from './convTransposeCase.js';

export const outputPaddingRejected = defineProperty({
  id: 'conv-transpose/output-padding/rejected-from-max-of-stride-and-dilation',
  spec: ['conv-transpose.output-padding'],
  features: ['conv-transpose', 'conv-transpose.output-padding'],
  ops: ['convTranspose'],
  description: 'A transposed convolution whose output padding on some axis is at least the larger of stride and dilation is rejected.',
  arbitrary: (ctx) => {
    if (!ctx.features.has('conv-transpose.output-padding')) throw NotApplicable.needsOneOf('conv-transpose.output-padding');
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

export const CONV_TRANSPOSE_REJECTION_PROPERTIES = [outputPaddingRejected];
