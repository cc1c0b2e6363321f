/**
 * Cutting tensors into maps: both layouts give the same maps of the same data, kernels of both
 * layouts the same taps, rank 1 one row, rank 3 depth slices; the maps with differing elements
 * are chosen first; crops keep their point of interest in view.
 */
import { describe, expect, it } from 'vitest';
import { convertLayout } from '../../src/tensor/layout.js';
import type { EvidenceTensor } from '../../src/report/model/Report.js';
import { chooseSlices, locate, mapCount, MAX_MAP_EXTENT, sliceTensor, tensorCoords } from '../../src/report/sliceFeatureMaps.js';
import { activationView, kernelView, matrixView } from '../../src/report/tensorViews.js';
import { evidenceTensor, tensorOf } from './syntheticReport.js';

function allMaps(tensor: EvidenceTensor, view: ReturnType<typeof activationView>): number[][][] {
  const ordinals = Array.from({ length: mapCount(tensor.shape, view) }, (_, i) => i);
  return sliceTensor(tensor, view, ordinals).map((slice) => slice.cells.map((row) => row.map((cell) => cell.value!)));
}

describe('sliceFeatureMaps', () => {
  it('cuts a channels-last activation into the same maps as its channels-first transpose', () => {
    const nchw = tensorOf([2, 3, 4, 5], (i) => i * 1.5 - 7);
    const nhwc = convertLayout(nchw, 'channels-first', 'channels-last');
    const first = allMaps(evidenceTensor(nchw), activationView(nchw.shape, 'channels-first'));
    const last = allMaps(evidenceTensor(nhwc), activationView(nhwc.shape, 'channels-last'));
    expect(first).toHaveLength(6);
    expect(last).toEqual(first);
  });

  it('labels maps by batch and channel, and places each element of a map at its own coordinates', () => {
    const shape = [1, 3, 2, 4];
    const view = activationView(shape, 'channels-last');
    const tensor = evidenceTensor(tensorOf(shape, (i) => i));
    const [slice] = sliceTensor(tensor, view, [2]);
    expect(slice!.label).toBe('batch 0 · channel 2');
    slice!.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        expect(tensorCoords(shape, cell.index)).toEqual([0, r, c, 2]);
        expect(cell.value).toBe(cell.index);
      }),
    );
  });

  it('draws a spatial rank 1 activation as one row per map', () => {
    const view = activationView([2, 3, 7], 'channels-first');
    const slices = sliceTensor(evidenceTensor(tensorOf([2, 3, 7], (i) => i)), view, [0, 5]);
    expect(slices.map((s) => [s.rows, s.cols, s.cells.length, s.cells[0]!.length])).toEqual([
      [1, 7, 1, 7],
      [1, 7, 1, 7],
    ]);
    expect(slices[1]!.label).toBe('batch 1 · channel 2');
  });

  it('cuts a spatial rank 3 activation into depth slices of height × width', () => {
    const shape = [1, 3, 4, 5, 2];
    const view = activationView(shape, 'channels-last');
    expect(mapCount(shape, view)).toBe(2 * 3);
    expect(view.axesLabel).toBe('height × width');
    const [slice] = sliceTensor(evidenceTensor(tensorOf(shape, (i) => i)), view, [4]);
    expect(slice!.label).toBe('batch 0 · channel 1 · depth 1');
    expect([slice!.rows, slice!.cols]).toEqual([4, 5]);
    expect(tensorCoords(shape, slice!.cells[3]![4]!.index)).toEqual([0, 1, 3, 4, 1]);
  });

  it('gives kernels of both layouts the same (out, in) maps', () => {
    const oihw = tensorOf([2, 3, 2, 3], (i) => i);
    const hwio = { shape: [2, 3, 3, 2], data: new Float32Array(36) };
    for (let o = 0; o < 2; o++)
      for (let c = 0; c < 3; c++)
        for (let h = 0; h < 2; h++)
          for (let w = 0; w < 3; w++) hwio.data[((h * 3 + w) * 3 + c) * 2 + o] = oihw.data[((o * 3 + c) * 2 + h) * 3 + w]!;
    const first = sliceTensor(evidenceTensor(oihw), kernelView(oihw.shape, 'out-in-spatial'), [0, 1, 2, 3, 4, 5]);
    const last = sliceTensor(evidenceTensor(hwio), kernelView(hwio.shape, 'spatial-in-out'), [0, 1, 2, 3, 4, 5]);
    expect(last.map((s) => s.label)).toEqual(first.map((s) => s.label));
    expect(last.map((s) => s.cells.map((row) => row.map((c) => c.value)))).toEqual(
      first.map((s) => s.cells.map((row) => row.map((c) => c.value))),
    );
  });

  it('draws the output of global pooling as one batch × channel map, and other 1×1 maps as they are', () => {
    expect(mapCount([2, 5, 1, 1], activationView([2, 5, 1, 1], 'channels-first'))).toBe(10);
    const cases: [number[], boolean][] = [
      [[2, 5, 1, 1], true],
      [[2, 5], false],
    ];
    for (const [shape, pooled] of cases) {
      const view = activationView(shape, 'channels-first', pooled);
      expect(mapCount(shape, view)).toBe(1);
      const [slice] = sliceTensor(evidenceTensor(tensorOf(shape, (i) => i)), view, [0]);
      expect([slice!.rows, slice!.cols, slice!.label]).toEqual([2, 5, '']);
    }
  });

  it('draws dense matrices with the last axis across and leading axes as blocks', () => {
    const view = matrixView([2, 3, 4], 'rows × in features');
    expect(mapCount([2, 3, 4], view)).toBe(2);
    const [, second] = sliceTensor(evidenceTensor(tensorOf([2, 3, 4], (i) => i)), view, [0, 1]);
    expect(second!.cells[2]![3]!.index).toBe(23);
  });

  it('chooses the preferred maps first, then the first ones, in tensor order', () => {
    expect(chooseSlices(10, 4, [7, 3, 7])).toEqual({ ordinals: [0, 1, 3, 7], total: 10 });
    expect(chooseSlices(10, 2, [9, 8, 7])).toEqual({ ordinals: [8, 9], total: 10 });
    expect(chooseSlices(2, 4, [5])).toEqual({ ordinals: [0, 1], total: 2 });
  });

  it('locates a flat index in its map', () => {
    const shape = [2, 3, 4, 5];
    const view = activationView(shape, 'channels-first');
    const index = ((1 * 3 + 2) * 4 + 3) * 5 + 4;
    expect(locate(shape, view, index)).toEqual({ ordinal: 5, row: 3, col: 4 });
  });

  it('crops a large map around its point of interest, and leaves a small one whole', () => {
    const shape = [1, 1, 50, 70];
    const view = activationView(shape, 'channels-first');
    const tensor = evidenceTensor(tensorOf(shape, (i) => i));
    const [cropped] = sliceTensor(tensor, view, [0], () => ({ row: 45, col: 3 }));
    expect(cropped!.cells.length).toBe(MAX_MAP_EXTENT);
    expect(cropped!.cells[0]!.length).toBe(MAX_MAP_EXTENT);
    expect(cropped!.rowStart + cropped!.cells.length).toBe(50);
    expect(cropped!.colStart).toBe(0);
    const rows = cropped!.cells.map((row) => tensorCoords(shape, row[0]!.index)[2]);
    expect(rows).toContain(45);
    const [whole] = sliceTensor(
      evidenceTensor(tensorOf([1, 1, 5, 5], (i) => i)),
      activationView([1, 1, 5, 5], 'channels-first'),
      [0],
      () => ({ row: 4, col: 4 }),
    );
    expect([whole!.rowStart, whole!.colStart, whole!.cells.length]).toEqual([0, 0, 5]);
  });

  it('leaves elements past the end of truncated data without a value', () => {
    const tensor: EvidenceTensor = { shape: [1, 1, 2, 3], data: [1, 'NaN', '-0', 'Infinity'], truncated: true };
    const [slice] = sliceTensor(tensor, activationView(tensor.shape, 'channels-first'), [0]);
    const values = slice!.cells.flat().map((cell) => cell.value);
    expect(values.slice(0, 4)).toEqual([1, NaN, -0, Infinity]);
    expect(Object.is(values[2], -0)).toBe(true);
    expect(values.slice(4)).toEqual([undefined, undefined]);
  });
});
