/**
 * The median of a list of measurements: the middle one, or the mean of the two middle ones.
 * Benchmarks report medians because one run slowed down by a neighbour on a shared machine
 * moves a mean but not a median.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median: values (an empty list) must hold at least one measurement');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
