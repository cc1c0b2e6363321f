/**
 * Valid calls with a stride, dilation or pad at an integer-width edge (2^15 - 1 to 2^16 + 1,
 * 2^24 - 1 to 2^24 + 1, 2^31 - 1) on small tensors, which every conforming implementation must
 * accept and compute (spec: error.parameter-range). One spatial axis carries the edge in one of
 * four ways, each with a small output:
 *
 * - `stride`: a stride at an edge, larger than the padded input: one window;
 * - `stride and pads`: pads at an edge and a stride at an edge at least a quarter of their sum:
 *   a few windows, most in the padding;
 * - `dilation`: a dilation at an edge on a window of one tap;
 * - `dilation and pads`: a dilation d at an edge on a window of two taps, with a begin pad of
 *   d - j, so that the first tap falls in the padding and the second on input element j.
 *
 * The other axes are small. Cases stay within what the adapter declares and its convention
 * defines (no large pads where a convention limits pooling pads, strides of 1 with a dilation
 * where the convention may forbid both, exact divisions under exact rounding), are valid under
 * every member, and keep the padded input within the kit's element limit (spec: error.limits),
 * so that an implementation that pads explicitly can compute them.
 */
import fc from 'fast-check';
import type { PadRequest } from '../../src/ops/Adapter.js';
import { knobChoices } from '../../src/spec/concreteConventions.js';
import type { Layout } from '../../src/spec/conventions.js';
import { defaultKernelLayout, joinActivationShape, joinKernelShape, splitActivationShape } from '../../src/tensor/layout.js';
import { DEFAULT_LIMITS } from '../../src/spec/limits.js';
import { planConv } from '../../src/ops/conv/planConv.js';
import { planPool, type PoolKind } from '../../src/ops/pool/planPool.js';
import type { Padding } from '../../src/ops/window/planWindow.js';
import { MAX_DIMENSION } from '../../src/spec/paramChecks.js';
import { elementCount } from '../../src/tensor/tensor.js';
import { NotApplicable, type PropertyContext } from '../PropertyDefinition.js';
import { caseSpace, type CaseSpace, type PaddingKind } from './caseSpace.js';
import type { ConvCase } from './convCase.js';
import { tensorArbitrary } from './elementValues.js';
import { edgeValue, INT16_EDGES, INTEGER_WIDTH_EDGES, UINT16_EDGES } from './integerWidthEdges.js';
import type { PoolCase } from './poolCase.js';
import { requireChoices, rankChoice, layoutChoice } from './requireChoices.js';
import { validUnderEveryMember } from './validUnderEveryMember.js';

export type EdgeScenario = 'stride' | 'stride and pads' | 'dilation' | 'dilation and pads';

/** One spatial axis of a window: input size, kernel, stride, dilation and pads. */
interface AxisWindow {
  n: number;
  k: number;
  s: number;
  d: number;
  pb: number;
  pe: number;
}

/** What an op and the adapter's convention allow the window to be. */
interface WindowRules {
  ranks: number[];
  layouts: Layout[];
  /** Padding modes besides explicit pads (valid, and same where defined). */
  autoPaddings: Exclude<PaddingKind, 'explicit'>[];
  /** Same padding only with strides of 1 (spec: divergence.same-with-stride). */
  sameNeedsStrideOne: boolean;
  dilation: boolean;
  /** A dilation may need strides of 1 on every axis (spec: divergence.dilation-with-stride). */
  dilationNeedsStrideOne: boolean;
  /** Pads at an edge: convolution always; pooling only where no pad limit may apply (spec: divergence.pool-pad-limit). */
  largePads: boolean;
  asymmetric: boolean;
  /** Exact rounding: every division of the output-size formula must be exact (spec: shape.output-size.exact). */
  exact: boolean;
  /** The largest pad allowed next to a window of k taps. */
  padLimit: (k: number) => number;
}

/** Pads at an edge stay within float32's exact integers, so that the padded input fits the element limit. */
const PAD_EDGES = INTEGER_WIDTH_EDGES.filter((edge) => edge <= 2 ** 24 + 1);

