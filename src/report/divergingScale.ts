/**
 * A diverging colour scale centred on 0: white at 0, blue for negative and orange for positive
 * values, saturating at ±limit, the largest finite magnitude of the values it is made for. Maps
 * compared with each other (expected and actual) share one scale, so equal colours mean equal
 * values. Blue and orange stay apart for the common colour-vision deficiencies, and leave red to
 * the marks of differing elements.
 */
export interface DivergingScale {
  /** The magnitude at which colours saturate (1 when every value is 0 or not finite). */
  limit: number;
  /** Fill colour of a value (`#rrggbb`); infinities take the saturated ends. */
  colour(value: number): string;
  /** Whether text on the value's fill must be light to stay readable. */
  darkFill(value: number): boolean;
}

export const NEGATIVE_RGB = [33, 102, 172] as const;
export const POSITIVE_RGB = [230, 97, 1] as const;
const WHITE = [255, 255, 255] as const;

function hex(rgb: readonly number[]): string {
  return `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

export function divergingScale(values: Iterable<number | undefined>): DivergingScale {
  let limit = 0;
  for (const value of values) {
    if (value !== undefined && Number.isFinite(value)) limit = Math.max(limit, Math.abs(value));
  }
  if (limit === 0) limit = 1;
  const position = (value: number): number => (Number.isNaN(value) ? 0 : Math.max(-1, Math.min(1, value / limit)));
  return {
    limit,
    colour(value) {
      const t = position(value);
      const end = t < 0 ? NEGATIVE_RGB : POSITIVE_RGB;
      const share = Math.abs(t);
      return hex(WHITE.map((white, i) => white + (end[i]! - white) * share));
    },
    darkFill(value) {
      return Math.abs(position(value)) > 0.6;
    },
  };
}
