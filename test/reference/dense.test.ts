/**
 * Hand-checkable cases of the reference dense layer acting row by row at the input ranks where
 * no property checks it: rank 1 (a single row) and rank 4 (three row axes). The properties draw
 * ranks 1 to 3 and check the row-by-row law at rank 3 (properties/dense: also the weight layouts,
 * the bias and linearity), run against the reference under every convention by
 * test/properties.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { dense } from '../../src/ops/dense/dense.js';
import { makeTensor } from '../../src/tensor/tensor.js';

// Weights [in, out] = [3, 2]: output 0 is x0 + x2, output 1 is x1 + x2.
// biome-ignore format: the rows are the matrix
const weight = makeTensor([3, 2], [
  1, 0,
  0, 1,
  1, 1,
]);

describe('reference dense, by hand: the layer acts on the last axis of an input of any rank', () => {
  it('a rank-1 input is a single row', () => {
    // spec: dense.rank — x = [0, 1, 2]: y = [0 + 2, 1 + 2] = [2, 3], shape [2].
    const y = dense(makeTensor([3], [0, 1, 2]), weight, undefined, { weightLayout: 'in-out' });
    expect(y.shape).toEqual([2]);
    expect(Array.from(y.data)).toEqual([2, 3]);
  });

  it('a rank-4 input keeps its three row axes', () => {
    // spec: dense.rank — x of shape [2, 2, 1, 3] holds 0..11, rows [0, 1, 2], [3, 4, 5], [6, 7, 8]
    // and [9, 10, 11]; y has shape [2, 2, 1, 2] and each row gives [x0 + x2, x1 + x2]:
    //   [0 + 2, 1 + 2] = [2, 3]      [3 + 5, 4 + 5] = [8, 9]
    //   [6 + 8, 7 + 8] = [14, 15]    [9 + 11, 10 + 11] = [20, 21]
    const x = makeTensor(
      [2, 2, 1, 3],
      Array.from({ length: 12 }, (_, i) => i),
    );
    const y = dense(x, weight, undefined, { weightLayout: 'in-out' });
    expect(y.shape).toEqual([2, 2, 1, 2]);
    expect(Array.from(y.data)).toEqual([2, 3, 8, 9, 14, 15, 20, 21]);
  });
});
