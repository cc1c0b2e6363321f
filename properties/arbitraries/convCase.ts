/**
 * Convolution cases: the parameter record is drawn first (per axis: kernel, stride, dilation,
 * pads; groups and channels; padding mode, fill, layout, bias), then shapes that fit it, then
 * data. Every per-axis value is drawn independently per axis, so non-square parameters are
 * common; input sizes are drawn relative to the padded extent the window needs, so windows
 * that exactly fill the padded input, and strides larger than the input, are common too.
 */
import fc from 'fast-check';
import type { Call } from '../../src/ops/Adapter.js';
import type { Layout } from '../../src/spec/conventions.js';
import type { Feature } from '../../src/spec/features.js';
import type { FillMode } from '../../src/ops/window/fillCoordinate.js';
import { defaultKernelLayout, joinActivationShape, joinKernelShape } from '../../src/tensor/layout.js';
import { planConv, type ConvParams } from '../../src/ops/conv/planConv.js';
import type { Padding } from '../../src/ops/window/planWindow.js';
import { knobChoices } from '../../src/spec/concreteConventions.js';
import { elementCount, type Tensor } from '../../src/tensor/tensor.js';
import type { PropertyContext } from '../PropertyDefinition.js';
import { caseSpace, type PaddingKind } from './caseSpace.js';
import { layoutChoice, rankChoice, requireChoices } from './requireChoices.js';
import { tensorArbitrary, type ValueDomain } from './elementValues.js';
import { validUnderEveryMember } from './validUnderEveryMember.js';

export interface ConvCase {
  input: Tensor;
  weight: Tensor;
  bias?: Tensor;
  params: Required<Pick<Call<ConvParams>, 'strides' | 'dilations' | 'padding' | 'fill' | 'groups' | 'layout' | 'kernelLayout'>>;
  values: ValueDomain;
}

export interface ConvCaseConstraints {
  /** @defaultValue every rank the adapter supports */
  ranks?: number[];
  /** @defaultValue every padding mode the adapter supports */
  paddings?: PaddingKind[];
  /** @defaultValue every fill the adapter supports */
  fills?: FillMode[];
  /** Force stride 1 on every axis. @defaultValue false */
  strideOne?: boolean;
  /** Force dilation 1 on every axis. @defaultValue false */
  dilationOne?: boolean;
  /** @defaultValue 'any' */
  groups?: 'any' | 'one' | 'grouped' | 'depthwise';
  /** @defaultValue 'any' */
  bias?: 'any' | 'with' | 'without';
  /** @defaultValue every layout the adapter supports */
  layouts?: Layout[];
  /** @defaultValue 'exact' */
  values?: ValueDomain;
  /** Largest kernel size per axis. @defaultValue 4 */
  maxKernel?: number;
  /** Smallest extra input beyond the window's need, per axis. @defaultValue 0 */
  minExtra?: number;
}

interface ConvShapePlan {
  rank: number;
  batch: number;
  groups: number;
  inPerGroup: number;
  outPerGroup: number;
  kernel: number[];
  strides: number[];
  dilations: number[];
  padKind: PaddingKind;
  begin: number[];
  end: number[];
  extra: number[];
  fill: FillMode;
  layout: Layout;
  bias: boolean;
  /** The last axis steps past its window (strideBeyondWindow), its input sized by inputBeyondWindow. */
  beyondWindow: boolean;
}

function perAxis(rank: number, arbitrary: fc.Arbitrary<number>): fc.Arbitrary<number[]> {
  return fc.array(arbitrary, { minLength: rank, maxLength: rank });
}

/**
 * The strides with the last axis's stepping past its effective window by 3 to 6 (the drawn stride
 * plus 2), for cases aimed at same padding's clamp (see inputBeyondWindow).
 */
export function strideBeyondWindow(kernel: readonly number[], dilations: readonly number[], strides: readonly number[]): number[] {
  const last = kernel.length - 1;
  const effK = dilations[last]! * (kernel[last]! - 1) + 1;
  return strides.map((s, a) => (a === last ? effK + 2 + s : s));
}

/**
 * An input size along an axis whose stride exceeds the effective window by 3 or more: the last
 * window starts between stride - 2 and stride before the end, so same padding's total before its
 * clamp at 0, (out - 1)·s + effK - n, is down to effK - s (-3 to -6), never above -2. Kernels that
 * halve an unclamped total shift their windows there, by amounts that depend on how they round
 * (ONNX Runtime from -3 for SAME_UPPER and -4 for SAME_LOWER, XNNPACK). One or two windows,
 * picked by `extra`.
 */
export function inputBeyondWindow(effK: number, stride: number, extra: number): number {
  const lastWindowSpan = Math.max(effK + 2, stride - (extra % 3));
  return lastWindowSpan + (extra % 2) * stride;
}

