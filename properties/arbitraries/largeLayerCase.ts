/**
 * Layer records on large inputs for an adapter's shape inference, which needs no tensor data:
 * input sizes, kernels, strides, dilations, pads, channels, filters and units up to 2^31 - 1,
 * weighted to the integer-width edges (2^15 ± 1, 2^16 ± 1, 2^24 ± 1, 2^31 - 1) where int16,
 * uint16, float32 and int32 size arithmetic breaks (spec: error.parameter-range). Per spatial
 * axis, one of:
 *
 * - `small`: sizes below 10;
 * - `large input, large stride`: one or a few windows over a large input;
 * - `large input, large window`: a window nearly as long as the input;
 * - `large input, large dilation`: two taps nearly the input apart;
 * - `large output`: a large input, a small window and stride, an output near 2^24;
 * - `large pads`: pads at an edge and a stride that keeps the output small.
 *
 * Every layer type of src/shape/LayerSpec.ts the adapter's features allow is drawn, flatten included.
 * Cases the reference refuses for size under some member (E_TOO_LARGE: it would compute or
 * allocate beyond spec: error.limits) are not generated; cases some member rejects otherwise are
 * kept, and judged by what every member answers.
 */
import fc from 'fast-check';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { concreteConventions, knobChoices } from '../../src/spec/concreteConventions.js';
import type { ConventionSpec, Layout } from '../../src/spec/conventions.js';
import type { LayerSpec } from '../../src/shape/LayerSpec.js';
import { joinActivationShape } from '../../src/tensor/layout.js';
import { MAX_DIMENSION } from '../../src/spec/paramChecks.js';
import { planLayer } from '../../src/shape/planLayer.js';
import { NotApplicable, type PropertyContext } from '../PropertyDefinition.js';
import { caseSpace, type CaseSpace, type PaddingKind } from './caseSpace.js';
import { edgeValue, INTEGER_WIDTH_EDGES, sizeUpTo } from './integerWidthEdges.js';
import { VALIDITY_KNOBS } from './validUnderEveryMember.js';

export type AxisScenario =
  | 'small'
  | 'large input, large stride'
  | 'large input, large window'
  | 'large input, large dilation'
  | 'large output'
  | 'large pads';

export interface LargeLayerCase {
  layer: LayerSpec;
  /** Input shape with the batch axis. */
  inputShape: number[];
  layout: Layout;
  /** How each spatial axis was drawn (none for dense and flatten layers). */
  scenarios: AxisScenario[];
}

interface AxisWindow {
  n: number;
  k: number;
  s: number;
  d: number;
  pb: number;
  pe: number;
}

/** What a member of the convention answers: an output shape, or the error it rejects the layer with. */
export type MemberShape = { shape: number[] } | { error: CnnSpecError };

/** The answer of every member of the convention that the validity knobs distinguish (spec: convention.unspecified). */
export function memberShapes(convention: ConventionSpec, c: Pick<LargeLayerCase, 'layer' | 'inputShape' | 'layout'>): MemberShape[] {
  return concreteConventions(convention, VALIDITY_KNOBS).map(({ spec }) => {
    try {
      return { shape: planLayer(c.layer, c.inputShape, { layout: c.layout, convention: spec }).outputShape };
    } catch (error) {
      if (error instanceof CnnSpecError) return { error };
      throw error;
    }
  });
}

const small = (max: number): fc.Arbitrary<number> => fc.integer({ min: 1, max });

function axisWindow(scenario: AxisScenario): fc.Arbitrary<AxisWindow> {
  const pads = fc.record({ pb: fc.integer({ min: 0, max: 2 }), pe: fc.integer({ min: 0, max: 2 }) });
  switch (scenario) {
    case 'small':
      return fc.record({
        n: small(9),
        k: small(3),
        s: small(3),
        d: fc.constant(1),
        pb: fc.integer({ min: 0, max: 2 }),
        pe: fc.integer({ min: 0, max: 2 }),
      });
    case 'large input, large stride':
      return fc.record({ n: edgeValue(), s: edgeValue(), k: small(3), p: pads }).map(({ n, s, k, p }) => ({ n, k, s, d: 1, ...p }));
    case 'large input, large window':
      return fc
        .record({ n: edgeValue(), j: fc.integer({ min: 0, max: 3 }), s: fc.oneof(small(4), edgeValue()), p: pads })
        .map(({ n, j, s, p }) => ({ n, k: Math.max(1, n - j), s, d: 1, ...p }));
    case 'large input, large dilation':
      return fc
        .record({ n: edgeValue(), j: fc.integer({ min: 0, max: 3 }), s: small(2), p: pads })
        .map(({ n, j, s, p }) => ({ n, k: 2, s, d: Math.max(1, n - 1 - j), ...p }));
    case 'large output':
      return fc
        .record({ n: edgeValue(1, 2 ** 24 + 1), k: small(2), s: small(3), p: pads })
        .map(({ n, k, s, p }) => ({ n, k, s, d: 1, ...p }));
    case 'large pads':
      return fc
        .record({ n: sizeUpTo(1, MAX_DIMENSION), pb: edgeValue(), pe: fc.oneof(fc.constant(0), edgeValue()), k: small(3), pick: fc.nat() })
        .map(({ n, pb, pe, k, pick }) => {
          const strides = INTEGER_WIDTH_EDGES.filter((edge) => 8 * edge >= n + pb + pe);
          return { n, k, s: strides.length === 0 ? MAX_DIMENSION : strides[pick % strides.length]!, d: 1, pb, pe };
        });
  }
}

