/**
 * Average pooling: the quotient of the window's input sum by the counted taps, which lies
 * between the window's minimum and maximum; with padding counted it is a depthwise convolution
 * with a uniform kernel; in ceil mode the overhang beyond the declared padding is never counted.
 */
import fc from 'fast-check';
import { defaultKernelLayout, joinActivationShape, joinKernelShape } from '../../src/tensor/layout.js';
import { elementCount, makeTensor } from '../../src/tensor/tensor.js';
import { caseSpace, type PaddingKind } from '../arbitraries/caseSpace.js';
import { poolCase, type PoolCase } from '../arbitraries/poolCase.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import { defineProperty, NotApplicable, type PropertyContext } from '../PropertyDefinition.js';
import { callConv, callPool } from '../support/callAdapter.js';
import { expectShape, expectTensor, expectThat } from '../support/expectTensor.js';
import { mapTensor } from '../support/tensorOps.js';
import { expectAverages, expectedAverage, isPowerOfTwo, planPoolCase, poolWindows, type ExpectedAverage } from './poolWindows.js';

/** The same case as max pooling (countIncludePad is not a max-pooling parameter). */
const asMax = (params: PoolCase['params']): PoolCase['params'] => {
  const { countIncludePad: _countIncludePad, ...rest } = params;
  return { ...rest, kind: 'max' };
};

export const avgBetweenMinAndMax = defineProperty({
  id: 'pool/avg/between-window-min-and-max',
  spec: ['pool.avg', 'pool.max'],
  features: ['pool.avg', 'pool.max'],
  ops: ['pool'],
  description:
    'Over every window holding an input tap, the average without padding counted lies between the minimum (-max(-x)) and the maximum of the same window.',
  arbitrary: (ctx) =>
    poolCase(ctx, { kinds: ['avg'], countIncludePad: 'off', ...(ctx.features.has('pool.max.dilation') ? {} : { dilationOne: true }) }),
  check: async (ctx, c) => {
    const plan = planPoolCase(ctx, c);
    const average = await callPool(ctx.adapter, { input: c.input, params: c.params });
    const maximum = await callPool(ctx.adapter, { input: c.input, params: asMax(c.params) });
    const negatedMaximum = await callPool(ctx.adapter, { input: mapTensor(c.input, (value) => -value), params: asMax(c.params) });
    expectShape(average.shape, plan.outputShape, 'average pool output');
    expectShape(maximum.shape, plan.outputShape, 'max pool output');
    expectShape(negatedMaximum.shape, plan.outputShape, 'max pool output of -x');
    for (const w of poolWindows(plan)) {
      if (w.inputTaps.length === 0) continue;
      const lowest = -negatedMaximum.data[w.output]!;
      const highest = maximum.data[w.output]!;
      const got = average.data[w.output]!;
      // An implementation may multiply by a rounded reciprocal: allow the dot-product bound.
      const absolute = w.inputTaps.reduce((sum, offset) => sum + Math.abs(c.input.data[offset]!), 0);
      const slack = isPowerOfTwo(w.inputTaps.length) ? 0 : 6 * absolute * 2 ** -24;
      expectThat(
        lowest - slack <= got && got <= highest + slack,
        `average ${got} at output ${w.output} is not between the window's minimum ${lowest} and maximum ${highest}`,
        {
          output: w.output,
          position: w.position,
          average: got,
          minimum: lowest,
          maximum: highest,
          window: w.inputTaps.map((o) => c.input.data[o]!),
        },
      );
    }
  },
});

export const avgCountingPadIsUniformConv = defineProperty({
  id: 'pool/avg/count-include-pad-equals-uniform-depthwise-conv',
  spec: ['pool.avg.count-include-pad', 'conv.depthwise'],
  features: ['pool.avg', 'pool.avg.count-include-pad', 'conv', 'conv.depthwise'],
  ops: ['pool', 'conv'],
  description:
    'Average pooling with padding counted, in floor mode, equals a depthwise convolution with a uniform kernel of value 1/K (K the window volume) and the same strides, dilations and padding.',
  arbitrary: (ctx) => {
    const space = caseSpace(ctx);
    // poolCase does not refuse countIncludePad 'on' without the feature (every case would be rejected).
    if (!space.countIncludePad) throw NotApplicable.needsOneOf('pool.avg.count-include-pad');
    // Same padding with a stride is not a convolution every convention defines.
    const paddings: PaddingKind[] = space.poolPaddings.filter(
      (mode) => space.convention.sameWithStride === 'allowed' || !mode.startsWith('same'),
    );
    return poolCase(ctx, {
      kinds: ['avg'],
      countIncludePad: 'on',
      ceilMode: 'off',
      kernelSizes: [1, 2, 4],
      paddings,
      ...(space.convDilation ? {} : { dilationOne: true }),
    });
  },
  check: async (ctx, c) => {
    const plan = planPoolCase(ctx, c);
    const kernelLayout = defaultKernelLayout(plan.layout);
    const volume = elementCount(plan.window.kernel);
    const weightShape = joinKernelShape({ outChannels: plan.channels, inChannelsPerGroup: 1, kernel: plan.window.kernel }, kernelLayout);
    const weight = makeTensor(weightShape, new Array<number>(elementCount(weightShape)).fill(1 / volume));
    const pooled = await callPool(ctx.adapter, { input: c.input, params: c.params });
    const convolved = await callConv(ctx.adapter, {
      input: c.input,
      weight,
      params: {
        strides: c.params.strides,
        dilations: c.params.dilations,
        padding: c.params.padding,
        groups: plan.channels,
        layout: c.params.layout,
        kernelLayout,
      },
    });
    expectShape(pooled.shape, plan.outputShape, 'average pool output');
    expectTensor(pooled, convolved, 'average pooling with padding counted against the uniform depthwise convolution');
  },
});