export interface EdgeWindow {
  scenario: EdgeScenario;
  axes: AxisWindow[];
  padding: PaddingKind;
}

function edgeAxis(rules: WindowRules, scenario: EdgeScenario): fc.Arbitrary<AxisWindow> {
  const small = (k: number, pad: number): number => Math.min(pad, rules.padLimit(k));
  switch (scenario) {
    case 'stride':
      return (
        fc
          // 2^31 - 1 as often as every other edge together: a stride there overflows int32 in the
          // first product an implementation forms with it (spec: defect.pytorch-mkldnn-large-stride)
          .record({
            s: fc.oneof(edgeValue(), fc.constant(MAX_DIMENSION)),
            k: fc.integer({ min: 1, max: 3 }),
            pb: fc.integer({ min: 0, max: 2 }),
            pe: fc.integer({ min: 0, max: 2 }),
            extra: fc.integer({ min: 0, max: 3 }),
          })
          .map(({ s, k, pb, pe, extra }) => {
            if (rules.exact) return { n: k, k, s, d: 1, pb: 0, pe: 0 }; // one window over the whole input
            const begin = small(k, pb);
            const end = rules.asymmetric ? small(k, pe) : begin;
            return { n: Math.max(1, k - begin - end + extra), k, s, d: 1, pb: begin, pe: end };
          })
      );
    case 'stride and pads':
      return fc
        .record({
          p: fc.constantFrom(...PAD_EDGES),
          oneSide: fc.boolean(),
          k: fc.integer({ min: 1, max: 3 }),
          extra: fc.integer({ min: 0, max: 2 }),
          pick: fc.nat(),
        })
        .map(({ p, oneSide, k, extra, pick }) => {
          const pb = p;
          const pe = rules.asymmetric && oneSide ? 0 : p;
          if (rules.exact) return { n: k, k, s: pb + pe, d: 1, pb, pe }; // two windows: one at each end
          const strides = INTEGER_WIDTH_EDGES.filter((edge) => 4 * edge >= pb + pe);
          return { n: k + extra, k, s: strides[pick % strides.length]!, d: 1, pb, pe };
        });
    case 'dilation':
      return fc
        .record({
          d: edgeValue(),
          s: fc.integer({ min: 1, max: 2 }),
          pb: fc.integer({ min: 0, max: 1 }),
          pe: fc.integer({ min: 0, max: 1 }),
          n: fc.integer({ min: 1, max: 3 }),
        })
        .map(({ d, s, pb, pe, n }) => {
          const stride = rules.dilationNeedsStrideOne || rules.exact ? 1 : s;
          const begin = small(1, pb);
          const end = rules.asymmetric ? small(1, pe) : begin;
          return { n, k: 1, s: stride, d, pb: begin, pe: end };
        });
    case 'dilation and pads':
      return fc
        .record({ d: fc.constantFrom(...PAD_EDGES), j: fc.integer({ min: 0, max: 2 }), extra: fc.integer({ min: 0, max: 2 }) })
        .map(({ d, j, extra }) => ({ n: j + 1 + extra, k: 2, s: 1, d, pb: d - j, pe: 0 }));
  }
}

function plainAxis(rules: WindowRules, strideOne: boolean): fc.Arbitrary<AxisWindow> {
  return fc
    .record({ k: fc.integer({ min: 1, max: 2 }), s: fc.integer({ min: 1, max: 2 }), m: fc.integer({ min: 0, max: 2 }) })
    .map(({ k, s, m }) => {
      const stride = strideOne ? 1 : s;
      return { n: k + (rules.exact ? stride * Math.min(m, 1) : m), k, s: stride, d: 1, pb: 0, pe: 0 };
    });
}

