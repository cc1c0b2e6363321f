/**
 * How a fixture's output was judged, in words, for the renderings: the bound and the room left
 * (spec: conformance.tolerance), and the knobs its convention leaves open; for a passing property,
 * the least room over its cases.
 */
import type { FixtureComparison } from './model/Report.js';

export function describeComparison(comparison: FixtureComparison): string {
  const margin = comparison.margin === null ? '' : `, margin ${Number(comparison.margin.toFixed(3))}`;
  const ulps = comparison.maxUlp === null || comparison.maxUlp === 0 ? '' : `, ${comparison.maxUlp} ulp at most`;
  const bound =
    comparison.metric === 'exact'
      ? 'exact'
      : comparison.metric === 'ulp'
        ? `within the fixture's ulp bound${margin}${ulps}`
        : `within the dot-product bound${margin}${ulps}${comparison.comparisons === undefined ? '' : ` (the least over ${comparison.comparisons} comparisons)`}`;
  const open = comparison.open === undefined ? '' : `; ${comparison.open.join(', ')} open (${comparison.alternatives} alternatives)`;
  return `${bound}${open}`;
}
