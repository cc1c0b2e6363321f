/**
 * Convolution cases at tile edges: output sizes, channels per group (or the channels of a
 * depthwise convolution) and output channels per group each a tile edge or 1 to 3, with batch
 * 1 to 3, kernels 1 to 5 and strides 1 to 3, dilation 1 and zero fill. The sizes are drawn in
 * a random order of importance and the least important made smaller until the case is within
 * the run's element cap and a bounded number of multiply-accumulates (shrinkToFit), so that
 * every edge up to 65 is reached, on every axis and on channels. Values are from the exact
 * domain (spec: conformance.exact-domain).
 */
import fc from 'fast-check';
import { planConv } from '../../src/ops/conv/planConv.js';
import { defaultKernelLayout, joinActivationShape, joinKernelShape } from '../../src/tensor/layout.js';
import { caseSpace } from '../arbitraries/caseSpace.js';
import type { ConvCase } from '../arbitraries/convCase.js';
import { isConvCaseValid } from '../arbitraries/convCase.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import { layoutChoice, rankChoice, requireChoices } from '../arbitraries/requireChoices.js';
import type { PropertyContext } from '../PropertyDefinition.js';
import { operationCap } from './operationCap.js';
import { edgeOrSmall, shrinkToFit, tileEdges, WINDOW_TILE_WIDTHS } from './tileEdges.js';
import { inputSizeFor, settleWindow, windowDraw, windowPadding } from './tiledWindow.js';

export type TiledGroups = 'one' | 'grouped' | 'depthwise';

type SizeKey = 'batch' | 'groups' | 'inner' | 'outer' | 'out0' | 'out1' | 'out2' | 'k0' | 'k1' | 'k2';
const EDGES = tileEdges(WINDOW_TILE_WIDTHS);
const FLOORS = { batch: 1, groups: 2, inner: 1, outer: 1, out0: 1, out1: 1, out2: 1, k0: 1, k1: 1, k2: 1 };

/** The sizes drawn at edges: channels (per group), output channels (per group) and an output size per axis. */
const edgeKeys = (rank: number): SizeKey[] => ['inner', 'outer', ...(['out0', 'out1', 'out2'] as const).slice(0, rank)];