const SCENARIOS: fc.Arbitrary<AxisScenario> = fc.oneof(
  { weight: 2, arbitrary: fc.constant('small' as const) },
  { weight: 3, arbitrary: fc.constant('large input, large stride' as const) },
  { weight: 2, arbitrary: fc.constant('large input, large window' as const) },
  { weight: 2, arbitrary: fc.constant('large input, large dilation' as const) },
  { weight: 2, arbitrary: fc.constant('large output' as const) },
  { weight: 2, arbitrary: fc.constant('large pads' as const) },
);

/** A count (channels, filters, units, batch): small most of the time, else at an edge. */
const count = (max = MAX_DIMENSION): fc.Arbitrary<number> =>
  fc.oneof({ weight: 3, arbitrary: small(3) }, { weight: 1, arbitrary: edgeValue(1, max) });

type WindowType = 'conv' | 'depthwise-conv' | 'separable-conv' | 'max-pool' | 'avg-pool';

interface WindowDraw {
  type: WindowType;
  rank: number;
  layout: Layout;
  scenarios: AxisScenario[];
  axes: AxisWindow[];
  padKind: PaddingKind;
  batch: number;
  channels: number;
  filters: number;
  groups: number;
  bias: boolean;
  ceilMode: boolean;
  countIncludePad: boolean;
}

function windowLayer(space: CaseSpace, draw: WindowDraw): LargeLayerCase {
  const { type, axes, layout } = draw;
  const convention = space.convention;
  let strides = axes.map((axis) => axis.s);
  let dilations = axes.map((axis) => axis.d);
  // Keep within what the convention defines, rather than rejecting the layer for it.
  if (knobChoices(convention, 'dilationWithStride').includes('error') && dilations.some((d) => d > 1) && strides.some((s) => s > 1)) {
    if (draw.scenarios.includes('large input, large dilation')) strides = strides.map(() => 1);
    else dilations = dilations.map(() => 1);
  }
  let padKind = draw.padKind;
  if (padKind.startsWith('same') && type.endsWith('conv') && convention.sameWithStride === 'error' && strides.some((s) => s > 1))
    padKind = 'explicit';
  const explicit = padKind === 'explicit';
  // Pooling pads within the strictest limit the convention may have (spec: divergence.pool-pad-limit).
  const limit = (k: number): number =>
    type.endsWith('conv')
      ? Infinity
      : Math.min(
          ...knobChoices(convention, 'poolPadLimit').map((choice) =>
            choice === 'half-kernel'
              ? Math.floor(k / 2)
              : choice === 'less-than-kernel'
                ? k - 1
                : choice === 'at-most-kernel'
                  ? k
                  : Infinity,
          ),
        );
  const begin = axes.map((axis) => (explicit ? Math.min(axis.pb, limit(axis.k)) : 0));
  const end = axes.map((axis, a) => (explicit ? (space.asymmetricPads ? Math.min(axis.pe, limit(axis.k)) : begin[a]!) : 0));
  const input = axes.map((axis) => axis.n);
  if (convention.rounding === 'exact' && !padKind.startsWith('same')) {
    // spec: shape.output-size.exact — shorten the input, then the pads, until the stride divides
    axes.forEach((axis, a) => {
      const span = input[a]! + begin[a]! + end[a]! - (dilations[a]! * (axis.k - 1) + 1);
      let rest = span >= 0 ? span % strides[a]! : 0;
      const fromInput = Math.min(rest, input[a]! - 1);
      input[a]! -= fromInput;
      rest -= fromInput;
      if (!space.asymmetricPads) return;
      for (const pads of [end, begin]) {
        const fromPad = Math.min(rest, pads[a]!);
        pads[a]! -= fromPad;
        rest -= fromPad;
      }
    });
  }
  const padding = explicit ? { begin, end } : (padKind as Exclude<PaddingKind, 'explicit'>);
  const window = { kernel: axes.map((axis) => axis.k), strides, dilations, padding };
  const channels = type === 'conv' ? draw.channels * draw.groups : draw.channels;
  const inputShape = joinActivationShape({ batch: draw.batch, channels, spatial: input }, layout);
  let layer: LayerSpec;
  switch (type) {
    case 'conv':
      layer = { type, ...window, filters: draw.filters * draw.groups, groups: draw.groups, bias: draw.bias };
      break;
    case 'depthwise-conv':
      layer = { type, ...window, depthMultiplier: draw.filters, bias: draw.bias };
      break;
    case 'separable-conv':
      layer = { type, ...window, depthMultiplier: Math.min(draw.filters, 3), filters: draw.filters, bias: draw.bias };
      break;
    case 'max-pool':
      layer = { type, ...window, ceilMode: draw.ceilMode };
      break;
    case 'avg-pool':
      layer = { type, ...window, ceilMode: draw.ceilMode, countIncludePad: draw.countIncludePad };
      break;
  }
  return { layer, inputShape, layout, scenarios: draw.scenarios };
}

