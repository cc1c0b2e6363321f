/**
 * The formulas agree with brute-force counting over a grid of small cases: the output size is
 * the number of windows that fit, same padding gives ceil(n / s) with the least padding, the
 * last-window rule drops exactly the windows that start in the end padding.
 */
import fc from 'fast-check';
import { compile } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateFormula, FORMULAS, formulaTex, SYMBOLS } from '../src/spec/formulas.js';

const sizes = [1, 2, 3, 4, 5, 6, 7, 9, 12];
const kernels = [1, 2, 3, 4, 5];
const strides = [1, 2, 3, 4];
const dilations = [1, 2, 3];
const pads = [0, 1, 2, 3];

function* grid(): Generator<{ n: number; k: number; s: number; d: number; pb: number; pe: number; effK: number }> {
  for (const n of sizes)
    for (const k of kernels)
      for (const s of strides)
        for (const d of dilations) for (const pb of pads) for (const pe of pads) yield { n, k, s, d, pb, pe, effK: d * (k - 1) + 1 };
}

describe('formulas', () => {
  it('their compiled functions agree with mathjs itself over the sizes the kit accepts', () => {
    // Sizes from 1 to 2^31 - 1, with the edges and negatives that differences of sizes produce.
    const size = fc.oneof(
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      fc.constantFrom(1, 2, 2 ** 31 - 2, 2 ** 31 - 1),
    );
    const anyInteger = fc.oneof(
      size,
      size.map((v) => -v),
      fc.constant(0),
    );
    for (const formula of Object.values(FORMULAS)) {
      const reference = compile(formula.source.slice(formula.source.indexOf('=') + 1));
      const scope = fc.record(
        Object.fromEntries(formula.variables.map((name) => [name, ['s', 'k', 'd', 'n'].includes(name) ? size : anyInteger])),
      );
      fc.assert(
        fc.property(scope, (values) => {
          const expected = reference.evaluate({ ...values }) as number | boolean;
          expect(formula.evaluate(values), `${formula.id} at ${JSON.stringify(values)}`).toBe(expected);
        }),
        { seed: 20261128, numRuns: 2000 },
      );
    }
  });

  it('every symbol a formula uses has a glossary entry, and every formula renders', () => {
    for (const formula of Object.values(FORMULAS)) {
      for (const name of [formula.result, ...formula.variables]) expect(SYMBOLS[name], `${formula.id}: ${name}`).toBeDefined();
      expect(formulaTex(formula.id).length).toBeGreaterThan(0);
    }
  });

  it('refuses to evaluate with a missing or non-finite variable', () => {
    expect(() => evaluateFormula('effective-kernel', { k: 3 })).toThrow(/needs a finite number for d/);
    expect(() => evaluateFormula('effective-kernel', { k: 3, d: NaN })).toThrow(/needs a finite number for d/);
  });

  it('effective kernel is the span from the first tap to the last', () => {
    for (const k of kernels)
      for (const d of dilations) {
        const lastTap = (k - 1) * d;
        expect(evaluateFormula('effective-kernel', { k, d })).toBe(lastTap + 1);
      }
  });

  it('floor output size counts the windows that lie wholly inside the padded axis (below 1: none fits)', () => {
    for (const c of grid()) {
      let windows = 0;
      for (let o = 0; o * c.s + c.effK <= c.n + c.pb + c.pe; o++) windows += 1;
      expect(Math.max(0, evaluateFormula('output-size.floor', c)), JSON.stringify(c)).toBe(windows);
    }
  });

  it('ceil output size counts the windows that start before the padded axis is exhausted', () => {
    for (const c of grid()) {
      if (c.effK > c.n + c.pb + c.pe) continue;
      // A further window is taken while the previous ones leave part of the padded axis uncovered.
      let windows = 1;
      while ((windows - 1) * c.s + c.effK < c.n + c.pb + c.pe) windows += 1;
      expect(evaluateFormula('output-size.ceil', c), JSON.stringify(c)).toBe(windows);
    }
  });

  it('the last-window rule fires exactly when the last window starts at or after the input end', () => {
    for (const c of grid()) {
      const out = evaluateFormula('output-size.ceil', c);
      const lastStart = (out - 1) * c.s - c.pb;
      expect(evaluateCondition('last-window-rule', { out, s: c.s, n: c.n, pb: c.pb })).toBe(lastStart >= c.n);
    }
  });

  it('truncation equals floor unless floor is negative, where it rounds toward zero', () => {
    for (const c of grid()) {
      const span = c.n + c.pb + c.pe - c.effK;
      const trunc = evaluateFormula('output-size.trunc', c) + 0;
      const floor = evaluateFormula('output-size.floor', c);
      if (span >= -c.s) expect(trunc).toBe(floor);
      else expect(trunc).toBe(Math.ceil(span / c.s) + 1 + 0); // toward zero: ceil of a negative quotient
      expect(trunc).toBeGreaterThanOrEqual(floor);
    }
  });

  it('exact division holds exactly when the stride divides the span', () => {
    for (const c of grid()) {
      const span = c.n + c.pb + c.pe - c.effK;
      expect(evaluateCondition('output-size.exact', c)).toBe(((span % c.s) + c.s) % c.s === 0);
    }
  });

  it('same padding is the least total padding that gives ceil(n / s) windows, split as the spec says', () => {
    for (const c of grid()) {
      const out = evaluateFormula('same.output-size', c);
      expect(out).toBe(Math.ceil(c.n / c.s));
      let least = 0;
      while (Math.floor((c.n + least - c.effK) / c.s) + 1 < out) least += 1;
      const total = evaluateFormula('same.total', { out, s: c.s, effK: c.effK, n: c.n });
      expect(total, JSON.stringify(c)).toBe(least);
      const upper = [evaluateFormula('same-upper.begin', { total }), evaluateFormula('same-upper.end', { total })];
      const lower = [evaluateFormula('same-lower.begin', { total }), evaluateFormula('same-lower.end', { total })];
      expect(upper[0]! + upper[1]!).toBe(total);
      expect(upper[1]! - upper[0]!).toBe(total % 2);
      expect(lower).toEqual([upper[1], upper[0]]);
    }
  });

  it('window taps step by the dilation from the window start', () => {
    for (const c of [...grid()].filter((_, index) => index % 7 === 0)) {
      for (let o = 0; o < 3; o++)
        for (let j = 0; j < c.k; j++) {
          expect(evaluateFormula('window-tap', { o, s: c.s, pb: c.pb, j, d: c.d })).toBe(o * c.s - c.pb + j * c.d);
        }
    }
  });
});