function edgeWindow(rules: WindowRules): fc.Arbitrary<EdgeWindow> {
  const scenarios: fc.WeightedArbitrary<EdgeScenario>[] = [{ weight: 3, arbitrary: fc.constant('stride' as const) }];
  if (rules.largePads) scenarios.push({ weight: 2, arbitrary: fc.constant('stride and pads' as const) });
  if (rules.dilation) scenarios.push({ weight: 2, arbitrary: fc.constant('dilation' as const) });
  if (rules.dilation && rules.largePads && rules.asymmetric)
    scenarios.push({ weight: 2, arbitrary: fc.constant('dilation and pads' as const) });
  return fc
    .record({
      scenario: fc.oneof(...scenarios),
      rank: fc.constantFrom(...rules.ranks),
      // Explicit pads most often: next to a large stride they are where size arithmetic breaks
      // (PyTorch's oneDNN convolution refuses a stride of 2^31 - 1 with pads).
      auto:
        rules.autoPaddings.length === 0
          ? fc.constant<PaddingKind>('explicit')
          : fc.oneof(
              { weight: 2, arbitrary: fc.constant<PaddingKind>('explicit') },
              { weight: 1, arbitrary: fc.constantFrom<PaddingKind>(...rules.autoPaddings) },
            ),
    })
    .chain(({ scenario, rank, auto }) => {
      const dilated = scenario === 'dilation' || scenario === 'dilation and pads';
      const strideOne = dilated && rules.dilationNeedsStrideOne;
      return fc.record({
        scenario: fc.constant(scenario),
        edge: fc.integer({ min: 0, max: rank - 1 }),
        axes: fc.array(plainAxis(rules, strideOne), { minLength: rank, maxLength: rank }),
        special: edgeAxis(rules, scenario),
        auto: fc.constant(auto),
      });
    })
    .map(({ scenario, edge, axes, special, auto }) => {
      const withEdge = axes.map((axis, a) => (a === edge ? special : axis));
      // Large pads need explicit padding; same padding keeps its own pads, and only with strides of 1 where so required.
      const sameAllowed = !rules.sameNeedsStrideOne || withEdge.every((axis) => axis.s === 1);
      let padding: PaddingKind = scenario === 'stride and pads' || scenario === 'dilation and pads' ? 'explicit' : auto;
      if (padding.startsWith('same') && !sameAllowed) padding = 'explicit';
      const unpadded =
        padding === 'explicit'
          ? withEdge
          : withEdge.map((axis) => ({ ...axis, pb: 0, pe: 0, n: Math.max(axis.n, axis.d * (axis.k - 1) + 1) }));
      return { scenario, axes: unpadded, padding };
    });
}

function rulesFor(space: CaseSpace, op: 'conv' | 'pool', kinds: PoolKind[]): WindowRules {
  const convention = space.convention;
  const limits = op === 'pool' ? knobChoices(convention, 'poolPadLimit') : (['none'] as const);
  const limit = (k: number): number =>
    Math.min(
      ...limits.map((choice) =>
        choice === 'half-kernel' ? Math.floor(k / 2) : choice === 'less-than-kernel' ? k - 1 : choice === 'at-most-kernel' ? k : Infinity,
      ),
    );
  const autoPaddings = (op === 'conv' ? space.convPaddings : space.poolPaddings).filter(
    (mode): mode is Exclude<PaddingKind, 'explicit'> => mode !== 'explicit',
  );
  return {
    ranks: space.ranks,
    layouts: space.layouts,
    autoPaddings,
    sameNeedsStrideOne: op === 'conv' && convention.sameWithStride === 'error',
    dilation:
      op === 'conv'
        ? space.convDilation
        : kinds.length > 0 && kinds.every((kind) => (kind === 'max' ? space.maxPoolDilation : space.avgPoolDilation)),
    dilationNeedsStrideOne: knobChoices(convention, 'dilationWithStride').includes('error'),
    largePads: limits.every((choice) => choice === 'none'),
    asymmetric: space.asymmetricPads,
    exact: convention.rounding === 'exact',
    padLimit: limit,
  };
}

const paddingOf = (window: EdgeWindow): Padding =>
  window.padding === 'explicit' ? { begin: window.axes.map((axis) => axis.pb), end: window.axes.map((axis) => axis.pe) } : window.padding;

