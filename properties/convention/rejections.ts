/**
 * Configurations that the spec, or the adapter's convention, declares invalid are rejected: the
 * adapter throws (or rejects) instead of returning a tensor. Which configurations are invalid
 * depends on the convention: a window that does not fit is invalid everywhere; same padding with
 * a stride only under pytorch; dilation with a stride under tensorflow and tfjs; large pooling
 * pads under pytorch, caffe and tosa; inexact divisions under tosa; omitted pooling strides under
 * tfjs and tosa.
 */
import fc from 'fast-check';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { concreteConventions, knobChoices } from '../../src/spec/concreteConventions.js';
import { convFast } from '../../src/ops/conv/convFast.js';
import { joinKernelShape, splitActivationShape } from '../../src/tensor/layout.js';
import { poolFast } from '../../src/ops/pool/poolFast.js';
import { makeTensor, type Tensor } from '../../src/tensor/tensor.js';
import { isRejection, type ConvRequest, type PoolRequest } from '../../src/ops/Adapter.js';
import { convCase } from '../arbitraries/convCase.js';
import { poolCase } from '../arbitraries/poolCase.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import { VALIDITY_KNOBS } from '../arbitraries/validUnderEveryMember.js';
import { defineProperty, NotApplicable, PropertyViolation, type PropertyContext } from '../PropertyDefinition.js';

type InvalidCase = { kind: string; op: 'conv'; request: ConvRequest } | { kind: string; op: 'pool'; request: PoolRequest };

function kernelOf(request: ConvRequest): number[] {
  return request.params.kernelLayout === 'spatial-in-out' ? request.weight.shape.slice(0, -2) : request.weight.shape.slice(2);
}

function withKernel(request: ConvRequest, kernel: number[]): fc.Arbitrary<ConvRequest> {
  const layout = request.params.layout ?? 'channels-first';
  const { channels } = splitActivationShape(request.input.shape, layout);
  const groups = request.params.groups ?? 1;
  const outChannels =
    request.params.kernelLayout === 'spatial-in-out' ? request.weight.shape[request.weight.shape.length - 1]! : request.weight.shape[0]!;
  const shape = joinKernelShape(
    { outChannels, inChannelsPerGroup: channels / groups, kernel },
    request.params.kernelLayout ?? 'out-in-spatial',
  );
  return tensorArbitrary(shape, 'exact').map((weight) => ({ ...request, weight }));
}

