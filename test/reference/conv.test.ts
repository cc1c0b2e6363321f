/**
 * The reference convolution agrees with independent formulations of the same thing:
 * pad-then-valid, per-group slices, zero-inserted kernels, subsampling, transposed layouts and
 * dense layers. Values come from small integers, so every comparison is exact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conv } from '../../src/ops/conv/conv.js';
import { dense } from '../../src/ops/dense/dense.js';
import { FILL_MODES } from '../../src/ops/window/fillCoordinate.js';
import { convertKernelLayout, convertLayout } from '../../src/tensor/layout.js';
import { pad } from '../../src/ops/pad/pad.js';
import { makeTensor, rowMajorStrides, type Tensor } from '../../src/tensor/tensor.js';
import { concat, slice, tensorOf, values } from './helpers.js';

const SEED = 20261128;
const runs = { seed: SEED, numRuns: 60 };

/** A random valid conv case: rank 1 to 3, padded input at least as large as the dilated kernel. */
const convCase = fc
  .record({
    rank: fc.integer({ min: 1, max: 3 }),
    batch: fc.integer({ min: 1, max: 2 }),
    groups: fc.integer({ min: 1, max: 3 }),
    inPerGroup: fc.integer({ min: 1, max: 2 }),
    outPerGroup: fc.integer({ min: 1, max: 2 }),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      kernel: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: base.rank, maxLength: base.rank }),
      strides: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: base.rank, maxLength: base.rank }),
      dilations: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: base.rank, maxLength: base.rank }),
      begin: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: base.rank, maxLength: base.rank }),
      end: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: base.rank, maxLength: base.rank }),
      extra: fc.array(fc.integer({ min: 0, max: base.rank === 3 ? 1 : 3 }), { minLength: base.rank, maxLength: base.rank }),
      fill: fc.constantFrom(...FILL_MODES),
      bias: fc.boolean(),
    }),
  )
  .chain((c) => {
    const { rank, batch, groups, inPerGroup, outPerGroup } = c.base;
    const effK = c.kernel.map((k, a) => c.dilations[a]! * (k - 1) + 1);
    // Inputs at least as large as the pads, so that every fill mode can fill them.
    const spatial = effK.map((e, a) => Math.max(e, c.begin[a]! + 1, c.end[a]! + 1) + c.extra[a]!);
    const inputShape = [batch, groups * inPerGroup, ...spatial];
    const weightShape = [groups * outPerGroup, inPerGroup, ...c.kernel];
    return fc.record({
      input: tensorOf(inputShape),
      weight: tensorOf(weightShape),
      bias: c.bias ? tensorOf([groups * outPerGroup]) : fc.constant(undefined),
      params: fc.constant({ strides: c.strides, dilations: c.dilations, padding: { begin: c.begin, end: c.end }, groups, fill: c.fill }),
      rank: fc.constant(rank),
    });
  });