function windowLayers(ctx: PropertyContext, space: CaseSpace): fc.Arbitrary<LargeLayerCase> | undefined {
  const types: WindowType[] = [
    ...(ctx.features.has('conv') ? (['conv'] as const) : []),
    ...(ctx.features.has('conv') && space.depthwise ? (['depthwise-conv', 'separable-conv'] as const) : []),
    ...(space.maxPool ? (['max-pool'] as const) : []),
    ...(space.avgPool ? (['avg-pool'] as const) : []),
  ];
  if (types.length === 0 || space.ranks.length === 0 || space.layouts.length === 0) return undefined;
  const poolLimits = knobChoices(space.convention, 'poolPadLimit');
  return fc
    .record({ type: fc.constantFrom(...types), rank: fc.constantFrom(...space.ranks) })
    .chain(({ type, rank }) => {
      const isConv = type.endsWith('conv');
      const dilation = isConv ? space.convDilation : type === 'max-pool' ? space.maxPoolDilation : space.avgPoolDilation;
      // Large pads only where no pooling pad limit may apply (spec: divergence.pool-pad-limit).
      const largePads = isConv || poolLimits.every((choice) => choice === 'none');
      const paddings = isConv ? space.convPaddings : space.poolPaddings;
      // A dilation or large pads only where the layer takes them.
      const possible = (scenario: AxisScenario): AxisScenario =>
        scenario === 'large input, large dilation' && !dilation
          ? 'large input, large window'
          : scenario === 'large pads' && !largePads
            ? 'large input, large stride'
            : scenario;
      return fc.array(SCENARIOS.map(possible), { minLength: rank, maxLength: rank }).chain((scenarios) =>
        fc.record({
          type: fc.constant(type),
          rank: fc.constant(rank),
          layout: fc.constantFrom(...space.layouts),
          scenarios: fc.constant(scenarios),
          axes: fc.tuple(...scenarios.map(axisWindow)),
          padKind: scenarios.includes('large pads') ? fc.constant('explicit' as const) : fc.constantFrom(...paddings),
          batch: fc.oneof({ weight: 3, arbitrary: small(2) }, { weight: 1, arbitrary: edgeValue(1, 2 ** 24 + 1) }),
          channels:
            type === 'conv' || type === 'max-pool' || type === 'avg-pool'
              ? count()
              : fc.oneof({ weight: 3, arbitrary: small(3) }, { weight: 1, arbitrary: edgeValue(1, 2 ** 16 + 1) }),
          filters: count(),
          groups: type === 'conv' && space.groups ? fc.constantFrom(1, 1, 2, 3) : fc.constant(1),
          bias: space.convBias ? fc.boolean() : fc.constant(false),
          ceilMode: type.endsWith('pool') && space.ceilMode ? fc.boolean() : fc.constant(false),
          countIncludePad: type === 'avg-pool' && space.countIncludePad ? fc.boolean() : fc.constant(false),
        }),
      );
    })
    .map((draw) => windowLayer(space, { ...draw, axes: [...draw.axes] }));
}

