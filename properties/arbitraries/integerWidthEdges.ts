/**
 * Sizes at the edges of the number types implementations keep sizes in, where a narrower type
 * changes the value: int16 wraps 2^15 to -32768, uint16 wraps 2^16 to 0 and 2^16 + 1 to 1,
 * float32 holds every integer only up to 2^24 (2^24 + 1 becomes 2^24), and 2^31 - 1 is the
 * largest size the spec allows, where int32 arithmetic on it overflows (spec: error.limits,
 * error.parameter-range). Generators draw them by weight: a uniform draw up to 2^31 almost never
 * meets one, and a defect that shows only there must be found at every seed.
 */
import fc from 'fast-check';
import { MAX_DIMENSION } from '../../src/spec/paramChecks.js';

export const INT16_EDGES: readonly number[] = [2 ** 15 - 1, 2 ** 15, 2 ** 15 + 1];
export const UINT16_EDGES: readonly number[] = [2 ** 16 - 1, 2 ** 16, 2 ** 16 + 1];
export const FLOAT32_EDGES: readonly number[] = [2 ** 24 - 1, 2 ** 24, 2 ** 24 + 1];

/** Every edge a valid size can take, smallest first. */
export const INTEGER_WIDTH_EDGES: readonly number[] = [...INT16_EDGES, ...UINT16_EDGES, ...FLOAT32_EDGES, MAX_DIMENSION];

/**
 * Just beyond the spec's limit, where 32-bit storage wraps: 2^31 to -2^31, 2^32 to 0 and
 * 2^32 + 1 to 1, so that a wrapped value looks like a small valid one.
 */
export const BEYOND_MAX_DIMENSION: readonly number[] = [2 ** 31, 2 ** 32, 2 ** 32 + 1];

export type EdgeWidth = 'int16' | 'uint16' | 'float32' | 'int32';

/** The type at whose edge a value lies, if it is one of the edges. */
export function edgeWidth(value: number): EdgeWidth | undefined {
  if (INT16_EDGES.includes(value)) return 'int16';
  if (UINT16_EDGES.includes(value)) return 'uint16';
  if (FLOAT32_EDGES.includes(value)) return 'float32';
  return value === MAX_DIMENSION ? 'int32' : undefined;
}

/**
 * One of the edges from `min` to `max`: each width as likely as the others (2^31 - 1 as often as
 * the three int16 edges together), each edge of a width as likely as the other two.
 */
export function edgeValue(min = 1, max = MAX_DIMENSION): fc.Arbitrary<number> {
  const widths = [INT16_EDGES, UINT16_EDGES, FLOAT32_EDGES, [MAX_DIMENSION]]
    .map((edges) => edges.filter((edge) => edge >= min && edge <= max))
    .filter((edges) => edges.length > 0);
  if (widths.length === 0) throw new RangeError(`no integer-width edge between ${min} and ${max}`);
  return fc.oneof(...widths.map((edges) => fc.constantFrom(...edges)));
}

/**
 * A size from `min` to `max`: an edge in `edgeWeight` of 10 draws, else a small size (up to
 * `min + 7`) or, rarely, any size in the range.
 */
export function sizeUpTo(min: number, max: number, edgeWeight = 6): fc.Arbitrary<number> {
  const options: fc.WeightedArbitrary<number>[] = [
    { weight: 10 - edgeWeight - 1, arbitrary: fc.integer({ min, max: Math.min(max, min + 7) }) },
    { weight: 1, arbitrary: fc.integer({ min, max }) },
  ];
  if (INTEGER_WIDTH_EDGES.some((edge) => edge >= min && edge <= max)) options.push({ weight: edgeWeight, arbitrary: edgeValue(min, max) });
  return fc.oneof(...options);
}

/**
 * The per-axis parameters of a record that lie at or beyond 2^15 - 1, in words (`strides[0] =
 * 65536`), for messages: where a narrow type would change them.
 */
export function largeParameters(params: Record<string, unknown>): string[] {
  const found: string[] = [];
  const scan = (name: string, values: unknown): void => {
    if (!Array.isArray(values)) return;
    values.forEach((value, axis) => {
      if (typeof value === 'number' && value >= INT16_EDGES[0]!) found.push(`${name}[${axis}] = ${value}`);
    });
  };
  for (const name of ['kernel', 'strides', 'dilations']) scan(name, params[name]);
  const padding = params.padding as { begin?: unknown; end?: unknown } | undefined;
  if (padding !== undefined && typeof padding === 'object') {
    scan('padding.begin', padding.begin);
    scan('padding.end', padding.end);
  }
  return found;
}
