/**
 * Properties of the pooling window itself: a constant input stays constant (scaled by the share
 * of counted taps inside the input when padding counts), the order of values inside
 * non-overlapping windows does not matter, and a 1x1 window with stride 1 is the identity.
 */
import fc from 'fast-check';
import { sameElement } from '../../src/judge/compareExact.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { exactValue } from '../arbitraries/elementValues.js';
import { poolCase, type PoolCase } from '../arbitraries/poolCase.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callPool } from '../support/callAdapter.js';
import { expectShape, expectTensor, expectThat } from '../support/expectTensor.js';
import { expectAverages, expectedAverage, planPoolCase, poolWindows, type ExpectedAverage } from './poolWindows.js';

interface ConstantCase extends Pick<PoolCase, 'input' | 'params'> {
  constant: number;
}

export const constantInputPreserved = defineProperty({
  id: 'pool/constant-input/yields-the-constant',
  spec: ['pool.avg', 'pool.avg.count-include-pad', 'pool.max'],
  features: [],
  ops: ['pool'],
  description:
    'A constant input c gives c in every window holding an input tap, for max pooling and for average pooling without padding counted; with padding counted the average is c times input taps over taps in the declared padded extent.',
  arbitrary: (ctx) =>
    fc.record({ c: poolCase(ctx), constant: exactValue }).map(
      ({ c, constant }): ConstantCase => ({
        input: makeTensor(c.input.shape, new Array<number>(c.input.data.length).fill(constant)),
        params: c.params,
        constant,
      }),
    ),
  check: async (ctx, c) => {
    const plan = planPoolCase(ctx, c);
    const y = await callPool(ctx.adapter, { input: c.input, params: c.params });
    expectShape(y.shape, plan.outputShape, 'pool output');
    const windows = poolWindows(plan).filter((w) => w.inputTaps.length > 0);
    if (plan.kind === 'max') {
      for (const w of windows) {
        const got = y.data[w.output]!;
        expectThat(sameElement(c.constant, got, false), `max over a constant input ${c.constant} gives ${got} at output ${w.output}`, {
          output: w.output,
          position: w.position,
          actual: got,
        });
      }
      return;
    }
    const expected: ExpectedAverage[] = windows.map((w) =>
      expectedAverage(c.input, w, plan.countIncludePad ? w.extentTaps : w.inputTaps.length),
    );
    expectAverages(y, expected, `average over a constant input ${c.constant} (countIncludePad ${plan.countIncludePad})`);
  },
});

interface PermutedCase extends Pick<PoolCase, 'input' | 'params'> {
  /** Sort keys: each window's values are reordered by the keys of their positions. */
  keys: number[];
}

export const tiledWindowPermutation = defineProperty<PermutedCase>({
  id: 'pool/window/permutation-invariant-when-tiled',
  spec: ['pool.max', 'pool.avg', 'pool.window'],
  features: [],
  ops: ['pool'],
  description:
    'With non-overlapping windows (stride = window, valid padding), permuting the values inside each window changes no max or average output.',
  arbitrary: (ctx) =>
    poolCase(ctx, { tiled: true }).chain((c) =>
      fc.record({
        input: fc.constant(c.input),
        params: fc.constant(c.params),
        keys: fc.array(fc.nat({ max: 63 }), { minLength: c.input.data.length, maxLength: c.input.data.length }),
      }),
    ),
  check: async (ctx, c) => {
    const plan = planPoolCase(ctx, c);
    const permuted = Array.from(c.input.data);
    for (const w of poolWindows(plan)) {
      const order = w.inputTaps.map((_, k) => k).sort((a, b) => c.keys[w.inputTaps[a]!]! - c.keys[w.inputTaps[b]!]! || a - b);
      w.inputTaps.forEach((offset, k) => {
        permuted[offset] = c.input.data[w.inputTaps[order[k]!]!]!;
      });
    }
    const y = await callPool(ctx.adapter, { input: c.input, params: c.params });
    const yPermuted = await callPool(ctx.adapter, { input: makeTensor(c.input.shape, permuted), params: c.params });
    expectShape(y.shape, plan.outputShape, 'pool output');
    expectTensor(yPermuted, y, 'pooling of the input permuted within windows');
  },
});

export const unitWindowIsIdentity = defineProperty({
  id: 'pool/window/unit-window-is-identity',
  spec: ['pool.window'],
  features: [],
  ops: ['pool'],
  description: 'Max and average pooling with a window of size 1 on every axis, stride 1 and no padding return the input unchanged.',
  arbitrary: (ctx) => poolCase(ctx, { kernelSizes: [1], strideOne: true, paddings: ['valid'] }),
  check: async (ctx, c) => {
    const y = await callPool(ctx.adapter, { input: c.input, params: c.params });
    expectTensor(y, c.input, `${c.params.kind} pooling with a 1x1 window`);
  },
});

export const WINDOW_PROPERTIES = [constantInputPreserved, tiledWindowPermutation, unitWindowIsIdentity];
