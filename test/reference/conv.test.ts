/**
 * Hand-checkable cases of the reference convolution, in the style of ONNX's backend node tests
 * for Conv: a 5x5 ramp and a 3x3 kernel of ones, without and with padding, at stride 1 and 2;
 * then a one-hot kernel and a one-hot input that show the kernel is applied as stored. Every
 * expected output is derived by hand in the comment above it. The general laws (padding, stride,
 * dilation, groups, layouts, linearity) are properties, run against the reference under every
 * convention by test/properties.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { conv } from '../../src/ops/conv/conv.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { plane, planeRows } from './plane.js';

// x[r, c] = 5r + c
// biome-ignore format: the rows are the picture
const ramp = plane([
  [ 0,  1,  2,  3,  4],
  [ 5,  6,  7,  8,  9],
  [10, 11, 12, 13, 14],
  [15, 16, 17, 18, 19],
  [20, 21, 22, 23, 24],
]);

const ones = plane([
  [1, 1, 1],
  [1, 1, 1],
  [1, 1, 1],
]);

const pads1 = { begin: [1, 1], end: [1, 1] };

describe('reference convolution, by hand: 5x5 ramp and 3x3 kernel of ones', () => {
  it('without padding, stride 1', () => {
    // spec: padding.valid — 5 - 3 + 1 = 3 positions per axis; each output sums a 3x3 block.
    // y[0,0] = 0+1+2 + 5+6+7 + 10+11+12 = 54
    // A step right adds 1 to each of the 9 taps (+9), a step down adds 5 to each (+45):
    //   y[0,1] = 54 + 9 = 63     y[0,2] = 63 + 9 = 72
    //   y[1,0] = 54 + 45 = 99    y[1,1] = 99 + 9 = 108    y[1,2] = 108 + 9 = 117
    //   y[2,0] = 99 + 45 = 144   y[2,1] = 144 + 9 = 153   y[2,2] = 153 + 9 = 162
    // biome-ignore format: the rows are the picture
    expect(planeRows(conv(ramp, ones, undefined, { padding: 'valid' }))).toEqual([
      [ 54,  63,  72],
      [ 99, 108, 117],
      [144, 153, 162],
    ]);
  });

  it('with one pad of zeros on every side, stride 1', () => {
    // spec: padding.explicit, padding.fill.zeros — 5 + 1 + 1 - 3 + 1 = 5 positions per axis, the
    // window centred on each input element; taps in the padding read 0.
    // Inside, y[1..3, 1..3], the window lies wholly in the input: the table without padding.
    // Top row, input rows 0 and 1:
    //   y[0,0] = 0+1 + 5+6 = 12            y[0,1] = 0+1+2 + 5+6+7 = 21
    //   y[0,2] = 1+2+3 + 6+7+8 = 27        y[0,3] = 2+3+4 + 7+8+9 = 33
    //   y[0,4] = 3+4 + 8+9 = 24
    // Bottom row, input rows 3 and 4:
    //   y[4,0] = 15+16 + 20+21 = 72        y[4,1] = 15+16+17 + 20+21+22 = 111
    //   y[4,2] = 16+17+18 + 21+22+23 = 117 y[4,3] = 17+18+19 + 22+23+24 = 123
    //   y[4,4] = 18+19 + 23+24 = 84
    // Left column, input columns 0 and 1:
    //   y[1,0] = 0+1 + 5+6 + 10+11 = 33    y[2,0] = 5+6 + 10+11 + 15+16 = 63
    //   y[3,0] = 10+11 + 15+16 + 20+21 = 93
    // Right column, input columns 3 and 4:
    //   y[1,4] = 3+4 + 8+9 + 13+14 = 51    y[2,4] = 8+9 + 13+14 + 18+19 = 81
    //   y[3,4] = 13+14 + 18+19 + 23+24 = 111
    // biome-ignore format: the rows are the picture
    expect(planeRows(conv(ramp, ones, undefined, { padding: pads1 }))).toEqual([
      [12,  21,  27,  33,  24],
      [33,  54,  63,  72,  51],
      [63,  99, 108, 117,  81],
      [93, 144, 153, 162, 111],
      [72, 111, 117, 123,  84],
    ]);
  });

  it('without padding, stride 2', () => {
    // spec: shape.stride, shape.output-size.floor — floor((5 - 3) / 2) + 1 = 2 positions per
    // axis; the windows start at rows and columns 0 and 2.
    //   y[0,0] = 0+1+2 + 5+6+7 + 10+11+12 = 54
    //   y[0,1] = 2+3+4 + 7+8+9 + 12+13+14 = 72
    //   y[1,0] = 10+11+12 + 15+16+17 + 20+21+22 = 144
    //   y[1,1] = 12+13+14 + 17+18+19 + 22+23+24 = 162
    // biome-ignore format: the rows are the picture
    expect(planeRows(conv(ramp, ones, undefined, { padding: 'valid', strides: [2, 2] }))).toEqual([
      [ 54,  72],
      [144, 162],
    ]);
  });

  it('with one pad of zeros on every side, stride 2', () => {
    // spec: shape.stride, padding.explicit — floor((5 + 2 - 3) / 2) + 1 = 3 positions per axis;
    // the windows are centred on input rows and columns 0, 2 and 4, taps in the padding read 0.
    //   y[0,0] = 0+1 + 5+6 = 12                y[0,1] = 1+2+3 + 6+7+8 = 27
    //   y[0,2] = 3+4 + 8+9 = 24
    //   y[1,0] = 5+6 + 10+11 + 15+16 = 63      y[1,1] = 6+7+8 + 11+12+13 + 16+17+18 = 108
    //   y[1,2] = 8+9 + 13+14 + 18+19 = 81
    //   y[2,0] = 15+16 + 20+21 = 72            y[2,1] = 16+17+18 + 21+22+23 = 117
    //   y[2,2] = 18+19 + 23+24 = 84
    // biome-ignore format: the rows are the picture
    expect(planeRows(conv(ramp, ones, undefined, { padding: pads1, strides: [2, 2] }))).toEqual([
      [12,  27, 24],
      [63, 108, 81],
      [72, 117, 84],
    ]);
  });
});

describe('reference convolution, by hand: the kernel is not flipped (cross-correlation)', () => {
  it('a one-hot kernel at the top-right tap reads the top-right of each window', () => {
    // spec: conv.no-flip — tap (t, u) multiplies x[i + t, j + u]; the only 1 is at tap (0, 2), so
    // y[i,j] = x[i, j + 2] = 5i + j + 2:
    //   y[0,0] = x[0,2] = 2    y[0,1] = x[0,3] = 3    y[0,2] = x[0,4] = 4
    //   y[1,0] = x[1,2] = 7    ...                    y[2,2] = x[2,4] = 14
    // A flipped kernel has its 1 at tap (2, 0) and would give x[i + 2, j]: [[10, 11, 12], ...];
    // flipping one axis only would give x[i, j] or x[i + 2, j + 2].
    const topRight = plane([
      [0, 0, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    // biome-ignore format: the rows are the picture
    expect(planeRows(conv(ramp, topRight, undefined, { padding: 'valid' }))).toEqual([
      [ 2,  3,  4],
      [ 7,  8,  9],
      [12, 13, 14],
    ]);
  });

  it('a one-hot input gives the kernel read backwards', () => {
    // spec: conv.no-flip, conv.definition — 1-D: y[o] = w[0]·x[o] + w[1]·x[o+1] + w[2]·x[o+2],
    // 7 - 3 + 1 = 5 outputs; x is 1 at position 3 only, so y[o] = w[3 - o] where 0 <= 3 - o <= 2:
    //   y[0] = 0 (x[0..2] are 0)   y[1] = w[2] = 4   y[2] = w[1] = 2   y[3] = w[0] = 1
    //   y[4] = 0 (x[4..6] are 0)
    // A flipped kernel would give [0, 1, 2, 4, 0].
    const x = makeTensor([1, 1, 7], [0, 0, 0, 1, 0, 0, 0]);
    const w = makeTensor([1, 1, 3], [1, 2, 4]);
    const y = conv(x, w, undefined, { padding: 'valid' });
    expect(y.shape).toEqual([1, 1, 5]);
    expect(Array.from(y.data)).toEqual([0, 4, 2, 1, 0]);
  });
});