/** Elements of the input with its pads: what an implementation that pads explicitly allocates. */
function paddedElements(inputShape: readonly number[], layout: Layout, padding: Padding): number {
  const dims = splitActivationShape(inputShape, layout);
  const pads = typeof padding === 'string' ? undefined : (padding as { begin: number[]; end: number[] });
  const spatial = dims.spatial.map((n, a) => n + (pads === undefined ? 0 : pads.begin[a]! + pads.end[a]!));
  return dims.batch * dims.channels * spatial.reduce((product, n) => product * n, 1);
}

function requireWindows(ctx: PropertyContext, space: CaseSpace, what: string): void {
  requireChoices(ctx, what, [rankChoice(space), layoutChoice(space)]);
}

/** Convolutions with a stride, dilation or pad at an integer-width edge. */
export function largeConvCase(ctx: PropertyContext): fc.Arbitrary<ConvCase> {
  if (!ctx.features.has('conv')) throw NotApplicable.needsOneOf('conv');
  const space = caseSpace(ctx);
  requireWindows(ctx, space, 'convolution');
  const rules = rulesFor(space, 'conv', []);
  return fc
    .record({
      window: edgeWindow(rules),
      layout: fc.constantFrom(...rules.layouts),
      // A batch of 2 twice as often as 1: oneDNN, which PyTorch's convolution takes for batches
      // above 1, refuses a padded stride of 2^31 - 1 (spec: defect.pytorch-mkldnn-large-stride).
      batch: fc.oneof({ weight: 1, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.constant(2) }),
      channels: fc.integer({ min: 1, max: 2 }),
      outChannels: fc.integer({ min: 1, max: 2 }),
      bias: fc.constantFrom(...(space.convBias ? [true, false] : [false])),
    })
    .chain(({ window, layout, batch, channels, outChannels, bias }) => {
      const kernelLayout = defaultKernelLayout(layout);
      const params: ConvCase['params'] = {
        strides: window.axes.map((axis) => axis.s),
        dilations: window.axes.map((axis) => axis.d),
        padding: paddingOf(window),
        fill: 'zeros',
        groups: 1,
        layout,
        kernelLayout,
      };
      const inputShape = joinActivationShape({ batch, channels, spatial: window.axes.map((axis) => axis.n) }, layout);
      const weightShape = joinKernelShape(
        { outChannels, inChannelsPerGroup: channels, kernel: window.axes.map((axis) => axis.k) },
        kernelLayout,
      );
      return fc.record({
        input: tensorArbitrary(inputShape, 'exact'),
        weight: tensorArbitrary(weightShape, 'exact'),
        bias: bias ? tensorArbitrary([outChannels], 'exact') : fc.constant(undefined),
        params: fc.constant(params),
        values: fc.constant('exact' as const),
      });
    })
    .map((c): ConvCase => (c.bias === undefined ? { input: c.input, weight: c.weight, params: c.params, values: c.values } : c))
    .filter((c) => {
      if (
        elementCount(c.input.shape) > ctx.maxElements ||
        paddedElements(c.input.shape, c.params.layout, c.params.padding) > DEFAULT_LIMITS.maxElements
      )
        return false;
      const plan = (member: PropertyContext['conventionSpec']) =>
        planConv({ ...c.params, convention: member }, c.input.shape, c.weight.shape, c.bias?.shape);
      return validUnderEveryMember(ctx.conventionSpec, (member) => {
        if (elementCount(plan(member).outputShape) > ctx.maxElements) throw new RangeError('output beyond the element cap');
      });
    });
}

