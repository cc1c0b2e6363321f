/**
 * Same padding: the output keeps the input size at stride 1 and is ceil(n / s) in general, and
 * auto padding equals the explicit pads the formulas compute.
 */
import { planConv } from '../../src/ops/conv/planConv.js';
import { splitActivationShape } from '../../src/tensor/layout.js';
import { samePads } from '../../src/shape/samePads.js';
import { caseSpace } from '../arbitraries/caseSpace.js';
import { convCase } from '../arbitraries/convCase.js';
import { defineProperty, NotApplicable, type PropertyContext } from '../PropertyDefinition.js';
import { callConv } from '../support/callAdapter.js';
import { expectShape, expectTensor } from '../support/expectTensor.js';

function sameModes(ctx: PropertyContext, only?: 'same-upper' | 'same-lower'): ('same-upper' | 'same-lower')[] {
  const modes = caseSpace(ctx).convPaddings.filter(
    (mode): mode is 'same-upper' | 'same-lower' => mode === 'same-upper' || mode === 'same-lower',
  );
  const selected = only === undefined ? modes : modes.filter((mode) => mode === only);
  // The run reports the property unsupported, naming the features that would enable it.
  if (selected.length === 0)
    throw NotApplicable.needsOneOf(
      ...(only === undefined ? (['same-upper', 'same-lower'] as const) : [only]).map((m) => `padding.${m}` as const),
    );
  return selected;
}

export const sameKeepsSizeAtStrideOne = defineProperty({
  id: 'padding/same/stride-one-keeps-size',
  spec: ['padding.same.output-size'],
  features: ['conv'],
  ops: ['conv'],
  description: 'Same padding at stride 1 gives an output of the input spatial size, for any kernel size and dilation.',
  arbitrary: (ctx) => convCase(ctx, { paddings: sameModes(ctx), strideOne: true }),
  check: async (ctx, c) => {
    const y = await callConv(ctx.adapter, c);
    const layout = c.params.layout;
    expectShape(splitActivationShape(y.shape, layout).spatial, splitActivationShape(c.input.shape, layout).spatial, 'spatial output size');
  },
});

export const sameIsCeilOverStride = defineProperty({
  id: 'padding/same/output-is-ceil-n-over-s',
  spec: ['padding.same.output-size'],
  features: ['conv'],
  ops: ['conv'],
  description: 'Same padding gives ceil(n / s) output positions along every axis.',
  arbitrary: (ctx) => convCase(ctx, { paddings: sameModes(ctx) }),
  check: async (ctx, c) => {
    const y = await callConv(ctx.adapter, c);
    const input = splitActivationShape(c.input.shape, c.params.layout).spatial;
    const strides = c.params.strides as number[];
    expectShape(
      splitActivationShape(y.shape, c.params.layout).spatial,
      input.map((n, a) => Math.ceil(n / strides[a]!)),
      'spatial output size',
    );
  },
});

function sameEqualsExplicit(mode: 'same-upper' | 'same-lower') {
  return defineProperty({
    id: `padding/${mode}/equals-explicit-pads`,
    spec: [`padding.${mode}`, 'padding.same.total', 'divergence.same-clamp'],
    features: ['conv', `padding.${mode}`],
    ops: ['conv'],
    description: `Padding ${mode} gives exactly the output of the explicit pads the spec's split computes.`,
    arbitrary: (ctx) => convCase(ctx, { paddings: sameModes(ctx, mode) }),
    check: async (ctx, c) => {
      const plan = planConv({ ...c.params, convention: ctx.conventionSpec }, c.input.shape, c.weight.shape, c.bias?.shape);
      const w = plan.window;
      const pads = w.input.map((n, a) => samePads(n, w.kernel[a]!, w.strides[a]!, w.dilations[a]!, mode));
      const explicit = { ...c.params, padding: { begin: pads.map((p) => p.begin), end: pads.map((p) => p.end) } };
      const auto = await callConv(ctx.adapter, c);
      const manual = await callConv(ctx.adapter, { ...c, params: explicit });
      expectTensor(auto, manual, `${mode} compared with explicit pads ${JSON.stringify(explicit.padding)}`);
    },
  });
}

export const sameUpperEqualsExplicit = sameEqualsExplicit('same-upper');
export const sameLowerEqualsExplicit = sameEqualsExplicit('same-lower');

export const SAME_PADDING_PROPERTIES = [sameKeepsSizeAtStrideOne, sameIsCeilOverStride, sameUpperEqualsExplicit, sameLowerEqualsExplicit];
