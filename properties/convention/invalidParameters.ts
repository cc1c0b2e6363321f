/**
 * Invalid parameters are rejected, by every op and by shape inference and parameter counting:
 * a stride, dilation or kernel size of 0, a negative pad, a non-integer parameter, a tensor
 * dimension of 0, a group count that does not divide the channels, a window longer than the
 * padded input, and (apart, as a limit of the spec rather than of arithmetic) a size, stride,
 * dilation or window beyond 2^31 - 1. An implementation that runs stride 0 as 1, a negative pad as
 * 0, or wraps 2^32 + 1 to 1, answers where the spec requires an error (spec: error.typed,
 * error.parameter-range). Each case is invalid under every member of the adapter's convention,
 * and uses only what the adapter declares (spec: convention.unspecified).
 */
import type { Adapter, LayerRequest } from '../../src/adapter/Adapter.js';
import { CnnSpecError } from '../../src/CnnSpecError.js';
import { planLayer } from '../../src/planLayer.js';
import { referenceCall } from '../../src/referenceCall.js';
import { invalidCallCase, type InvalidCall, type InvalidCallOp, type InvalidFamily } from '../arbitraries/invalidCallCase.js';
import { invalidLayerCase, type InvalidLayer, type LayerQuestion } from '../arbitraries/invalidLayerCase.js';
import { defineProperty, type PropertyDefinition } from '../PropertyDefinition.js';
import { expectRejected } from '../support/expectRejected.js';

/** The reference's error for a case every member rejects: the rule the parameter breaks, for the message. */
function referenceError(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    if (error instanceof CnnSpecError) return error.message;
  }
  return 'the reference rejects it under every member of the convention';
}

const ADAPTER_METHOD: Record<InvalidCallOp, 'conv' | 'pool' | 'pad' | 'dense' | 'globalPool'> = {
  conv: 'conv',
  pool: 'pool',
  pad: 'pad',
  dense: 'dense',
  'global-pool': 'globalPool',
};

/** Sends the call as it is: the invalid value must reach the implementation unchanged. */
function send(adapter: Adapter, c: InvalidCall): Promise<unknown> {
  const method = adapter[ADAPTER_METHOD[c.op]] as ((request: unknown) => Promise<unknown>) | undefined;
  return method!.call(adapter, c.request);
}

const OP_CLAUSES: Record<InvalidCallOp, string[]> = {
  conv: ['conv.shapes', 'shape.stride', 'shape.dilation', 'padding.explicit', 'shape.output-size.positive'],
  pool: ['pool.window', 'shape.stride', 'shape.dilation', 'padding.explicit', 'shape.output-size.positive'],
  pad: ['padding.op', 'padding.explicit'],
  dense: ['dense.definition'],
  'global-pool': ['pool.global'],
};

const WHAT: Record<InvalidCallOp, string> = {
  conv: 'convolution',
  pool: 'pooling',
  pad: 'pad',
  dense: 'dense',
  'global-pool': 'global pooling',
};

/** What is invalid in the malformed calls of each op, completing "A ... call with ...". */
const MALFORMED: Record<InvalidCallOp, string> = {
  conv: 'a stride, dilation or kernel size of 0, a negative or non-integer stride, dilation or pad, or a dilated window longer than the padded input',
  pool: 'a stride, dilation or window size of 0, a negative or non-integer stride, dilation, window or pad, or a dilated window longer than the padded input',
  pad: 'a negative or non-integer pad',
  dense: 'a weight or input without features (a dimension of 0)',
  'global-pool': 'an input with an empty spatial axis (a window of size 0)',
};

