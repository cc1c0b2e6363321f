/**
 * Sizes at the edges of the tiles GPU and SIMD kernels cut their work into: TF.js's WebGL backend
 * packs 2x2 texels and tiles its matrix products, its WebGPU backend and ONNX Runtime Web run
 * workgroups of 4x4 to 16x16 or 64 invocations with vec4 loads over channels, and matrix kernels
 * tile by 4, 16, 64 or 128. Their defects show where a size is one below, at or one above a tile
 * or vector width: a remainder loop, a partial tile, a channel count that is not a multiple of 4
 * (spec: conformance.every-size). A uniform draw of small sizes almost never reaches them.
 */
import fc from 'fast-check';

/** Tile and vector widths of convolution and pooling kernels, over channels and spatial axes. */
export const WINDOW_TILE_WIDTHS: readonly number[] = [4, 8, 16, 32, 64];

/** Tile widths of matrix-product kernels, over features and rows. */
export const MATRIX_TILE_WIDTHS: readonly number[] = [4, 16, 64, 128];

/** w - 1, w and w + 1 for every width, smallest first. */
export function tileEdges(widths: readonly number[]): number[] {
  return [...new Set(widths.flatMap((w) => [w - 1, w, w + 1]))].sort((a, b) => a - b);
}

/**
 * One of w - 1, w, w + 1: each width as likely as the others, each of its three edges as likely
 * as the other two. Unbiased: fast-check's bias toward the first constants would make the edges
 * of the largest width, where most kernels split their work, the rarest.
 */
export function tileEdge(widths: readonly number[]): fc.Arbitrary<number> {
  return fc.noBias(fc.tuple(fc.constantFrom(...widths), fc.constantFrom(-1, 0, 1)).map(([w, offset]) => w + offset));
}

/**
 * A size for one dimension: a tile edge in three draws of four, else 1 to 3 (a dimension of 1 is
 * where kernels take other paths: a single row, a single channel).
 */
export function edgeOrSmall(widths: readonly number[]): fc.Arbitrary<number> {
  return fc.oneof({ weight: 3, arbitrary: tileEdge(widths) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) });
}

/**
 * The sizes with the least important ones made smaller until `fits` holds: dimensions are taken
 * from the end of `priority` to its start, and each steps down through the edges below it (to
 * the next smaller edge, then to its floor) until the case fits or it is at its floor. So a case
 * keeps the edges of its first dimensions and stays within the run's element cap, without a
 * filter that would discard most cases with two large edges.
 *
 * @returns the sizes, or undefined when even every dimension at its floor does not fit
 */
export function shrinkToFit<K extends string>(
  sizes: Readonly<Record<K, number>>,
  priority: readonly K[],
  floors: Readonly<Record<K, number>>,
  edges: readonly number[],
  fits: (sizes: Readonly<Record<K, number>>) => boolean,
): Record<K, number> | undefined {
  const current = { ...sizes } as Record<K, number>;
  for (const key of [...priority].reverse()) {
    while (!fits(current) && current[key] > floors[key]) {
      const below = edges.filter((edge) => edge < current[key] && edge >= floors[key]);
      current[key] = below.length > 0 ? below[below.length - 1]! : floors[key];
    }
    if (fits(current)) return current;
  }
  return fits(current) ? current : undefined;
}