export const avgDividesByInputTaps = defineProperty({
  id: 'pool/avg/divides-input-sum-by-input-taps',
  spec: ['pool.avg', 'pool.padding'],
  features: ['pool.avg'],
  ops: ['pool'],
  description: "Average pooling without padding counted divides the sum of the window's input taps by their number.",
  arbitrary: (ctx) => poolCase(ctx, { kinds: ['avg'], countIncludePad: 'off' }),
  check: async (ctx, c) => {
    const plan = planPoolCase(ctx, c);
    const y = await callPool(ctx.adapter, { input: c.input, params: c.params });
    expectShape(y.shape, plan.outputShape, 'average pool output');
    const expected = poolWindows(plan)
      .filter((w) => w.inputTaps.length > 0)
      .map((w) => expectedAverage(c.input, w, w.inputTaps.length));
    expectAverages(y, expected, 'average over the input taps');
  },
});

/**
 * The ceil-mode case with its input grown, along every axis whose stride allows it, by the least
 * amount that makes the last window reach beyond the declared padded extent (poolCase leaves
 * such an overhang in few cases); the case itself when no axis can overhang.
 */
function withOverhang(ctx: PropertyContext, c: PoolCase): fc.Arbitrary<PoolCase> {
  const { window: w, convention, layout, batch, channels } = planPoolCase(ctx, c);
  if (w.paddingMode.startsWith('same')) return fc.constant(c);
  const anyPad = w.padBegin.some((p) => p > 0) || w.padEnd.some((p) => p > 0);
  const lastWindowRule = convention.lastWindowRule === 'always' || (convention.lastWindowRule === 'when-padded' && anyPad);
  const overhangs = (n: number, a: number): boolean => {
    const [s, effK, pb, pe] = [w.strides[a]!, w.effectiveKernel[a]!, w.padBegin[a]!, w.padEnd[a]!];
    let out = Math.ceil((n + pb + pe - effK) / s) + 1;
    if (lastWindowRule && (out - 1) * s >= n + pb) out -= 1;
    return (out - 1) * s + effK > n + pb + pe;
  };
  const spatial = w.input.map((n, a) => Array.from({ length: w.strides[a]! }, (_, k) => n + k).find((m) => overhangs(m, a)) ?? n);
  if (spatial.every((n, a) => n === w.input[a])) return fc.constant(c);
  const shape = joinActivationShape({ batch, channels, spatial }, layout);
  if (elementCount(shape) > ctx.maxElements) return fc.constant(c);
  try {
    if (elementCount(planPoolCase(ctx, { input: makeTensor(shape), params: c.params }).outputShape) > ctx.maxElements)
      return fc.constant(c);
  } catch {
    return fc.constant(c);
  }
  return tensorArbitrary(shape, c.values).map((input) => ({ ...c, input }));
}

export const ceilOverhangNeverCounted = defineProperty({
  id: 'pool/ceil-mode/overhang-never-counted',
  spec: ['pool.ceil-mode.overhang', 'pool.avg.count-include-pad'],
  features: ['pool.avg', 'pool.ceil-mode'],
  ops: ['pool'],
  description:
    'In ceil mode, average pooling divides by the counted taps inside the declared padded extent (input taps, or with countIncludePad every tap in [-pb, n + pe)), never by taps in the overhang beyond it.',
  arbitrary: (ctx) => {
    const cases = poolCase(ctx, { kinds: ['avg'], ceilMode: 'on' });
    const overhanging = cases
      .chain((c) => withOverhang(ctx, c))
      .filter((c) => poolWindows(planPoolCase(ctx, c)).some((w) => w.extentTaps < w.volume));
    return fc.oneof({ weight: 1, arbitrary: cases }, { weight: 2, arbitrary: overhanging });
  },
  check: async (ctx, c) => {
    const plan = planPoolCase(ctx, c);
    const y = await callPool(ctx.adapter, { input: c.input, params: c.params });
    expectShape(y.shape, plan.outputShape, 'average pool output');
    const expected: ExpectedAverage[] = [];
    for (const w of poolWindows(plan)) {
      const divisor = plan.countIncludePad ? w.extentTaps : w.inputTaps.length;
      if (divisor > 0) expected.push(expectedAverage(c.input, w, divisor));
    }
    expectAverages(y, expected, `ceil-mode average (countIncludePad ${plan.countIncludePad})`);
  },
});

export const AVG_POOL_PROPERTIES = [avgBetweenMinAndMax, avgCountingPadIsUniformConv, avgDividesByInputTaps, ceilOverhangNeverCounted];