function invalidCallProperty(op: InvalidCallOp, family: InvalidFamily): PropertyDefinition<InvalidCall> {
  const malformed = family === 'malformed';
  return defineProperty({
    id: malformed ? `${op}/invalid/parameters-are-rejected` : `${op}/limits/oversized-parameters-are-rejected`,
    spec: ['error.typed', 'error.parameter-range', 'convention.unspecified', ...(malformed ? (op === 'pad' || op === 'pool' ? [] : ['tensor.shape']) : ['error.limits']), ...OP_CLAUSES[op]],
    features: [],
    ops: [ADAPTER_METHOD[op]],
    description: malformed
      ? `A ${WHAT[op]} call with ${MALFORMED[op]} is rejected, never answered.`
      : `A ${WHAT[op]} call with a stride, dilation or window size beyond 2^31 - 1 (2^31, 2^32, 2^32 + 1, which 32-bit storage wraps to -2^31, 0 and 1) is rejected, never answered.`,
    arbitrary: (ctx) => invalidCallCase(ctx, op, family),
    check: async (ctx, c) => {
      const rule = referenceError(() => referenceCall(c, ctx.conventionSpec));
      await expectRejected(() => send(ctx.adapter, c), `${c.kind}: ${c.parameter} = ${c.value} is invalid (${rule})`, { kind: c.kind, parameter: c.parameter, value: c.value });
    },
  });
}

const QUESTION_CLAUSES: Record<LayerQuestion, string[]> = {
  outputShape: ['shape.layers', 'shape.output-size.positive', 'conv.groups'],
  paramCount: ['shape.layers', 'params.conv', 'params.depthwise', 'params.separable', 'params.dense', 'conv.groups'],
};

function invalidLayerProperty(question: LayerQuestion, family: InvalidFamily): PropertyDefinition<InvalidLayer> {
  const malformed = family === 'malformed';
  const topic = question === 'outputShape' ? 'shape/adapter-inference' : 'params/adapter-count';
  const asked = question === 'outputShape' ? 'shape inference' : 'parameter counting';
  return defineProperty({
    id: `${topic}/${malformed ? 'rejects-invalid-layers' : 'rejects-oversized-layers'}`,
    spec: ['error.typed', 'error.parameter-range', 'convention.unspecified', ...(malformed ? ['tensor.shape'] : ['error.limits']), ...QUESTION_CLAUSES[question]],
    features: [],
    ops: [question],
    description: malformed
      ? `The adapter's ${asked} rejects a layer with a stride, dilation, kernel size, filter count or input size of 0, a negative or non-integer parameter, groups that do not divide the channels${question === 'outputShape' ? ' or a window longer than the padded input' : ''}.`
      : `The adapter's ${asked} rejects a layer with an input size, stride, dilation or window size beyond 2^31 - 1 (2^31, 2^32, 2^32 + 1, which 32-bit storage wraps to -2^31, 0 and 1).`,
    arbitrary: (ctx) => invalidLayerCase(ctx, family, question),
    check: async (ctx, c) => {
      const request: LayerRequest = { layer: c.layer, inputShape: c.inputShape, layout: c.layout };
      const rule = referenceError(() => planLayer(c.layer, c.inputShape, { layout: c.layout, convention: ctx.conventionSpec }));
      await expectRejected(() => ctx.adapter[question]!(request), `${c.kind}: ${c.layer.type} layer with ${c.parameter} = ${c.value} is invalid (${rule})`, {
        kind: c.kind,
        parameter: c.parameter,
        value: c.value,
      });
    },
  });
}

export const INVALID_PARAMETER_PROPERTIES = [
  invalidCallProperty('conv', 'malformed'),
  invalidCallProperty('pool', 'malformed'),
  invalidCallProperty('pad', 'malformed'),
  invalidCallProperty('dense', 'malformed'),
  invalidCallProperty('global-pool', 'malformed'),
  invalidCallProperty('conv', 'oversized'),
  invalidCallProperty('pool', 'oversized'),
  invalidLayerProperty('outputShape', 'malformed'),
  invalidLayerProperty('paramCount', 'malformed'),
  invalidLayerProperty('outputShape', 'oversized'),
  invalidLayerProperty('paramCount', 'oversized'),
];
