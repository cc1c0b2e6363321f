/**
 * Shares of generated cases by label, and a check that each label reaches its minimum share:
 * how the generators' coverage is measured and held (a label with share p is missed by a
 * property of n runs with probability (1 - p)^n).
 */
import { expect } from 'vitest';

/** For every label `classify` gives, the share of samples that carry it. */
export function shares<T>(samples: readonly T[], classify: (value: T) => readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sample of samples) for (const label of new Set(classify(sample))) counts.set(label, (counts.get(label) ?? 0) + 1);
  return new Map([...counts].map(([label, count]) => [label, count / samples.length]));
}

/** Every label of `minimums` reaches its share; the failure lists each one below, with both shares. */
export function expectShares(measured: ReadonlyMap<string, number>, minimums: Record<string, number>): void {
  const below = Object.entries(minimums)
    .filter(([label, minimum]) => (measured.get(label) ?? 0) < minimum)
    .map(([label, minimum]) => `${label}: ${(100 * (measured.get(label) ?? 0)).toFixed(1)}% < ${100 * minimum}%`);
  expect(below).toEqual([]);
}
