/**
 * Transposed-convolution cases: per axis an input size, kernel, stride, dilation, output padding
 * and crops drawn independently, then groups, channels, layout, kernel layout and bias, then
 * data from the exact domain. Only features the context has are drawn; a configuration the
 * reference rejects under the convention (crops that leave no output) is discarded.
 */
import fc from 'fast-check';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import type { Layout } from '../../src/spec/conventions.js';
import type { Feature } from '../../src/spec/features.js';
import {
  CONV_TRANSPOSE_KERNEL_LAYOUTS,
  planConvTranspose,
  type ConvTransposeKernelLayout,
  type ConvTransposePlan,
} from '../../src/ops/conv-transpose/planConvTranspose.js';
import type { Padding } from '../../src/ops/window/planWindow.js';
import { joinActivationShape } from '../../src/tensor/layout.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import { NotApplicable, type PropertyContext } from '../PropertyDefinition.js';

/** How the crops are given: none, explicit, a same mode, or an output shape. */
export const CROP_KINDS = ['valid', 'explicit', 'same-upper', 'same-lower', 'output-shape'] as const;
export type CropKind = (typeof CROP_KINDS)[number];

export interface ConvTransposeCaseParams {
  strides: number[];
  dilations: number[];
  padding: Padding;
  outputPadding: number[];
  outputShape?: number[];
  groups: number;
  layout: Layout;
  kernelLayout: ConvTransposeKernelLayout;
}

export interface ConvTransposeCase {
  input: Tensor;
  weight: Tensor;
  bias?: Tensor;
  params: ConvTransposeCaseParams;
  /** How the crops were given, for statistics and messages. */
  cropKind: CropKind;
}

export interface ConvTransposeConstraints {
  /** @defaultValue every crop kind the context has */
  crops?: readonly CropKind[];
  /** @defaultValue 'any' */
  bias?: 'any' | 'with' | 'without';
  /** @defaultValue 'any' */
  groups?: 'any' | 'grouped';
  /**
   * Keep the output padding below the stride and every crop non-negative: the cases whose
   * transposed convolution is the adjoint of a convolution with the same parameters
   * (spec: conv-transpose.round-trip). @defaultValue false
   */
  adjoint?: boolean;
}

const CROP_NEEDS: Readonly<Record<CropKind, readonly Feature[]>> = {
  valid: [],
  explicit: [],
  'same-upper': ['conv-transpose.same', 'padding.same-upper'],
  'same-lower': ['conv-transpose.same', 'padding.same-lower'],
  'output-shape': ['conv-transpose.output-shape'],
};

const perAxis = (rank: number, arbitrary: fc.Arbitrary<number>): fc.Arbitrary<number[]> =>
  fc.array(arbitrary, { minLength: rank, maxLength: rank });

/** The plan of a case under the context's convention, or undefined where the reference rejects it. */
export function planCase(
  ctx: PropertyContext,
  c: Pick<ConvTransposeCase, 'params'>,
  shapes: { input: readonly number[]; weight: readonly number[]; bias?: readonly number[] },
) {
  try {
    return planConvTranspose({ ...c.params, convention: ctx.conventionSpec }, shapes.input, shapes.weight, shapes.bias);
  } catch (error) {
    if (error instanceof CnnSpecError) return undefined;
    throw error;
  }
}

interface Drawn {
  params: ConvTransposeCaseParams;
  cropKind: CropKind;
  inputShape: number[];
  weightShape: number[];
  biasShape: number[] | undefined;
  plan: ConvTransposePlan;
}

