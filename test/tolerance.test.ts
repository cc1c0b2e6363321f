/**
 * The tolerance model: ulp distances, the dot-product bound (which holds under cancellation and
 * rejects errors beyond it), non-finite values and shapes.
 */
import { describe, expect, it } from 'vitest';
import { compareWithTolerance, ulpDistance, type DotProductTolerance } from '../src/judge/tolerance.js';
import { makeTensor } from '../src/tensor/tensor.js';

/** The next float32 above x. */
function nextUp(x: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x);
  const bits = view.getInt32(0);
  if (x === 0) view.setInt32(0, 1);
  else view.setInt32(0, x > 0 ? bits + 1 : bits - 1);
  return view.getFloat32(0);
}

const t = (values: number[]) => makeTensor([values.length], values);
const dot = (magnitude: number[], length: number): DotProductTolerance => ({
  kind: 'dot-product',
  magnitude,
  accumulationLength: length,
  hasBias: false,
  ulpBudget: 2 * length,
});

describe('ulp distance', () => {
  it('counts float32 steps, across zero and between the two zeros', () => {
    let x = Math.fround(1.5);
    for (let steps = 0; steps < 5; steps++) {
      expect(ulpDistance(Math.fround(1.5), x)).toBe(steps);
      x = nextUp(x);
    }
    expect(ulpDistance(0, -0)).toBe(0);
    expect(ulpDistance(nextUp(0), -nextUp(0))).toBe(2);
    expect(Number.isNaN(ulpDistance(NaN, 1))).toBe(true);
  });
});

describe('dot-product bound', () => {
  it('accepts a result a few ulps of the magnitude away and rejects one far beyond', () => {
    const magnitude = 64; // sum of |x||w| of a length-8 dot product
    const unit = magnitude * 2 ** -24;
    const ok = compareWithTolerance(t([1]), t([1 + 40 * unit]), dot([magnitude], 8));
    expect(ok.pass).toBe(true);
    expect(ok.margin).toBeCloseTo(48 - 40, 0);
    const bad = compareWithTolerance(t([1]), t([1 + 64 * unit]), dot([magnitude], 8));
    expect(bad.pass).toBe(false);
    expect(bad.failures).toBe(1);
    expect(bad.worst?.index).toBe(0);
  });

  it('holds under cancellation, where a bound relative to the result would not', () => {
    // reference 2^-20 from terms of magnitude ~2: a relative bound would demand ~2^-44 accuracy
    const report = compareWithTolerance(t([2 ** -20]), t([2 ** -20 + 2 ** -22]), dot([4], 2));
    expect(report.pass).toBe(true);
    expect(report.withinUlpBudget).toBe(false);
    expect(report.maxUlp).toBeGreaterThan(report.ulpBudget!);
  });

  it('requires NaN for NaN, the same infinity for an infinity, and zero for a zero bound', () => {
    expect(compareWithTolerance(t([NaN]), t([NaN]), dot([1], 1)).pass).toBe(true);
    expect(compareWithTolerance(t([NaN]), t([0]), dot([1], 1)).pass).toBe(false);
    expect(compareWithTolerance(t([Infinity]), t([-Infinity]), dot([Infinity], 1)).pass).toBe(false);
    expect(compareWithTolerance(t([0]), t([2 ** -149]), dot([0], 1)).pass).toBe(false);
    expect(compareWithTolerance(t([1]), t([1e30]), dot([Infinity], 1)).pass).toBe(true);
  });

  it('counts a bias term in the bound', () => {
    const unit = 2 ** -24;
    const withoutBias = compareWithTolerance(t([1]), t([1 + 8 * unit]), dot([1], 1));
    const withBias = compareWithTolerance(t([1]), t([1 + 8 * unit]), { ...dot([1], 1), hasBias: true });
    expect([withoutBias.pass, withBias.pass]).toEqual([false, true]);
  });
});

describe('exact comparison through the tolerance model', () => {
  it('fails a one-ulp difference and a shape difference, passes a zero of the other sign for sums', () => {
    expect(compareWithTolerance(t([1]), t([nextUp(1)]), { kind: 'exact', zeroSignFree: true }).pass).toBe(false);
    expect(compareWithTolerance(t([0]), t([-0]), { kind: 'exact', zeroSignFree: true }).pass).toBe(true);
    expect(compareWithTolerance(t([0]), t([-0]), { kind: 'exact', zeroSignFree: false }).pass).toBe(false);
    const shape = compareWithTolerance(t([1, 2]), makeTensor([2, 1], [1, 2]), { kind: 'exact', zeroSignFree: true });
    expect(shape.shapeMismatch).toEqual({ expected: [2], actual: [2, 1] });
  });
});
