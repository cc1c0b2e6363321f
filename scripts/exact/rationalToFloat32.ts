/**
 * Correct rounding of an exact rational to float32 (round to nearest, ties to even), in integer
 * arithmetic: no floating-point operation takes part, so a fixture's expected value is the
 * float32 the spec asks for, whatever the platform.
 */
export function rationalToFloat32(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) throw new Error('division by zero');
  if (numerator === 0n) return 0;
  const negative = numerator < 0n !== denominator < 0n;
  let p = numerator < 0n ? -numerator : numerator;
  let q = denominator < 0n ? -denominator : denominator;
  // Find e with 2^23 <= p / q / 2^e < 2^24, then m = round(p / (q·2^e)).
  let e = BigInt(p.toString(2).length - q.toString(2).length) - 24n;
  const scaled = (): [bigint, bigint] => (e >= 0n ? [p, q << e] : [p << -e, q]);
  for (;;) {
    const [a, b] = scaled();
    const m = a / b;
    if (m >= 1n << 24n) e += 1n;
    else if (m < 1n << 23n) e -= 1n;
    else break;
  }
  // Subnormals: the exponent of the last place cannot go below 2^-149.
  if (e < -149n) e = -149n;
  const [a, b] = scaled();
  let m = a / b;
  const remainder = a - m * b;
  if (remainder * 2n > b || (remainder * 2n === b && (m & 1n) === 1n)) m += 1n;
  const magnitude = Number(m) * 2 ** Number(e); // m < 2^25 and a power of two: exact in binary64
  if (magnitude > 3.4028234663852886e38) return negative ? -Infinity : Infinity;
  return negative ? -magnitude : magnitude;
}
