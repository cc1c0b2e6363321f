/**
 * Invalid parameters, by every op and by shape inference and parameter counting: a stride,
 * dilation or kernel size of 0, a negative pad, a non-integer parameter, a tensor dimension of 0,
 * a group count that does not divide the channels, a window longer than the padded input (spec:
 * error.typed, error.parameter-range). Each case is invalid under every member of the adapter's
 * convention; whether the adapter must reject it is the rule its convention has for the case's
 * kind (src/spec/parameterRules.ts): where the convention's own rule declares it invalid, only a
 * rejection passes (running stride 0 as 1 or a negative pad as 0 is a wrong answer); where its
 * sources give no rule, a rejection passes and so does any answer of the right kind, which the
 * spec gives no value to judge (spec: convention.unspecified).
 *
 * Apart, values beyond 2^31 - 1, the kit's limit (spec: error.limits): an implementation may
 * reject them, and where it answers, the answer must be exact (properties/support/beyondLimit.ts):
 * a stride beyond the limit leaves one window, a dilation on a window of one tap changes nothing,
 * a kernel beyond it makes a window longer than any input, and shape inference and parameter
 * counts follow the formulas exactly. Wrapping 2^32 + 1 to 1 in a 32-bit field answers wrongly.
 */
import { isRejection, type Adapter, type LayerRequest } from '../../src/ops/Adapter.js';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { planLayer } from '../../src/shape/planLayer.js';
import { referenceCall } from '../../src/ops/referenceCall.js';
import { invalidCallCase, type InvalidCall, type InvalidCallOp } from '../arbitraries/invalidCallCase.js';
import { invalidLayerCase, type InvalidLayer, type LayerQuestion } from '../arbitraries/invalidLayerCase.js';
import { memberShapes } from '../arbitraries/largeLayerCase.js';
import { defineProperty, PropertyViolation, type PropertyDefinition } from '../PropertyDefinition.js';
import { inRangeCall, reduceLayer } from '../support/beyondLimit.js';
import { callConv, callPool } from '../support/callAdapter.js';
import { expectAnswerOfKind, expectByRule } from '../support/expectByRule.js';
import { describeAnswer } from '../support/expectRejected.js';
import { exactParamCount } from '../support/exactParamCount.js';
import { expectOutcome } from '../support/expectTensor.js';
import { callOutcomes } from '../support/referenceOps.js';
import { OPS, type OpCall } from '../../src/ops/registry.js';

/** The reference's error for a case every member rejects: the rule the parameter breaks, for the message. */
function referenceError(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    if (error instanceof CnnSpecError) return error.message;
  }
  return 'the reference rejects it under every member of the convention';
}

/**
 * Sends the call as it is: the invalid value must reach the implementation unchanged. Convolution
 * and pooling calls are recorded, so that a failure's evidence shows the call and what it
 * answered (and a defect signature can tell an answer from a refusal).
 */
function send(adapter: Adapter, c: OpCall): Promise<unknown> {
  if (c.op === 'conv') return callConv(adapter, c.request);
  if (c.op === 'pool') return callPool(adapter, c.request);
  const method = adapter[OPS[c.op].method] as ((request: unknown) => Promise<unknown>) | undefined;
  return method!.call(adapter, c.request);
}

const OP_CLAUSES: Record<InvalidCallOp, string[]> = {
  conv: ['conv.shapes', 'shape.stride', 'shape.dilation', 'padding.explicit', 'shape.output-size.positive'],
  pool: ['pool.window', 'shape.stride', 'shape.dilation', 'padding.explicit', 'shape.output-size.positive'],
  pad: ['padding.op', 'padding.explicit'],
  dense: ['dense.definition'],
  'global-pool': ['pool.global'],
  'conv-transpose': [
    'conv-transpose.weight-layout',
    'shape.stride',
    'conv-transpose.dilation',
    'conv-transpose.output-size',
    'conv-transpose.output-padding',
    'conv-transpose.output-shape',
    'conv-transpose.groups',
  ],
};