export function convTransposeCase(ctx: PropertyContext, constraints: ConvTransposeConstraints = {}): fc.Arbitrary<ConvTransposeCase> {
  const has = (feature: Feature) => ctx.features.has(feature);
  if (!has('conv-transpose')) throw NotApplicable.needsOneOf('conv-transpose');
  const ranks = [1, 2, 3].filter((rank) => has(`spatial-rank-${rank}` as Feature));
  if (ranks.length === 0) throw NotApplicable.needsOneOf('spatial-rank-1', 'spatial-rank-2', 'spatial-rank-3');
  const layouts = (['channels-first', 'channels-last'] as const).filter((layout) => has(`layout.${layout}`));
  if (layouts.length === 0) throw NotApplicable.needsOneOf('layout.channels-first', 'layout.channels-last');
  const askedCrops = constraints.crops ?? CROP_KINDS;
  const crops = askedCrops.filter((kind) => CROP_NEEDS[kind].every(has));
  if (crops.length === 0) throw NotApplicable.needsOneOf(...askedCrops.flatMap((kind) => CROP_NEEDS[kind]));
  if (constraints.groups === 'grouped' && !has('conv-transpose.groups')) throw NotApplicable.needsOneOf('conv-transpose.groups');
  if (constraints.bias === 'with' && !has('conv-transpose.bias')) throw NotApplicable.needsOneOf('conv-transpose.bias');
  const biasChoices =
    constraints.bias === 'with' ? [true] : constraints.bias === 'without' || !has('conv-transpose.bias') ? [false] : [true, false];
  const grouped = constraints.groups === 'grouped' ? [true] : has('conv-transpose.groups') ? [false, false, true] : [false];
  const dilation = has('conv-transpose.dilation');
  const outputPadding = has('conv-transpose.output-padding');
  const asymmetric = has('padding.explicit-asymmetric');
  const limits = ctx.convention.open.outputPaddingLimit ?? [ctx.convention.outputPaddingLimit];
  const strideLimited = limits.includes('stride');

  const drawn: fc.Arbitrary<Drawn | undefined> = fc
    .record({
      rank: fc.constantFrom(...ranks),
      layout: fc.constantFrom(...layouts),
      kernelLayout: fc.constantFrom(...CONV_TRANSPOSE_KERNEL_LAYOUTS),
      cropKind: fc.constantFrom(...crops),
      grouped: fc.constantFrom(...grouped),
      groupCount: fc.integer({ min: 2, max: 3 }),
      inPerGroup: fc.integer({ min: 1, max: 2 }),
      outPerGroup: fc.integer({ min: 1, max: 3 }),
      batch: fc.integer({ min: 1, max: 2 }),
      bias: fc.constantFrom(...biasChoices),
    })
    .chain((base) =>
      fc.record({
        base: fc.constant(base),
        input: perAxis(base.rank, fc.integer({ min: 1, max: 4 })),
        kernel: perAxis(base.rank, fc.integer({ min: 1, max: 3 })),
        strides: perAxis(base.rank, fc.integer({ min: 1, max: 3 })),
        dilations: perAxis(base.rank, dilation ? fc.integer({ min: 1, max: 3 }) : fc.constant(1)),
        // Drawn as a fraction of its bound, which depends on stride and dilation.
        outputPadding: perAxis(base.rank, outputPadding ? fc.integer({ min: 0, max: 2 }) : fc.constant(0)),
        begin: perAxis(base.rank, fc.integer({ min: 0, max: 2 })),
        end: perAxis(base.rank, fc.integer({ min: 0, max: 2 })),
        sizeDelta: perAxis(base.rank, fc.integer({ min: -2, max: 2 })),
      }),
    )
    .map(({ base, input, kernel, strides, dilations, outputPadding: opad, begin, end, sizeDelta }) => {
      // spec: conv-transpose.output-padding — below the strictest limit the convention allows, so that every conforming reading accepts the case
      const bound = (axis: number) => (constraints.adjoint || strideLimited ? strides[axis]! : Math.max(strides[axis]!, dilations[axis]!));
      const outputPaddings = opad.map((p, axis) => Math.min(p, bound(axis) - 1));
      const groups = base.grouped ? base.groupCount : 1;
      const inChannels = groups * base.inPerGroup;
      const params: ConvTransposeCaseParams = {
        strides,
        dilations,
        padding:
          base.cropKind === 'explicit'
            ? { begin, end: asymmetric ? end : begin }
            : base.cropKind === 'output-shape'
              ? 'valid'
              : (base.cropKind as 'valid' | 'same-upper' | 'same-lower'),
        outputPadding: outputPaddings,
        groups,
        layout: base.layout,
        kernelLayout: base.kernelLayout,
      };
      if (base.cropKind === 'output-shape') {
        // Around the uncropped size, so that crops of either parity and appended elements both occur.
        params.outputShape = input.map((n, axis) =>
          Math.max(1, (n - 1) * strides[axis]! + dilations[axis]! * (kernel[axis]! - 1) + 1 + outputPaddings[axis]! + sizeDelta[axis]!),
        );
      }
      const inputShape = joinActivationShape({ batch: base.batch, channels: inChannels, spatial: input }, base.layout);
      const weightShape =
        base.kernelLayout === 'in-out-spatial' ? [inChannels, base.outPerGroup, ...kernel] : [...kernel, base.outPerGroup, inChannels];
      const biasShape = base.bias ? [groups * base.outPerGroup] : undefined;
      const plan = planCase(ctx, { params }, { input: inputShape, weight: weightShape, ...(biasShape ? { bias: biasShape } : {}) });
      if (plan === undefined) return undefined;
      if (constraints.adjoint && plan.cropEnd.some((pe) => pe < 0)) return undefined;
      return { params, cropKind: base.cropKind, inputShape, weightShape, biasShape, plan };
    });

  return drawn
    .filter((d): d is Drawn => d !== undefined)
    .chain((d) =>
      fc
        .record({
          input: tensorArbitrary(d.inputShape, 'exact'),
          weight: tensorArbitrary(d.weightShape, 'exact'),
          bias: d.biasShape === undefined ? fc.constant(undefined) : tensorArbitrary(d.biasShape, 'exact'),
        })
        .map(
          ({ input, weight, bias }): ConvTransposeCase => ({
            input,
            weight,
            ...(bias === undefined ? {} : { bias }),
            params: d.params,
            cropKind: d.cropKind,
          }),
        ),
    );
}

/** What a case reaches, for fast-check statistics: crop kind, and where crops and output padding fall. */
export function classifyConvTransposeCase(ctx: PropertyContext, c: ConvTransposeCase): string[] {
  const plan = planCase(ctx, c, { input: c.input.shape, weight: c.weight.shape, ...(c.bias ? { bias: c.bias.shape } : {}) });
  if (plan === undefined) return ['rejected'];
  const labels = [`crops ${c.cropKind}`, `rank ${plan.rank}`];
  if (plan.cropBegin.some((pb, axis) => (pb + plan.cropEnd[axis]!) % 2 === 1)) labels.push('odd total crop');
  if (plan.cropEnd.some((pe) => pe < 0)) labels.push('elements appended');
  if (plan.outputPadding.some((p) => p > 0)) labels.push('output padding');
  if (plan.outputPadding.some((p, axis) => p >= plan.strides[axis]!)) labels.push('output padding >= stride (below dilation)');
  if (plan.strides.some((s, axis) => s > plan.dilations[axis]! * (plan.kernel[axis]! - 1) + 1))
    labels.push('stride beyond the dilated kernel');
  if (plan.groups > 1) labels.push('grouped');
  if (plan.hasBias) labels.push('bias');
  return labels;
}
