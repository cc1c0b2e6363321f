/**
 * A value as written inside a map cell: at most six characters, special values by glyph
 * (spec: numerics.nan, numerics.infinity, numerics.signed-zero), exact values in the cell's
 * tooltip instead.
 */
export function formatCellValue(value: number | undefined): string {
  if (value === undefined) return '…';
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+∞';
  if (value === -Infinity) return '−∞';
  if (Object.is(value, -0)) return '−0';
  const minus = (text: string): string => text.replace(/^-/, '−');
  if (Number.isInteger(value) && Math.abs(value) < 100000) return minus(String(value));
  for (const digits of [3, 2, 1]) {
    const fixed = Number(value.toPrecision(digits));
    const text =
      Math.abs(fixed) >= 1e-3 && Math.abs(fixed) < 1e5
        ? String(fixed)
        : fixed.toExponential(digits - 1 === 0 ? 0 : digits - 1).replace('e+', 'e');
    if (text.length <= 6) return minus(text);
  }
  return minus(value.toExponential(0).replace('e+', 'e'));
}

/** A value in full, for tooltips and notes. */
export function formatExactValue(value: number | undefined): string {
  if (value === undefined) return 'not in the report (truncated)';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}