const WHAT: Record<InvalidCallOp, string> = {
  conv: 'convolution',
  pool: 'pooling',
  pad: 'pad',
  dense: 'dense',
  'global-pool': 'global pooling',
  'conv-transpose': 'transposed convolution',
};

/** What is invalid in the malformed calls of each op, completing "A ... call with ...". */
const MALFORMED: Record<InvalidCallOp, string> = {
  conv: 'a stride, dilation or kernel size of 0, a negative or non-integer stride, dilation or pad, or a dilated window longer than the padded input',
  pool: 'a stride, dilation or window size of 0, a negative or non-integer stride, dilation, window or pad, or a dilated window longer than the padded input',
  pad: 'a negative or non-integer pad (not a negative one under a convention whose pad crops with it)',
  dense: 'a weight or input without features (a dimension of 0)',
  'global-pool': 'an input with an empty spatial axis (a window of size 0)',
  'conv-transpose':
    'a stride, dilation or kernel size of 0, a negative or non-integer stride or crop, an output padding not below the larger of stride and dilation, an output shape of another length or with an entry of 0, groups that do not divide the input channels, or a weight of another rank or input-channel count',
};

/** How the table decides, for the descriptions. */
const BY_RULE =
  "is rejected where the adapter's convention has a rule that makes it invalid (src/spec/parameterRules.ts), and otherwise rejected or answered with a valid tensor";

function invalidCallProperty(op: InvalidCallOp): PropertyDefinition<InvalidCall> {
  return defineProperty({
    id: `${op}/invalid/parameters-are-rejected`,
    spec: [
      'error.typed',
      'error.parameter-range',
      'convention.unspecified',
      ...(op === 'pad' || op === 'pool' ? [] : ['tensor.shape']),
      ...OP_CLAUSES[op],
    ],
    features: [],
    ops: [OPS[op].method],
    description: `A ${WHAT[op]} call with ${MALFORMED[op]} ${BY_RULE}.`,
    arbitrary: (ctx) => invalidCallCase(ctx, op, 'malformed'),
    check: async (ctx, c) => {
      const rule = referenceError(() => referenceCall(c, ctx.conventionSpec));
      await expectByRule(
        ctx.conventionSpec,
        c.parameterKind,
        OPS[op].method,
        () => send(ctx.adapter, c),
        `${c.kind}: ${c.parameter} = ${c.value} (${rule})`,
        {
          kind: c.kind,
          parameter: c.parameter,
          value: c.value,
        },
      );
    },
  });
}

/**
 * Where a call beyond the limit has an in-range twin, a rejection passes and an answer must be
 * the twin's; a window longer than any input is judged as one that overshoots the padded input.
 */
function oversizedCallProperty(op: 'conv' | 'pool'): PropertyDefinition<InvalidCall> {
  return defineProperty({
    id: `${op}/limits/oversized-parameters-are-rejected-or-exact`,
    spec: ['error.parameter-range', 'error.limits', 'error.typed', 'convention.unspecified', ...OP_CLAUSES[op]],
    features: [],
    ops: [OPS[op].method],
    description:
      `A ${WHAT[op]} call with a stride, dilation or window size beyond 2^31 - 1 (2^31, 2^32, 2^32 + 1, which 32-bit storage wraps to -2^31, 0 and 1) is rejected or answered exactly: ` +
      'a stride as the in-range stride that leaves the same windows, a dilation of a one-tap window as 1, and a window longer than any input as one that overshoots the padded input.',
    arbitrary: (ctx) => invalidCallCase(ctx, op, 'oversized'),
    // A narrowing shows only for some values, ranks and ops (PyTorch's 32-bit pooling window on
    // 1-D pooling with 2^32 + 1, about 1 case in 20): four times the cases find it at every seed.
    runsFactor: 4,
    check: async (ctx, c) => {
      const call = c as Extract<InvalidCall, { op: 'conv' | 'pool' }>;
      const what = `${c.kind}: ${c.parameter} = ${c.value}`;
      const twin = inRangeCall(call, ctx.conventionSpec);
      if (twin === undefined) {
        // spec: shape.output-size.positive — no input of at most 2^31 - 1 elements holds the window
        await expectByRule(
          ctx.conventionSpec,
          'window-beyond-input',
          OPS[op].method,
          () => send(ctx.adapter, c),
          `${what} makes a window longer than any input`,
          {
            kind: c.kind,
            parameter: c.parameter,
            value: c.value,
          },
        );
        return;
      }
      let answer;
      try {
        answer = call.op === 'conv' ? await callConv(ctx.adapter, call.request) : await callPool(ctx.adapter, call.request);
      } catch (error) {
        // spec: error.limits — beyond the limit an implementation MAY reject
        if (error instanceof PropertyViolation || !isRejection(error)) throw error;
        return;
      }
      const changed = twin.request.params as { strides?: unknown; dilations?: unknown };
      expectOutcome(
        answer,
        callOutcomes(twin, ctx.conventionSpec),
        `${what}, answered as the same call with strides ${JSON.stringify(changed.strides)} and dilations ${JSON.stringify(changed.dilations)}`,
      );
    },
  });
}