/** Max and average pooling with a stride, dilation or pad at an integer-width edge. */
export function largePoolCase(ctx: PropertyContext): fc.Arbitrary<PoolCase> {
  const space = caseSpace(ctx);
  const kinds = (['max', 'avg'] as PoolKind[]).filter((kind) => (kind === 'max' ? space.maxPool : space.avgPool));
  if (kinds.length === 0) throw NotApplicable.needsOneOf('pool.max', 'pool.avg');
  requireWindows(ctx, space, 'pooling');
  // A dilation at an edge only for the kinds that take dilations; the others get the other scenarios.
  const byKind = kinds.map((kind) => ({ kind, rules: rulesFor(space, 'pool', [kind]) }));
  return fc
    .constantFrom(...byKind)
    .chain(({ kind, rules }) =>
      fc.record({
        kind: fc.constant(kind),
        window: edgeWindow(rules),
        layout: fc.constantFrom(...rules.layouts),
        batch: fc.integer({ min: 1, max: 2 }),
        channels: fc.integer({ min: 1, max: 2 }),
        ceilMode: space.ceilMode
          ? fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })
          : fc.constant(false),
        countIncludePad: space.countIncludePad ? fc.boolean() : fc.constant(false),
      }),
    )
    .chain(({ kind, window, layout, batch, channels, ceilMode, countIncludePad }) => {
      const params: PoolCase['params'] = {
        kind,
        kernel: window.axes.map((axis) => axis.k),
        strides: window.axes.map((axis) => axis.s),
        dilations: window.axes.map((axis) => axis.d),
        padding: paddingOf(window),
        ceilMode,
        layout,
        ...(kind === 'avg' ? { countIncludePad } : {}),
      };
      const inputShape = joinActivationShape({ batch, channels, spatial: window.axes.map((axis) => axis.n) }, layout);
      return fc.record({ input: tensorArbitrary(inputShape, 'exact'), params: fc.constant(params), values: fc.constant('exact' as const) });
    })
    .filter((c) => {
      if (
        elementCount(c.input.shape) > ctx.maxElements ||
        paddedElements(c.input.shape, c.params.layout, c.params.padding) > DEFAULT_LIMITS.maxElements
      )
        return false;
      return validUnderEveryMember(ctx.conventionSpec, (member) => {
        if (elementCount(planPool({ ...c.params, convention: member }, c.input.shape).outputShape) > ctx.maxElements)
          throw new RangeError('output beyond the element cap');
      });
    });
}

/** The largest output of a generated pad call: the pads reach 2^16 + 1, not the element limit. */
export const LARGE_PAD_OUTPUT_ELEMENTS = 2 ** 18;

/** Pad calls with pads at the int16 and uint16 edges on one axis. */
export function largePadCase(ctx: PropertyContext): fc.Arbitrary<PadRequest> {
  if (!ctx.features.has('pad')) throw NotApplicable.needsOneOf('pad');
  const space = caseSpace(ctx);
  requireWindows(ctx, space, 'pad');
  const fills = space.fills.filter((fill) => fill === 'zeros' || fill === 'replicate'); // reflect and circular limit pads to the input size
  const edges = [...INT16_EDGES, ...UINT16_EDGES];
  return fc
    .record({
      rank: fc.constantFrom(...space.ranks),
      layout: fc.constantFrom(...space.layouts),
      fill: fc.constantFrom(...fills),
      begin: fc.oneof(fc.constantFrom(...edges), fc.integer({ min: 0, max: 2 })),
      end: fc.constantFrom(...edges),
      swap: fc.boolean(),
    })
    .chain(({ rank, layout, fill, begin, end, swap }) =>
      fc
        .record({
          edge: fc.integer({ min: 0, max: rank - 1 }),
          spatial: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: rank, maxLength: rank }),
        })
        .chain(({ edge, spatial }) => {
          const onEdge = (value: number) => spatial.map((_, a) => (a === edge ? value : 0));
          const [b, e] = swap ? [end, begin] : [begin, end];
          // One channel: the outputs have 2^15 to 2^17 elements already, and channels change nothing at an edge.
          const inputShape = joinActivationShape({ batch: 1, channels: 1, spatial }, layout);
          return tensorArbitrary(inputShape, 'exact').map(
            (input): PadRequest => ({ input, params: { padding: { begin: onEdge(b), end: onEdge(e) }, fill, layout } }),
          );
        }),
    )
    .filter(
      (c) =>
        elementCount(c.input.shape) <= ctx.maxElements &&
        paddedElements(c.input.shape, c.params.layout!, c.params.padding) <= LARGE_PAD_OUTPUT_ELEMENTS,
    );
}