describe('reference convolution', () => {
  it('explicit pads with a fill mode equal padding first, then convolving valid', () => {
    fc.assert(
      fc.property(convCase, ({ input, weight, bias, params }) => {
        const padded = pad(input, { padding: params.padding, fill: params.fill });
        const direct = conv(input, weight, bias, params);
        const viaPad = conv(padded, weight, bias, { ...params, padding: 'valid', fill: 'zeros' });
        expect(values(direct)).toEqual(values(viaPad));
      }),
      runs,
    );
  });

  it('channels-last with spatial-in-out weights equals channels-first transposed', () => {
    fc.assert(
      fc.property(convCase, ({ input, weight, bias, params }) => {
        const first = conv(input, weight, bias, params);
        const last = conv(
          convertLayout(input, 'channels-first', 'channels-last'),
          convertKernelLayout(weight, 'out-in-spatial', 'spatial-in-out'),
          bias,
          { ...params, layout: 'channels-last' },
        );
        expect(values(convertLayout(last, 'channels-last', 'channels-first'))).toEqual(values(first));
        expect(last.shape).toEqual(convertLayout(first, 'channels-first', 'channels-last').shape);
      }),
      runs,
    );
  });

  it('a grouped convolution equals per-group convolutions concatenated along channels', () => {
    fc.assert(
      fc.property(convCase, ({ input, weight, bias, params }) => {
        const groups = params.groups;
        const inPerGroup = input.shape[1]! / groups;
        const outPerGroup = weight.shape[0]! / groups;
        const parts: Tensor[] = [];
        for (let g = 0; g < groups; g++) {
          const xs = slice(input, [0, g * inPerGroup, ...input.shape.slice(2).map(() => 0)], [input.shape[0]!, inPerGroup, ...input.shape.slice(2)]);
          const ws = slice(weight, [g * outPerGroup, ...weight.shape.slice(1).map(() => 0)], [outPerGroup, ...weight.shape.slice(1)]);
          const bs = bias && slice(bias, [g * outPerGroup], [outPerGroup]);
          parts.push(conv(xs, ws, bs, { ...params, groups: 1 }));
        }
        expect(values(concat(parts, 1))).toEqual(values(conv(input, weight, bias, params)));
      }),
      runs,
    );
  });

  it('a dilated kernel equals the undilated kernel with zeros inserted between taps', () => {
    fc.assert(
      fc.property(convCase, ({ input, weight, bias, params }) => {
        const kernel = weight.shape.slice(2);
        const inflated = kernel.map((k, a) => params.dilations[a]! * (k - 1) + 1);
        const zeroInserted = makeTensor([...weight.shape.slice(0, 2), ...inflated]);
        const source = rowMajorStrides(weight.shape);
        const target = rowMajorStrides(zeroInserted.shape);
        for (let flat = 0; flat < weight.data.length; flat++) {
          let rest = flat;
          let offset = 0;
          source.forEach((stride, a) => {
            const index = Math.floor(rest / stride);
            rest -= index * stride;
            offset += (a < 2 ? index : index * params.dilations[a - 2]!) * target[a]!;
          });
          zeroInserted.data[offset] = weight.data[flat]!;
        }
        const expected = conv(input, zeroInserted, bias, { ...params, dilations: 1 });
        expect(values(conv(input, weight, bias, params))).toEqual(values(expected));
      }),
      runs,
    );
  });

  it('stride s equals stride 1 subsampled by s', () => {
    fc.assert(
      fc.property(convCase, ({ input, weight, bias, params }) => {
        const strided = conv(input, weight, bias, params);
        const dense1 = conv(input, weight, bias, { ...params, strides: 1 });
        const sub = slice(dense1, strided.shape.map(() => 0), [...strided.shape], [1, 1, ...params.strides]);
        expect(values(sub)).toEqual(values(strided));
      }),
      runs,
    );
  });

  it('a 1x1 convolution on channels-last data is a dense layer at every position', () => {
    fc.assert(
      fc.property(
        fc.record({ n: fc.integer({ min: 1, max: 2 }), h: fc.integer({ min: 1, max: 4 }), w: fc.integer({ min: 1, max: 4 }), cin: fc.integer({ min: 1, max: 4 }), cout: fc.integer({ min: 1, max: 4 }) }).chain((s) =>
          fc.record({ x: tensorOf([s.n, s.h, s.w, s.cin]), w: tensorOf([1, 1, s.cin, s.cout]), b: tensorOf([s.cout]) }),
        ),
        ({ x, w, b }) => {
          const viaConv = conv(x, w, b, { layout: 'channels-last' });
          const viaDense = dense(x, { shape: w.shape.slice(2), data: w.data }, b, { weightLayout: 'in-out' });
          expect(viaConv.shape).toEqual(viaDense.shape);
          expect(values(viaConv)).toEqual(values(viaDense));
        },
      ),
      runs,
    );
  });

  it('an asymmetric kernel is applied without flipping (cross-correlation)', () => {
    // x = e_j (one-hot) and a kernel with distinct taps: output o reads tap j - o.
    const n = 7;
    const k = 3;
    for (let j = 0; j < n; j++) {
      const x = makeTensor([1, 1, n]);
      x.data[j] = 1;
      const w = makeTensor([1, 1, k], [1, 2, 4]);
      const y = conv(x, w, undefined);
      for (let o = 0; o < n - k + 1; o++) {
        const tap = j - o;
        expect(y.data[o]).toBe(tap >= 0 && tap < k ? w.data[tap] : 0);
      }
    }
  });
});