function denseLayers(ctx: PropertyContext, space: CaseSpace): fc.Arbitrary<LargeLayerCase> | undefined {
  if (!ctx.features.has('dense')) return undefined;
  const ranks = space.denseRank3 ? [1, 2, 3] : [1, 2];
  return fc
    .record({
      rank: fc.constantFrom(...ranks),
      rows: fc.array(count(), { minLength: 2, maxLength: 2 }),
      nin: sizeUpTo(1, MAX_DIMENSION),
      units: count(),
      bias: fc.constantFrom(...(space.denseBias ? [true, false] : [false])),
      layout: fc.constantFrom(...space.layouts),
    })
    .map(({ rank, rows, nin, units, bias, layout }) => ({
      layer: { type: 'dense', units, bias },
      inputShape: [...rows.slice(0, rank - 1), nin],
      layout,
      scenarios: [],
    }));
}

function globalLayers(ctx: PropertyContext, space: CaseSpace): fc.Arbitrary<LargeLayerCase> | undefined {
  const kinds = [
    ...(ctx.features.has('pool.global-max') ? (['global-max-pool'] as const) : []),
    ...(ctx.features.has('pool.global-avg') ? (['global-avg-pool'] as const) : []),
  ];
  if (kinds.length === 0 || space.ranks.length === 0 || space.layouts.length === 0) return undefined;
  return fc
    .record({
      type: fc.constantFrom(...kinds),
      rank: fc.constantFrom(...space.ranks),
      layout: fc.constantFrom(...space.layouts),
      batch: count(),
      channels: count(),
      keepDims: fc.constantFrom(true, false, undefined),
    })
    .chain((draw) =>
      fc.array(sizeUpTo(1, MAX_DIMENSION), { minLength: draw.rank, maxLength: draw.rank }).map((spatial) => ({
        layer: { type: draw.type, ...(draw.keepDims === undefined ? {} : { keepDims: draw.keepDims }) },
        inputShape: joinActivationShape({ batch: draw.batch, channels: draw.channels, spatial }, draw.layout),
        layout: draw.layout,
        scenarios: [],
      })),
    );
}

function flattenLayers(space: CaseSpace): fc.Arbitrary<LargeLayerCase> | undefined {
  if (space.ranks.length === 0 || space.layouts.length === 0) return undefined;
  return fc
    .record({ rank: fc.constantFrom(...space.ranks), layout: fc.constantFrom(...space.layouts), batch: count(), channels: count() })
    .chain((draw) =>
      fc.array(sizeUpTo(1, MAX_DIMENSION), { minLength: draw.rank, maxLength: draw.rank }).map((spatial) => ({
        layer: { type: 'flatten' as const },
        inputShape: joinActivationShape({ batch: draw.batch, channels: draw.channels, spatial }, draw.layout),
        layout: draw.layout,
        scenarios: [],
      })),
    );
}

/** Whether a value an error names lies beyond 2^31 - 1: the reference refuses it for its limit, not for a rule. */
const valueBeyondLimit = (value: unknown): boolean =>
  (typeof value === 'number' && value > MAX_DIMENSION) ||
  (Array.isArray(value) && value.some((entry) => typeof entry === 'number' && entry > MAX_DIMENSION));

/**
 * Whether some member refuses the case for size alone: beyond the work limits (E_TOO_LARGE), for
 * an effective kernel beyond 2^31 - 1 (error.limits), or for a size the layer derives beyond
 * 2^31 - 1 (filters times groups, channels times a depth multiplier). The kit cannot compute what it should be, and beyond the limit an implementation
 * may answer (spec: error.limits): such layers belong to the oversized properties.
 */
export function beyondLimits(shapes: readonly MemberShape[]): boolean {
  return shapes.some(
    (answer) =>
      'error' in answer &&
      (answer.error.code === 'E_TOO_LARGE' || answer.error.clause === 'error.limits' || valueBeyondLimit(answer.error.value)),
  );
}

export function largeLayerCase(ctx: PropertyContext): fc.Arbitrary<LargeLayerCase> {
  const space = caseSpace(ctx);
  const windows = windowLayers(ctx, space);
  const options: fc.WeightedArbitrary<LargeLayerCase>[] = [];
  if (windows !== undefined) options.push({ weight: 6, arbitrary: windows });
  const dense = denseLayers(ctx, space);
  if (dense !== undefined) options.push({ weight: 1, arbitrary: dense });
  const global = globalLayers(ctx, space);
  if (global !== undefined) options.push({ weight: 1, arbitrary: global });
  if (options.length === 0) throw NotApplicable.needsOneOf('conv', 'pool.max', 'pool.avg', 'pool.global-max', 'pool.global-avg', 'dense');
  const flatten = flattenLayers(space);
  if (flatten !== undefined) options.push({ weight: 1, arbitrary: flatten });
  return fc.oneof(...options).filter((c) => !beyondLimits(memberShapes(ctx.conventionSpec, c)));
}
