/**
 * Transposed-convolution cases at tile edges: output sizes, input channels and output channels
 * each a tile edge or 1 to 3, with batch 1 to 3, kernels 1 to 5, strides 1 to 3, dilation 1 and
 * one group, made smaller in a random order of importance until the case is within the run's
 * element cap and operation cap (as for convolution, tiledConvCase). A kernel tiles over the
 * output, so the output size is drawn and the input derived: the fewest input elements whose
 * full output, (n - 1)·s + k, reaches it, with explicit crops taking off the rest
 * (spec: conv-transpose.output-size). Symmetric crops need an even total; where it is odd and the
 * stride is even, the output is one larger. Values are from the exact domain.
 */
import fc from 'fast-check';
import { CONV_TRANSPOSE_KERNEL_LAYOUTS, type ConvTransposeKernelLayout } from '../../src/ops/conv-transpose/planConvTranspose.js';
import { joinActivationShape } from '../../src/tensor/layout.js';
import { caseSpace } from '../arbitraries/caseSpace.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import { layoutChoice, rankChoice, requireChoices } from '../arbitraries/requireChoices.js';
import { planCase, type ConvTransposeCase } from '../conv-transpose/convTransposeCase.js';
import type { PropertyContext } from '../PropertyDefinition.js';
import { operationCap } from './operationCap.js';
import { edgeOrSmall, shrinkToFit, tileEdges, WINDOW_TILE_WIDTHS } from './tileEdges.js';

type SizeKey = 'batch' | 'inner' | 'outer' | 'out0' | 'out1' | 'out2' | 'k0' | 'k1' | 'k2';
const EDGES = tileEdges(WINDOW_TILE_WIDTHS);
const FLOORS: Record<SizeKey, number> = { batch: 1, inner: 1, outer: 1, out0: 1, out1: 1, out2: 1, k0: 1, k1: 1, k2: 1 };

const perAxis = (rank: number, arbitrary: fc.Arbitrary<number>): fc.Arbitrary<number[]> =>
  fc.array(arbitrary, { minLength: rank, maxLength: rank });

interface AxisPlan {
  input: number;
  begin: number;
  end: number;
}

/** The input size and crops that give output size `out` along one axis (see the header). */
function axisFor(out: number, k: number, s: number, asymmetric: boolean, beginShare: number): AxisPlan {
  let input = Math.max(1, Math.ceil((out - k) / s) + 1);
  let crop = (input - 1) * s + k - out;
  if (!asymmetric && crop % 2 === 1) {
    if (s % 2 === 1) {
      input += 1;
      crop += s;
    } else {
      crop -= 1;
    }
  }
  if (asymmetric) {
    const begin = Math.min(crop, Math.floor((crop * beginShare) / 2));
    return { input, begin, end: crop - begin };
  }
  return { input, begin: crop / 2, end: crop / 2 };
}

export function tiledConvTransposeCase(ctx: PropertyContext): fc.Arbitrary<ConvTransposeCase> {
  const space = caseSpace(ctx);
  requireChoices(ctx, 'transposed convolution', [
    { name: 'op', supported: ctx.features.has('conv-transpose') ? 1 : 0, needs: ['conv-transpose'] },
    rankChoice(space),
    layoutChoice(space),
  ]);
  const biasChoices = ctx.features.has('conv-transpose.bias') ? [true, false] : [false];
  return fc
    .record({
      rank: fc.constantFrom(...space.ranks),
      layout: fc.constantFrom(...space.layouts),
      kernelLayout: fc.constantFrom<ConvTransposeKernelLayout>(...CONV_TRANSPOSE_KERNEL_LAYOUTS),
      bias: fc.constantFrom(...biasChoices),
      sizes: fc.record({
        batch: fc.integer({ min: 1, max: 3 }),
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
        kernel: perAxis(base.rank, fc.integer({ min: 1, max: 5 })),
        strides: perAxis(base.rank, fc.integer({ min: 1, max: 3 })),
        // 0 to 2 halves of the crop at the beginning: none, about half, all.
        beginShares: perAxis(base.rank, fc.integer({ min: 0, max: 2 })),
        order: fc.shuffledSubarray(['inner', 'outer', ...(['out0', 'out1', 'out2'] as const).slice(0, base.rank)] as SizeKey[], {
          minLength: 2 + base.rank,
          maxLength: 2 + base.rank,
        }),
      }),
    )
    .map(({ base, kernel, strides, beginShares, order }) => {
      const axes = kernel.map((_, a) => a);
      const shapeOf = (s: Readonly<Record<SizeKey, number>>) => {
        const k = axes.map((a) => s[`k${a}` as SizeKey]);
        const plans = axes.map((a) => axisFor(s[`out${a}` as SizeKey], k[a]!, strides[a]!, space.asymmetricPads, beginShares[a]!));
        return { k, plans, batch: s.batch, inChannels: s.inner, outChannels: s.outer };
      };
      const fits = (s: Readonly<Record<SizeKey, number>>): boolean => {
        const { k, plans } = shapeOf(s);
        const kernelVolume = k.reduce((p, v) => p * v, 1);
        const inputs = s.batch * s.inner * plans.reduce((p, plan) => p * plan.input, 1);
        const outputs = s.batch * s.outer * axes.reduce((p, a) => p * s[`out${a}` as SizeKey], 1);
        return (
          inputs <= ctx.maxElements &&
          s.inner * s.outer * kernelVolume <= ctx.maxElements &&
          outputs <= ctx.maxElements &&
          inputs * s.outer * kernelVolume <= operationCap(ctx)
        );
      };
      const drawn = { ...FLOORS, ...base.sizes };
      axes.forEach((a) => (drawn[`k${a}` as 'k0'] = kernel[a]!));
      const kernels = axes.map((a) => `k${a}` as SizeKey);
      const sizes = shrinkToFit(drawn, [order[0]!, ...kernels, 'batch', ...order.slice(1)], FLOORS, EDGES, fits);
      if (sizes === undefined) return undefined;
      const { k, plans, batch, inChannels, outChannels } = shapeOf(sizes);
      const params: ConvTransposeCase['params'] = {
        strides,
        dilations: axes.map(() => 1),
        padding: { begin: plans.map((p) => p.begin), end: plans.map((p) => p.end) },
        outputPadding: axes.map(() => 0),
        groups: 1,
        layout: base.layout,
        kernelLayout: base.kernelLayout,
      };
      const inputShape = joinActivationShape({ batch, channels: inChannels, spatial: plans.map((p) => p.input) }, base.layout);
      const weightShape = base.kernelLayout === 'in-out-spatial' ? [inChannels, outChannels, ...k] : [...k, outChannels, inChannels];
      const biasShape = base.bias ? [outChannels] : undefined;
      const shapes = { input: inputShape, weight: weightShape, ...(biasShape === undefined ? {} : { bias: biasShape }) };
      return planCase(ctx, { params }, shapes) === undefined ? undefined : { params, shapes };
    })
    .filter((drawn) => drawn !== undefined)
    .chain(({ params, shapes }) =>
      fc
        .record({
          input: tensorArbitrary(shapes.input, 'exact'),
          weight: tensorArbitrary(shapes.weight, 'exact'),
          bias: shapes.bias === undefined ? fc.constant(undefined) : tensorArbitrary(shapes.bias, 'exact'),
        })
        .map(
          ({ input, weight, bias }): ConvTransposeCase => ({
            input,
            weight,
            ...(bias === undefined ? {} : { bias }),
            params,
            cropKind: 'explicit',
          }),
        ),
    );
}