function invalidCases(ctx: PropertyContext, op: 'conv' | 'pool'): fc.Arbitrary<InvalidCase> {
  const convention = ctx.convention;
  // A window that does not fit is the classic region of shipped bugs (an empty or negative-sized
  // output answered): three times the weight of each other invalid configuration.
  const options: fc.MaybeWeightedArbitrary<InvalidCase>[] = [];
  const windowWeight = 3;
  if (op === 'conv' && ctx.features.has('conv')) {
    // spec: shape.output-size.positive — a window longer than the padded input: by 1 to s
    // positions the size would be 0 (allowed only where zero-sized outputs are), by more negative
    options.push({
      weight: windowWeight,
      arbitrary: convCase(ctx, { paddings: ['valid'], groups: 'one', dilationOne: true }).chain((c) => {
        const n = splitActivationShape(c.input.shape, c.params.layout).spatial;
        const s = c.params.strides as number[];
        return fc.integer({ min: 1, max: s[0]! + 1 }).chain((overshoot) =>
          withKernel(
            c,
            kernelOf(c).map((k, a) => (a === 0 ? n[0]! + overshoot : k)),
          ).map((request): InvalidCase => ({ kind: `window ${overshoot} longer than the padded input`, op: 'conv', request })),
        );
      }),
    });
    if (ctx.features.has('conv.groups')) {
      // spec: conv.groups — groups must divide the input channels
      options.push(
        fc.record({ n: fc.integer({ min: 3, max: 6 }), k: fc.integer({ min: 1, max: 3 }) }).chain(({ n, k }) => {
          const layout = ctx.features.has('layout.channels-first') ? ('channels-first' as const) : ('channels-last' as const);
          const kernelLayout = layout === 'channels-first' ? ('out-in-spatial' as const) : ('spatial-in-out' as const);
          const rank = Math.min(...caseRanks(ctx));
          const spatial = new Array<number>(rank).fill(n);
          const inputShape = layout === 'channels-first' ? [1, 3, ...spatial] : [1, ...spatial, 3];
          const weightShape = joinKernelShape({ outChannels: 2, inChannelsPerGroup: 1, kernel: spatial.map(() => k) }, kernelLayout);
          return fc.record({ input: tensorArbitrary(inputShape, 'exact'), weight: tensorArbitrary(weightShape, 'exact') }).map(
            ({ input, weight }): InvalidCase => ({
              kind: 'groups that do not divide the channels',
              op: 'conv',
              request: {
                input,
                weight,
                params: {
                  groups: 2,
                  strides: spatial.map(() => 1),
                  dilations: spatial.map(() => 1),
                  padding: 'valid',
                  fill: 'zeros',
                  layout,
                  kernelLayout,
                },
              },
            }),
          );
        }),
      );
    }
    const same = (['same-upper', 'same-lower'] as const).filter((mode) => ctx.features.has(`padding.${mode}`));
    if (convention.sameWithStride === 'error' && same.length > 0) {
      // spec: divergence.same-with-stride
      options.push(
        convCase(ctx, { paddings: [same[0]!], strideOne: true }).map(
          (c): InvalidCase => ({
            kind: 'same padding with a stride',
            op: 'conv',
            request: { ...c, params: { ...c.params, strides: (c.params.strides as number[]).map((s, a) => (a === 0 ? 2 : s)) } },
          }),
        ),
      );
    }
    if (knobChoices(convention, 'dilationWithStride').every((choice) => choice === 'error') && ctx.features.has('conv.dilation')) {
      // spec: divergence.dilation-with-stride
      options.push(
        convCase(ctx, { paddings: ['valid'], strideOne: true, dilationOne: true }).map((c): InvalidCase => {
          const ones = c.params.strides as number[];
          return {
            kind: 'dilation with a stride',
            op: 'conv',
            request: {
              ...c,
              params: { ...c.params, strides: ones.map((_, a) => (a === 0 ? 2 : 1)), dilations: ones.map((_, a) => (a === 0 ? 2 : 1)) },
            },
          };
        }),
      );
    }
    if (convention.rounding === 'exact') {
      // spec: shape.output-size.exact
      options.push(
        convCase(ctx, { paddings: ['valid'] }).map((c): InvalidCase => {
          const layout = c.params.layout;
          const dims = splitActivationShape(c.input.shape, layout);
          const s = (c.params.strides as number[]).map((stride, a) => (a === 0 ? Math.max(2, stride) : stride));
          const effK = (c.params.dilations as number[])[0]! * (kernelOf(c)[0]! - 1) + 1;
          // n + 1 when the stride divides n - effK, so that it no longer does (stride >= 2)
          const spatial = dims.spatial.map((n, a) => (a === 0 && (n - effK) % s[0]! === 0 ? n + 1 : n));
          const shape = layout === 'channels-first' ? [dims.batch, dims.channels, ...spatial] : [dims.batch, ...spatial, dims.channels];
          return {
            kind: 'an inexact division',
            op: 'conv',
            request: { ...c, input: makeTensor(shape), params: { ...c.params, strides: s } },
          };
        }),
      );
    }
  }
  if (op === 'pool' && (ctx.features.has('pool.max') || ctx.features.has('pool.avg'))) {
    // spec: shape.output-size.positive — a window longer than the padded input
    options.push({
      weight: windowWeight,
      arbitrary: poolCase(ctx, { paddings: ['valid'], ceilMode: 'off' }).chain((c) => {
        const n = splitActivationShape(c.input.shape, c.params.layout).spatial;
        const s = c.params.strides as number[];
        return fc.integer({ min: 1, max: s[0]! + 1 }).map((overshoot): InvalidCase => {
          const kernel = (c.params.kernel as number[]).map((k, a) => (a === 0 ? n[0]! + overshoot : k));
          return {
            kind: `window ${overshoot} longer than the padded input`,
            op: 'pool',
            request: { input: c.input, params: { ...c.params, kernel, dilations: kernel.map(() => 1) } },
          };
        });
      }),
    });
    const padLimits = knobChoices(convention, 'poolPadLimit');
    if (!padLimits.includes('none')) {
      // spec: divergence.pool-pad-limit — beyond the most permissive limit the convention may have
      options.push(
        poolCase(ctx, { paddings: ['explicit'] }).map((c): InvalidCase => {
          const padding = c.params.padding as { begin: number[]; end: number[] };
          const k = c.params.kernel as number[];
          const limit = Math.max(
            ...padLimits.map((choice) =>
              choice === 'half-kernel' ? Math.floor(k[0]! / 2) : choice === 'at-most-kernel' ? k[0]! : k[0]! - 1,
            ),
          );
          const begin = padding.begin.map((p, a) => (a === 0 ? limit + 1 : p));
          // Undilated, so that every reading of the limit agrees (PyTorch's 2-D check counts the
          // dilated window in current releases, the undilated one in 1.13: spec: divergence.pool-pad-limit).
          const dilations = (c.params.dilations as number[]).map(() => 1);
          return {
            kind: 'a pooling pad beyond the limit',
            op: 'pool',
            request: { input: c.input, params: { ...c.params, dilations, padding: { begin, end: padding.end } } },
          };
        }),
      );
    }
    if (convention.poolDefaultStride === 'required') {
      // spec: divergence.pool-default-stride
      options.push(
        poolCase(ctx).map((c): InvalidCase => {
          const { strides: _strides, ...params } = c.params;
          return {
            kind: 'a pooling call without strides',
            op: 'pool',
            request: { input: c.input, params: params as PoolRequest['params'] },
          };
        }),
      );
    }
  }
  if (options.length === 0) throw op === 'conv' ? NotApplicable.needsOneOf('conv') : NotApplicable.needsOneOf('pool.max', 'pool.avg');
  // Keep only cases the reference rejects under every member of the convention: the
  // configuration is invalid whatever an open knob's value (spec: convention.unspecified).
  return fc.oneof(...options).filter((c) => referenceRejects(c, ctx));
}

