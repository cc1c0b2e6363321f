/**
 * The reference dense layer: inputs of rank > 2 act row by row on the last axis, and the two
 * weight layouts hold the same matrix.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dense } from '../../src/ops/dense/dense.js';
import { conv } from '../../src/ops/conv/conv.js';
import { transpose } from '../../src/tensor/layout.js';
import { slice, tensorOf, values } from './helpers.js';

const runs = { seed: 20261128, numRuns: 60 };

const denseCase = fc
  .record({ rows: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 }), nin: fc.integer({ min: 1, max: 5 }), nout: fc.integer({ min: 1, max: 5 }), bias: fc.boolean() })
  .chain((s) =>
    fc.record({
      x: tensorOf([...s.rows, s.nin]),
      w: tensorOf([s.nin, s.nout]),
      b: s.bias ? tensorOf([s.nout]) : fc.constant(undefined),
    }),
  );

describe('reference dense', () => {
  it('acts on the last axis of an input of any rank, row by row', () => {
    fc.assert(
      fc.property(denseCase, ({ x, w, b }) => {
        const y = dense(x, w, b);
        const nin = x.shape[x.shape.length - 1]!;
        const nout = w.shape[1]!;
        expect(y.shape).toEqual([...x.shape.slice(0, -1), nout]);
        const rows = x.data.length / nin;
        for (let r = 0; r < rows; r++) {
          const row = slice({ shape: [rows, nin], data: x.data }, [r, 0], [1, nin]);
          expect(values(dense(row, w, b))).toEqual(Array.from(y.data.subarray(r * nout, (r + 1) * nout)));
        }
      }),
      runs,
    );
  });

  it('out-in weights hold the transposed matrix of in-out weights', () => {
    fc.assert(
      fc.property(denseCase, ({ x, w, b }) => {
        expect(values(dense(x, transpose(w, [1, 0]), b, { weightLayout: 'out-in' }))).toEqual(values(dense(x, w, b, { weightLayout: 'in-out' })));
      }),
      runs,
    );
  });

  it('on a flattened image equals a valid convolution whose kernel covers the whole image', () => {
    fc.assert(
      fc.property(
        fc.record({ h: fc.integer({ min: 1, max: 4 }), w: fc.integer({ min: 1, max: 4 }), c: fc.integer({ min: 1, max: 3 }), units: fc.integer({ min: 1, max: 3 }) }).chain((s) =>
          fc.record({ x: tensorOf([1, s.h, s.w, s.c]), k: tensorOf([s.h, s.w, s.c, s.units]), b: tensorOf([s.units]) }),
        ),
        ({ x, k, b }) => {
          const viaConv = conv(x, k, b, { layout: 'channels-last' });
          const flatIn = x.shape.slice(1).reduce((p, s) => p * s, 1);
          const viaDense = dense({ shape: [1, flatIn], data: x.data }, { shape: [flatIn, k.shape[3]!], data: k.data }, b);
          expect(values(viaConv)).toEqual(values(viaDense));
        },
      ),
      runs,
    );
  });
});