export function tiledConvCase(ctx: PropertyContext, groups: TiledGroups): fc.Arbitrary<ConvCase> {
  const space = caseSpace(ctx);
  const convention = space.convention;
  requireChoices(ctx, 'convolution', [
    rankChoice(space),
    layoutChoice(space),
    {
      name: 'groups',
      supported: groups === 'one' || (groups === 'grouped' ? space.groups : space.depthwise) ? 1 : 0,
      needs: groups === 'grouped' ? ['conv.groups'] : groups === 'depthwise' ? ['conv.depthwise'] : [],
    },
  ]);
  const biasChoices = space.convBias ? [true, false] : [false];
  // A grouped case has 2 or more channels per group (else it is depthwise), a depthwise one 2 or more channels.
  const floors = { ...FLOORS, inner: groups === 'one' ? 1 : 2 };
  return fc
    .record({
      rank: fc.constantFrom(...space.ranks),
      layout: fc.constantFrom(...space.layouts),
      bias: fc.constantFrom(...biasChoices),
      multiplier: fc.integer({ min: 1, max: 2 }),
      sizes: fc.record({
        batch: fc.integer({ min: 1, max: 3 }),
        groups: fc.integer({ min: 2, max: 4 }),
        inner: edgeOrSmall(WINDOW_TILE_WIDTHS),
        outer: edgeOrSmall(WINDOW_TILE_WIDTHS),
        out0: edgeOrSmall(WINDOW_TILE_WIDTHS),
        out1: edgeOrSmall(WINDOW_TILE_WIDTHS),
        out2: edgeOrSmall(WINDOW_TILE_WIDTHS),
      }),
    })
    .chain((base) =>
      fc.record({
        base: fc.constant(base),
        draw: windowDraw(base.rank, space.convPaddings),
        // Every edge the case uses, in a random order of importance.
        order: fc.shuffledSubarray(edgeKeys(base.rank), { minLength: 2 + base.rank, maxLength: 2 + base.rank }),
      }),
    )
    .map(({ base, draw, order }) => {
      const rules = { asymmetricPads: space.asymmetricPads };
      const axes = draw.kernel.map((_, a) => a);
      // Depthwise: `inner` is the channel count (the groups), each group one input channel.
      const shapeOf = (s: Readonly<Record<SizeKey, number>>) => {
        const g = groups === 'one' ? 1 : groups === 'grouped' ? s.groups : s.inner;
        const inPerGroup = groups === 'depthwise' ? 1 : s.inner;
        const outPerGroup = groups === 'depthwise' ? base.multiplier : s.outer;
        const window = settleWindow(
          convention,
          draw,
          axes.map((a) => s[`k${a}` as SizeKey]),
          rules,
        );
        const out = axes.map((a) => s[`out${a}` as SizeKey]);
        const spatial = out.map((o, a) => inputSizeFor(convention, window, a, o));
        return { g, inPerGroup, outPerGroup, window, out, spatial, batch: s.batch };
      };
      const fits = (s: Readonly<Record<SizeKey, number>>): boolean => {
        const { g, inPerGroup, outPerGroup, window, out, spatial } = shapeOf(s);
        const kernelVolume = window.kernel.reduce((p, k) => p * k, 1);
        const outputs = s.batch * g * outPerGroup * out.reduce((p, o) => p * o, 1);
        return (
          s.batch * g * inPerGroup * spatial.reduce((p, n) => p * n, 1) <= ctx.maxElements &&
          g * outPerGroup * inPerGroup * kernelVolume <= ctx.maxElements &&
          outputs <= ctx.maxElements &&
          outputs * inPerGroup * kernelVolume <= operationCap(ctx)
        );
      };
      const drawn = { ...FLOORS, ...base.sizes, inner: Math.max(base.sizes.inner, floors.inner) };
      axes.forEach((a) => (drawn[`k${a}` as 'k0'] = draw.kernel[a]!));
      const kernels = axes.map((a) => `k${a}` as SizeKey);
      // Made smaller first: the less important edges, then batch, groups and kernels, the first edge last.
      const sizes = shrinkToFit(drawn, [order[0]!, ...kernels, 'groups', 'batch', ...order.slice(1)], floors, EDGES, fits);
      return { base, shape: sizes === undefined ? undefined : shapeOf(sizes) };
    })
    .filter((drawn) => drawn.shape !== undefined)
    .chain(({ base, shape }) => {
      const { g, inPerGroup, outPerGroup, window, spatial, batch } = shape!;
      const kernelLayout = defaultKernelLayout(base.layout);
      const params: ConvCase['params'] = {
        strides: window.strides,
        dilations: window.kernel.map(() => 1),
        padding: windowPadding(window),
        fill: 'zeros',
        groups: g,
        layout: base.layout,
        kernelLayout,
      };
      const inputShape = joinActivationShape({ batch, channels: g * inPerGroup, spatial }, base.layout);
      const weightShape = joinKernelShape(
        { outChannels: g * outPerGroup, inChannelsPerGroup: inPerGroup, kernel: window.kernel },
        kernelLayout,
      );
      return fc.record({
        input: tensorArbitrary(inputShape, 'exact'),
        weight: tensorArbitrary(weightShape, 'exact'),
        bias: base.bias ? tensorArbitrary([g * outPerGroup], 'exact') : fc.constant(undefined),
        params: fc.constant(params),
        values: fc.constant('exact' as const),
      });
    })
    .filter((c) => isConvCaseValid(ctx, c))
    .map((c) => (c.bias === undefined ? { input: c.input, weight: c.weight, params: c.params, values: c.values } : c));
}

/** The output sizes and channel counts of a case, for coverage statistics. */
export function tiledConvSizes(
  ctx: PropertyContext,
  c: ConvCase,
): { inChannels: number; outChannels: number; inPerGroup: number; outPerGroup: number; outputSizes: number[] } {
  const plan = planConv({ ...c.params, convention: ctx.conventionSpec }, c.input.shape, c.weight.shape, c.bias?.shape);
  return {
    inChannels: plan.inChannels,
    outChannels: plan.outChannels,
    inPerGroup: plan.inChannelsPerGroup,
    outPerGroup: plan.outChannelsPerGroup,
    outputSizes: [...plan.window.output],
  };
}
