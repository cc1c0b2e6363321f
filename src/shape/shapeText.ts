/**
 * A shape for messages and reports, of bounded length whatever its rank: `[2, 3, 5]`, or for a
 * shape of twenty million entries its first ten and `… 19999990 more dimensions`.
 */
export const SHAPE_ENTRIES_SHOWN = 10;

export function shapeText(shape: readonly unknown[]): string {
  const shown = shape.slice(0, SHAPE_ENTRIES_SHOWN).map((size) => String(size));
  const more = shape.length - shown.length;
  return `[${shown.join(', ')}${more > 0 ? `, … ${more} more dimension${more === 1 ? '' : 's'}` : ''}]`;
}
