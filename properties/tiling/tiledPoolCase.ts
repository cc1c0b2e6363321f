/**
 * Pooling cases at tile edges: output sizes and channels each a tile edge or 1 to 3, with batch
 * 1 to 3, windows 1 to 5 and strides 1 to 3, dilation 1 and no ceil mode, made smaller in a
 * random order of importance until the case is within the run's element cap (as for
 * convolution, tiledConvCase). Explicit pads keep within the strictest pad limit the
 * convention allows (spec: divergence.pool-pad-limit). Values are from the exact domain.
 */
import fc from 'fast-check';
import type { PoolKind } from '../../src/ops/pool/planPool.js';
import { planPool } from '../../src/ops/pool/planPool.js';
import { knobChoices } from '../../src/spec/concreteConventions.js';
import { joinActivationShape } from '../../src/tensor/layout.js';
import { caseSpace } from '../arbitraries/caseSpace.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import type { PoolCase } from '../arbitraries/poolCase.js';
import { isPoolCaseValid } from '../arbitraries/poolCase.js';
import { layoutChoice, rankChoice, requireChoices } from '../arbitraries/requireChoices.js';
import type { PropertyContext } from '../PropertyDefinition.js';
import { operationCap } from './operationCap.js';
import { edgeOrSmall, shrinkToFit, tileEdges, WINDOW_TILE_WIDTHS } from './tileEdges.js';
import { inputSizeFor, settleWindow, windowDraw, windowPadding } from './tiledWindow.js';

type SizeKey = 'batch' | 'channels' | 'out0' | 'out1' | 'out2' | 'k0' | 'k1' | 'k2';
const EDGES = tileEdges(WINDOW_TILE_WIDTHS);
const FLOORS = { batch: 1, channels: 1, out0: 1, out1: 1, out2: 1, k0: 1, k1: 1, k2: 1 };

export function tiledPoolCase(ctx: PropertyContext, kind: PoolKind): fc.Arbitrary<PoolCase> {
  const space = caseSpace(ctx);
  const convention = space.convention;
  requireChoices(ctx, 'pooling', [
    { name: 'kind', supported: (kind === 'max' ? space.maxPool : space.avgPool) ? 1 : 0, needs: [`pool.${kind}`] },
    rankChoice(space),
    layoutChoice(space),
  ]);
  // The strictest pad limit any member of the convention has, so that every member accepts the pads.
  const padLimit = (k: number): number =>
    Math.min(
      ...knobChoices(convention, 'poolPadLimit').map((choice) =>
        choice === 'half-kernel' ? Math.floor(k / 2) : choice === 'less-than-kernel' ? k - 1 : choice === 'at-most-kernel' ? k : Infinity,
      ),
    );
  const rules = { asymmetricPads: space.asymmetricPads, padLimit };
  return fc
    .record({
      rank: fc.constantFrom(...space.ranks),
      layout: fc.constantFrom(...space.layouts),
      countIncludePad: fc.constantFrom(...(space.countIncludePad ? [false, true] : [false])),
      sizes: fc.record({
        batch: fc.integer({ min: 1, max: 3 }),
        channels: edgeOrSmall(WINDOW_TILE_WIDTHS),
        out0: edgeOrSmall(WINDOW_TILE_WIDTHS),
        out1: edgeOrSmall(WINDOW_TILE_WIDTHS),
        out2: edgeOrSmall(WINDOW_TILE_WIDTHS),
      }),
    })
    .chain((base) =>
      fc.record({
        base: fc.constant(base),
        draw: windowDraw(base.rank, space.poolPaddings),
        // Every edge the case uses, in a random order of importance.
        order: fc.shuffledSubarray(['channels', ...(['out0', 'out1', 'out2'] as const).slice(0, base.rank)] as SizeKey[], {
          minLength: 1 + base.rank,
          maxLength: 1 + base.rank,
        }),
      }),
    )
    .map(({ base, draw, order }) => {
      const axes = draw.kernel.map((_, a) => a);
      const shapeOf = (s: Readonly<Record<SizeKey, number>>) => {
        const window = settleWindow(
          convention,
          draw,
          axes.map((a) => s[`k${a}` as SizeKey]),
          rules,
        );
        const out = axes.map((a) => s[`out${a}` as SizeKey]);
        return { window, out, spatial: out.map((o, a) => inputSizeFor(convention, window, a, o)), batch: s.batch, channels: s.channels };
      };
      const fits = (s: Readonly<Record<SizeKey, number>>): boolean => {
        const { window, out, spatial } = shapeOf(s);
        const outputs = s.batch * s.channels * out.reduce((p, o) => p * o, 1);
        return (
          s.batch * s.channels * spatial.reduce((p, n) => p * n, 1) <= ctx.maxElements &&
          outputs <= ctx.maxElements &&
          outputs * window.kernel.reduce((p, k) => p * k, 1) <= operationCap(ctx)
        );
      };
      const drawn = { ...FLOORS, ...base.sizes };
      axes.forEach((a) => (drawn[`k${a}` as 'k0'] = draw.kernel[a]!));
      const kernels = axes.map((a) => `k${a}` as SizeKey);
      // Made smaller first: the less important edges, then batch and the window, the first edge last.
      const sizes = shrinkToFit(drawn, [order[0]!, ...kernels, 'batch', ...order.slice(1)], FLOORS, EDGES, fits);
      return { base, shape: sizes === undefined ? undefined : shapeOf(sizes) };
    })
    .filter((drawn) => drawn.shape !== undefined)
    .chain(({ base, shape }) => {
      const { window, spatial, batch, channels } = shape!;
      const params: PoolCase['params'] = {
        kind,
        kernel: window.kernel,
        strides: window.strides,
        dilations: window.kernel.map(() => 1),
        padding: windowPadding(window),
        ceilMode: false,
        layout: base.layout,
        ...(kind === 'avg' ? { countIncludePad: base.countIncludePad } : {}),
      };
      const inputShape = joinActivationShape({ batch, channels, spatial }, base.layout);
      return fc.record({ input: tensorArbitrary(inputShape, 'exact'), params: fc.constant(params), values: fc.constant('exact' as const) });
    })
    .filter((c) => isPoolCaseValid(ctx, c));
}

/** The output sizes and channel count of a case, for coverage statistics. */
export function tiledPoolSizes(ctx: PropertyContext, c: PoolCase): { channels: number; outputSizes: number[] } {
  const plan = planPool({ ...c.params, convention: ctx.conventionSpec }, c.input.shape);
  return { channels: plan.channels, outputSizes: [...plan.window.output] };
}
