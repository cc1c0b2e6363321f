/**
 * Whether every dot product of a call is exact in float32 whatever the order of accumulation
 * (spec: conformance.exact-domain). Every product x·w is a multiple of 2^(ex + ew), where ex and
 * ew are the weights of the lowest set bits of the factors, and every bias a multiple of 2^eb;
 * so every partial sum of an output is a multiple of 2^g, g = min(min ex + min ew, min eb), and
 * at most its magnitude bound M = Σ|x|·|w| + |b| in size. When M < 2^24 · 2^g for every output,
 * every such partial sum, and every product, is an integer multiple of 2^g below 2^24 of them:
 * exactly representable. Outputs whose bound is not finite come from infinite or NaN inputs and
 * are compared exactly anyway.
 */

/** The exponent of the lowest set bit of a finite non-zero float32 (0.75 → -2, 12 → 2). */
function lowestBitExponent(value: number): number {
  let exponent = 0;
  let scaled = Math.abs(value);
  // Doubling and halving are exact in float64 for float32 values, so this terminates exactly.
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    exponent -= 1;
  }
  while (scaled % 2 === 0) {
    scaled /= 2;
    exponent += 1;
  }
  return exponent;
}

/** The smallest lowest-bit exponent over the finite non-zero values, or undefined when there are none. */
function granularity(values: ArrayLike<number>): number | undefined {
  let smallest: number | undefined;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (value === 0 || !Number.isFinite(value)) continue;
    const exponent = lowestBitExponent(value);
    if (smallest === undefined || exponent < smallest) smallest = exponent;
  }
  return smallest;
}

/**
 * `factors` are the two operands of every product (input and weight data), `bias` the terms
 * added once, `magnitude` the bound M of each output.
 */
export function dotProductsAreExact(
  factors: readonly [ArrayLike<number>, ArrayLike<number>],
  bias: ArrayLike<number> | undefined,
  magnitude: ArrayLike<number>,
): boolean {
  const gx = granularity(factors[0]);
  const gw = granularity(factors[1]);
  const gb = bias === undefined ? undefined : granularity(bias);
  const terms = [gx !== undefined && gw !== undefined ? gx + gw : undefined, gb].filter((g): g is number => g !== undefined);
  if (terms.length === 0) return true; // every term is zero
  const limit = 2 ** (24 + Math.min(...terms));
  for (let index = 0; index < magnitude.length; index++) {
    const m = magnitude[index]!;
    if (Number.isFinite(m) && m > limit) return false;
  }
  return true;
}