const QUESTION_CLAUSES: Record<LayerQuestion, string[]> = {
  outputShape: ['shape.layers', 'shape.output-size.positive', 'conv.groups'],
  paramCount: ['shape.layers', 'params.conv', 'params.depthwise', 'params.separable', 'params.dense', 'conv.groups'],
};

const TOPIC: Record<LayerQuestion, string> = { outputShape: 'shape/adapter-inference', paramCount: 'params/adapter-count' };
const ASKED: Record<LayerQuestion, string> = { outputShape: 'shape inference', paramCount: 'parameter counting' };

const layerRequest = (c: InvalidLayer): LayerRequest => ({ layer: c.layer, inputShape: c.inputShape, layout: c.layout });

function invalidLayerProperty(question: LayerQuestion): PropertyDefinition<InvalidLayer> {
  return defineProperty({
    id: `${TOPIC[question]}/rejects-invalid-layers`,
    spec: ['error.typed', 'error.parameter-range', 'convention.unspecified', 'tensor.shape', ...QUESTION_CLAUSES[question]],
    features: [],
    ops: [question],
    description:
      `The adapter's ${ASKED[question]} of a layer with a stride, dilation, kernel size, filter count or input size of 0, a negative or non-integer parameter or groups that do not divide the channels` +
      `${question === 'outputShape' ? ', or a window longer than the padded input,' : ''} rejects it where the adapter's convention has a rule that makes it invalid (src/spec/parameterRules.ts), and otherwise rejects it or answers a ${question === 'outputShape' ? 'shape' : 'count'}.`,
    arbitrary: (ctx) => invalidLayerCase(ctx, 'malformed', question),
    check: async (ctx, c) => {
      const rule = referenceError(() => planLayer(c.layer, c.inputShape, { layout: c.layout, convention: ctx.conventionSpec }));
      await expectByRule(
        ctx.conventionSpec,
        c.parameterKind,
        question,
        () => ctx.adapter[question]!(layerRequest(c)),
        `${c.kind}: ${c.layer.type} layer with ${c.parameter} = ${c.value} (${rule})`,
        {
          kind: c.kind,
          parameter: c.parameter,
          value: c.value,
        },
      );
    },
  });
}

/** The adapter's answer to a layer beyond the limit, or undefined where it rejected it (which beyond the limit it MAY). */
async function answerOrRejection(invoke: () => Promise<unknown>, question: LayerQuestion): Promise<unknown> {
  try {
    const answer = await invoke();
    expectAnswerOfKind(question, answer);
    return answer;
  } catch (error) {
    if (error instanceof PropertyViolation || !isRejection(error)) throw error;
    return undefined;
  }
}

const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((size, axis) => size === b[axis]);