function caseRanks(ctx: PropertyContext): number[] {
  const ranks = [1, 2, 3].filter((rank) => ctx.features.has(`spatial-rank-${rank}` as never));
  return ranks.length > 0 ? ranks : [2];
}

function referenceRejects(c: InvalidCase, ctx: PropertyContext): boolean {
  return concreteConventions(ctx.conventionSpec, VALIDITY_KNOBS).every(({ spec }) => {
    try {
      if (c.op === 'conv') convFast(c.request.input, c.request.weight, c.request.bias, { ...c.request.params, convention: spec });
      else poolFast(c.request.input, { ...c.request.params, convention: spec });
      return false;
    } catch (error) {
      return error instanceof CnnSpecError && error.code !== 'E_TOO_LARGE';
    }
  });
}

function rejectionProperty(op: 'conv' | 'pool', spec: string[]) {
  return defineProperty({
    id: `${op}/invalid/configurations-are-rejected`,
    spec: ['error.typed', 'shape.output-size.positive', 'divergence.zero-sized-output', ...spec],
    features: [],
    ops: [op],
    // A rejection costs little, and the configurations of each kind, rank and op are few per run.
    runsFactor: 4,
    description: `A ${op === 'conv' ? 'convolution' : 'pooling'} configuration that the spec or the adapter's convention declares invalid is rejected with an error, never answered with a tensor.`,
    arbitrary: (ctx: PropertyContext) => invalidCases(ctx, op),
    check: async (ctx: PropertyContext, c: InvalidCase) => {
      let returned: Tensor | undefined;
      try {
        returned = c.op === 'conv' ? await ctx.adapter.conv!(c.request) : await ctx.adapter.pool!(c.request);
      } catch (error) {
        // A case the implementation cannot express is skipped; a call that did not complete
        // (timeout, crash, broken answer) or changed its inputs fails: none is a rejection
        // (spec: conformance.capabilities, conformance.inputs-read-only).
        if (!isRejection(error)) throw error;
        return;
      }
      throw new PropertyViolation(`accepted ${c.kind}: returned a tensor of shape [${returned?.shape?.join(', ')}] instead of an error`, {
        kind: c.kind,
      });
    },
  });
}

export const REJECTION_PROPERTIES = [
  rejectionProperty('conv', ['conv.groups', 'divergence.same-with-stride', 'divergence.dilation-with-stride', 'shape.output-size.exact']),
  rejectionProperty('pool', ['divergence.pool-pad-limit', 'divergence.pool-default-stride']),
];