/** 0 most often, so that the window exactly fills the padded input in a good share of cases. */
const extraSize = (min: number): fc.Arbitrary<number> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(min) }, { weight: 5, arbitrary: fc.integer({ min, max: min + 6 }) });

/** Cases before the final validity filter (see convCase); exported to measure how rarely it discards. */
export function convCaseCandidates(ctx: PropertyContext, constraints: ConvCaseConstraints = {}): fc.Arbitrary<ConvCase> {
  const space = caseSpace(ctx);
  const convention = space.convention;
  const askedPaddings = constraints.paddings ?? space.convPaddings;
  const askedFills = constraints.fills ?? space.fills;
  const ranks = (constraints.ranks ?? space.ranks).filter((rank) => space.ranks.includes(rank));
  const paddings = askedPaddings.filter((mode) => space.convPaddings.includes(mode));
  const fills = askedFills.filter((fill) => space.fills.includes(fill));
  const layouts = (constraints.layouts ?? space.layouts).filter((layout) => space.layouts.includes(layout));
  const groupKinds = (
    constraints.groups === undefined || constraints.groups === 'any'
      ? (['one', 'one', ...(space.groups ? ['grouped'] : []), ...(space.depthwise ? ['depthwise'] : [])] as const)
      : [constraints.groups]
  ).filter((kind) => kind === 'one' || (kind === 'grouped' ? space.groups : space.depthwise));
  requireChoices(ctx, 'convolution', [
    rankChoice(space, constraints.ranks),
    {
      name: 'padding',
      supported: paddings.length,
      needs: askedPaddings.flatMap((mode) => (mode.startsWith('same') ? [`padding.${mode}` as Feature] : [])),
    },
    {
      name: 'fill',
      supported: fills.length,
      needs: askedFills.flatMap((fill) => (fill === 'zeros' ? [] : [`padding.fill.${fill}` as const])),
    },
    layoutChoice(space, constraints.layouts),
    {
      name: 'groups',
      supported: groupKinds.length,
      needs: constraints.groups === 'grouped' ? ['conv.groups'] : constraints.groups === 'depthwise' ? ['conv.depthwise'] : [],
    },
  ]);
  const biasChoices = constraints.bias === 'with' ? [true] : constraints.bias === 'without' || !space.convBias ? [false] : [true, false];
  const values = constraints.values ?? 'exact';
  const maxKernel = constraints.maxKernel ?? 4;
  const dilationAllowed = space.convDilation && constraints.dilationOne !== true;

  const shapePlan: fc.Arbitrary<ConvShapePlan> = fc
    .record({
      rank: fc.constantFrom(...ranks),
      groupKind: fc.constantFrom(...groupKinds),
      padKind: fc.constantFrom(...paddings),
      fill: fc.constantFrom(...fills),
      layout: fc.constantFrom(...layouts),
      bias: fc.constantFrom(...biasChoices),
      batch: fc.integer({ min: 1, max: 3 }),
      groupCount: fc.integer({ min: 2, max: 3 }),
      channelsPerGroup: fc.integer({ min: 1, max: 3 }),
      outPerGroup: fc.integer({ min: 1, max: 3 }),
      useDilation: fc.boolean(),
      // A third of the cases step past their window on the last axis, by 3 or more, with an input
      // that makes same padding's total before its clamp at 0 negative, where shipped
      // implementations went wrong (stride > kernel, stride > input).
      strideBeyondWindow: fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .chain((base) =>
      fc.record({
        base: fc.constant(base),
        kernel: perAxis(base.rank, fc.integer({ min: 1, max: maxKernel })),
        strides: perAxis(base.rank, constraints.strideOne ? fc.constant(1) : fc.integer({ min: 1, max: 4 })),
        dilations: perAxis(base.rank, dilationAllowed && base.useDilation ? fc.integer({ min: 1, max: 3 }) : fc.constant(1)),
        begin: perAxis(base.rank, fc.integer({ min: 0, max: 3 })),
        end: perAxis(base.rank, fc.integer({ min: 0, max: 3 })),
        extra: perAxis(base.rank, extraSize(constraints.minExtra ?? 0)),
      }),
    )
    .map(({ base, kernel, strides, dilations, begin, end, extra }) => {
      let padBegin = begin;
      let padEnd = space.asymmetricPads ? end : begin;
      let dil = dilations;
      let str = strides;
      // Keep within what the convention defines, rather than discarding the case.
      if (knobChoices(convention, 'dilationWithStride').includes('error') && dil.some((d) => d > 1) && str.some((s) => s > 1)) {
        if (base.useDilation) str = str.map(() => 1);
        else dil = dil.map(() => 1);
      }
      const beyondWindow = base.strideBeyondWindow && !constraints.strideOne && dil.every((d) => d === 1);
      if (beyondWindow) str = strideBeyondWindow(kernel, dil, str);
      const sameStrideOne = convention.sameWithStride === 'error' && base.padKind.startsWith('same');
      if (sameStrideOne) str = str.map(() => 1);
      if (base.padKind !== 'explicit') {
        padBegin = padBegin.map(() => 0);
        padEnd = padEnd.map(() => 0);
      }
      const groups = base.groupKind === 'one' ? 1 : base.groupCount;
      const inPerGroup =
        base.groupKind === 'depthwise' ? 1 : base.groupKind === 'grouped' ? Math.max(2, base.channelsPerGroup) : base.channelsPerGroup;
      return {
        rank: base.rank,
        batch: base.batch,
        groups,
        inPerGroup,
        outPerGroup: base.outPerGroup,
        kernel,
        strides: str,
        dilations: dil,
        padKind: base.padKind,
        begin: padBegin,
        end: padEnd,
        extra,
        fill: base.fill,
        layout: base.layout,
        bias: base.bias,
        beyondWindow: beyondWindow && !sameStrideOne,
      };
    });

  return shapePlan.chain((plan) => {
    const effK = plan.kernel.map((k, a) => plan.dilations[a]! * (k - 1) + 1);
    // The input is just large enough for one window over the padded extent, plus `extra`; fill
    // modes other than zeros also need pads within the input (reflect: pad <= n - 1).
    const spatial = effK.map((e, a) => {
      let n =
        plan.beyondWindow && a === plan.rank - 1
          ? inputBeyondWindow(e, plan.strides[a]!, plan.extra[a]!)
          : Math.max(1, e - plan.begin[a]! - plan.end[a]! + plan.extra[a]!);
      if (plan.fill === 'reflect') n = Math.max(n, plan.begin[a]! + 1, plan.end[a]! + 1);
      if (plan.fill === 'circular') n = Math.max(n, plan.begin[a]!, plan.end[a]!);
      // spec: shape.output-size.exact — conventions without rounding need an exact division
      const s = plan.strides[a]!;
      if (convention.rounding === 'exact' && plan.padKind !== 'same-upper' && plan.padKind !== 'same-lower') {
        n += (s - ((n + plan.begin[a]! + plan.end[a]! - e) % s)) % s;
      }
      return n;
    });
    const channels = plan.groups * plan.inPerGroup;
    const outChannels = plan.groups * plan.outPerGroup;
    const inputShape = joinActivationShape({ batch: plan.batch, channels, spatial }, plan.layout);
    const kernelLayout = defaultKernelLayout(plan.layout);
    const weightShape = joinKernelShape({ outChannels, inChannelsPerGroup: plan.inPerGroup, kernel: plan.kernel }, kernelLayout);
    const padding: Padding = plan.padKind === 'explicit' ? { begin: plan.begin, end: plan.end } : plan.padKind;
    const params: ConvCase['params'] = {
      strides: plan.strides,
      dilations: plan.dilations,
      padding,
      fill: plan.fill,
      groups: plan.groups,
      layout: plan.layout,
      kernelLayout,
    };
    return fc.record({
      input: tensorArbitrary(inputShape, values),
      weight: tensorArbitrary(weightShape, values === 'special' ? 'exact' : values),
      bias: plan.bias ? tensorArbitrary([outChannels], values === 'special' ? 'exact' : values) : fc.constant(undefined),
      params: fc.constant(params),
      values: fc.constant(values),
    });
  });
}

/** Whether a case is within the element cap and valid under every member of the context's convention. */
export function isConvCaseValid(ctx: PropertyContext, c: ConvCase): boolean {
  if (elementCount(c.input.shape) > ctx.maxElements || elementCount(c.weight.shape) > ctx.maxElements) return false;
  try {
    const plan = planConv({ ...c.params, convention: ctx.conventionSpec }, c.input.shape, c.weight.shape, c.bias?.shape);
    if (elementCount(plan.outputShape) > ctx.maxElements) return false;
  } catch {
    return false;
  }
  return validUnderEveryMember(ctx.conventionSpec, (member) =>
    planConv({ ...c.params, convention: member }, c.input.shape, c.weight.shape, c.bias?.shape),
  );
}

export function convCase(ctx: PropertyContext, constraints: ConvCaseConstraints = {}): fc.Arbitrary<ConvCase> {
  return convCaseCandidates(ctx, constraints)
    .filter((c) => isConvCaseValid(ctx, c))
    .map((c) => (c.bias === undefined ? { input: c.input, weight: c.weight, params: c.params, values: c.values } : c));
}