function oversizedLayerProperty(question: LayerQuestion): PropertyDefinition<InvalidLayer> {
  return defineProperty({
    id: `${TOPIC[question]}/oversized-layers-rejected-or-exact`,
    spec: ['error.parameter-range', 'error.limits', 'error.typed', 'convention.unspecified', ...QUESTION_CLAUSES[question]],
    features: [],
    ops: [question],
    description:
      `The adapter's ${ASKED[question]} of a layer with an input size, stride, dilation or window size beyond 2^31 - 1 (2^31, 2^32, 2^32 + 1, which 32-bit storage wraps to -2^31, 0 and 1) rejects it or answers what the formulas give exactly` +
      `${question === 'outputShape' ? ', and treats a window longer than any input as one that overshoots the padded input' : ''}.`,
    arbitrary: (ctx) => invalidLayerCase(ctx, 'oversized', question),
    check: async (ctx, c) => {
      const layer = `${c.layer.type} layer with ${c.parameter} = ${c.value}`;
      const details = { kind: c.kind, parameter: c.parameter, value: c.value };
      const invoke = (): Promise<unknown> => ctx.adapter[question]!(layerRequest(c));
      const reduction = question === 'outputShape' || c.parameter.startsWith('inputShape') ? reduceLayer(c, ctx.conventionSpec) : undefined;
      if (reduction?.kind === 'groups') {
        await expectByRule(ctx.conventionSpec, 'groups-not-dividing', question, invoke, `${layer}: ${c.value} channels`, details);
        return;
      }
      if (question === 'paramCount') {
        // spec: params.conv, params.depthwise, params.separable, params.dense — the count reads
        // neither strides nor dilations nor the spatial sizes
        const exact = exactParamCount(c.layer, c.inputShape, c.layout);
        const answer = await answerOrRejection(invoke, question);
        if (answer === undefined || BigInt(answer as number) === exact) return;
        throw new PropertyViolation(
          `${layer}: the adapter counted ${String(answer)} parameters, the formula gives ${exact} (a rejection would pass too)`,
          {
            ...details,
            answer: describeAnswer(answer),
            expected: exact.toString(),
          },
        );
      }
      if (reduction!.kind === 'overshoot') {
        // spec: shape.output-size.positive — no input of at most 2^31 - 1 elements holds the window
        await expectByRule(
          ctx.conventionSpec,
          'window-beyond-input',
          question,
          invoke,
          `${layer} makes a window longer than any input`,
          details,
        );
        return;
      }
      if (reduction!.kind !== 'twin') return;
      const answers = memberShapes(ctx.conventionSpec, reduction!.twin);
      const shapes = answers.flatMap((answer) => ('shape' in answer ? [reduction!.patch(answer.shape)] : []));
      const answer = (await answerOrRejection(invoke, question)) as number[] | undefined;
      if (answer === undefined || shapes.some((shape) => sameShape(shape, answer))) return;
      const errors = answers.flatMap((entry) => ('error' in entry ? [entry.error.message] : []));
      const expected = shapes.length === 0 ? `an error (${errors[0]})` : shapes.map((shape) => `[${shape.join(', ')}]`).join(' or ');
      throw new PropertyViolation(
        `${layer}: the adapter inferred [${answer.join(', ')}], the formulas give ${expected} (a rejection would pass too)`,
        {
          ...details,
          answer: [...answer],
          expected: shapes,
        },
      );
    },
  });
}

export const INVALID_PARAMETER_PROPERTIES = [
  invalidCallProperty('conv'),
  invalidCallProperty('pool'),
  invalidCallProperty('pad'),
  invalidCallProperty('dense'),
  invalidCallProperty('global-pool'),
  invalidCallProperty('conv-transpose'),
  oversizedCallProperty('conv'),
  oversizedCallProperty('pool'),
  invalidLayerProperty('outputShape'),
  invalidLayerProperty('paramCount'),
  oversizedLayerProperty('outputShape'),
  oversizedLayerProperty('paramCount'),
];
