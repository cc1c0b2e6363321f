/**
 * What a failing output reads: the window taps of spec: shape.window, padding positions
 * included; the input channels of its group; its dense row and weight column; its whole channel
 * under global pooling.
 */
import { describe, expect, it } from 'vitest';
import type { FailureEvidence } from '../../src/report/model/Report.js';
import { traceFailingOutput } from '../../src/report/traceFailingOutput.js';
import { activationView, kernelView, matrixView } from '../../src/report/tensorViews.js';

function evidence(fields: Partial<FailureEvidence> & Pick<FailureEvidence, 'op' | 'input' | 'expected'>): FailureEvidence {
  return { layout: 'channels-first', params: {}, comparison: 'compared', ...fields };
}
const tensor = (shape: number[]) => ({ shape, data: [] });

describe('traceFailingOutput', () => {
  it('gives the window taps of an output, strided and dilated, padding positions included', () => {
    const e = evidence({
      op: 'conv',
      input: tensor([1, 1, 5, 6]),
      weight: tensor([1, 1, 2, 3]),
      expected: tensor([1, 1, 3, 2]),
      window: { kernel: [2, 3], strides: [2, 3], dilations: [3, 2], padBegin: [1, 2], padEnd: [1, 2] },
    });
    const view = activationView(e.input.shape, 'channels-first');
    const { kernel, strides, dilations, padBegin } = e.window!;
    const taps = (axis: number, o: number): number[] =>
      Array.from({ length: kernel[axis]! }, (_, j) => o * strides[axis]! - padBegin[axis]! + j * dilations[axis]!);
    // Output (row 1, column 1) is flat index 3 of [1, 1, 3, 2].
    const trace = traceFailingOutput(e, 3, view, kernelView(e.weight!.shape, 'out-in-spatial'))!;
    expect(trace.inputFootprint([0, 0], 5, 6)).toEqual({ rows: taps(0, 1), cols: taps(1, 1) });
    const corner = traceFailingOutput(e, 0, view, undefined)!;
    const footprint = corner.inputFootprint([0, 0], 5, 6)!;
    expect(footprint).toEqual({ rows: taps(0, 0), cols: taps(1, 0) });
    expect(Math.min(...footprint.rows, ...footprint.cols)).toBeLessThan(0);
  });

  it("reads the input channels of the output channel's group, in its batch item, and that output's filters", () => {
    const e = evidence({
      op: 'conv',
      input: tensor([2, 6, 3, 3]),
      weight: tensor([4, 3, 1, 1]),
      expected: tensor([2, 4, 3, 3]),
      params: { groups: 2 },
      window: { kernel: [1, 1], strides: [1, 1], dilations: [1, 1], padBegin: [0, 0], padEnd: [0, 0] },
    });
    const weightView = kernelView(e.weight!.shape, 'out-in-spatial');
    // batch 1, output channel 3 (group 1), position (0, 0).
    const trace = traceFailingOutput(e, ((1 * 4 + 3) * 3 + 0) * 3 + 0, activationView(e.input.shape, 'channels-first'), weightView)!;
    const channels = (batch: number): number[] => [0, 1, 2, 3, 4, 5].filter((c) => trace.readsInputMap([batch, c]));
    expect(channels(1)).toEqual([3, 4, 5]);
    expect(channels(0)).toEqual([]);
    expect(trace.readsWeightMap([3, 0])).toBe(true);
    expect(trace.readsWeightMap([2, 0])).toBe(false);
  });

  it('reads the depth slices of its window in spatial rank 3', () => {
    const e = evidence({
      op: 'pool',
      layout: 'channels-last',
      input: tensor([1, 5, 2, 2, 1]),
      expected: tensor([1, 2, 1, 1, 1]),
      window: { kernel: [2, 2, 2], strides: [2, 1, 1], dilations: [1, 1, 1], padBegin: [0, 0, 0], padEnd: [0, 0, 0] },
    });
    const view = activationView(e.input.shape, 'channels-last');
    const trace = traceFailingOutput(e, 1, view, undefined)!;
    expect([0, 1, 2, 3, 4].filter((depth) => trace.readsInputMap([0, 0, depth]))).toEqual([2, 3]);
  });

  it("reads a dense output's input row and its weight column or row, by weight layout", () => {
    const base = { op: 'dense' as const, input: tensor([2, 3]), weight: tensor([3, 4]), expected: tensor([2, 4]) };
    const inOut = traceFailingOutput(evidence({ ...base, params: { weightLayout: 'in-out' } }), 6, matrixView([2, 3]), matrixView([3, 4]))!;
    expect(inOut.inputFootprint([], 2, 3)).toEqual({ rows: [1], cols: [0, 1, 2] });
    expect(inOut.weightFootprint([], 3, 4)).toEqual({ rows: [0, 1, 2], cols: [2] });
    const outIn = traceFailingOutput(
      evidence({ ...base, weight: tensor([4, 3]), params: { weightLayout: 'out-in' } }),
      6,
      matrixView([2, 3]),
      matrixView([4, 3]),
    )!;
    expect(outIn.weightFootprint([], 4, 3)).toEqual({ rows: [2], cols: [0, 1, 2] });
    const square = traceFailingOutput(
      evidence({ ...base, input: tensor([2, 3]), weight: tensor([3, 3]), expected: tensor([2, 3]) }),
      0,
      matrixView([2, 3]),
      matrixView([3, 3]),
    )!;
    expect(square.weightFootprint([], 3, 3)).toBeUndefined();
  });

  it('reads the whole channel under global pooling, and nothing it cannot place without a window', () => {
    const e = evidence({ op: 'global-pool', input: tensor([1, 2, 2, 3]), expected: tensor([1, 2, 1, 1]) });
    const trace = traceFailingOutput(e, 1, activationView(e.input.shape, 'channels-first'), undefined)!;
    expect(trace.readsInputMap([0, 0])).toBe(false);
    expect(trace.inputFootprint([0, 1], 2, 3)).toEqual({ rows: [0, 1], cols: [0, 1, 2] });
    const unplanned = evidence({ op: 'conv', input: tensor([1, 1, 3, 3]), weight: tensor([1, 1, 2, 2]), expected: tensor([1, 1, 2, 2]) });
    expect(traceFailingOutput(unplanned, 0, activationView([1, 1, 3, 3], 'channels-first'), undefined)).toBeUndefined();
  });
});
