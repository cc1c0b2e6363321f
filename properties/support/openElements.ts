/**
 * The output elements of a call whose value the adapter's convention leaves open: where its
 * members give different values (an empty window's value, a window's NaN). A property that
 * compares two calls of the adapter with each other cannot hold such an element to one value,
 * since an implementation may decide it differently in each call (spec: convention.unspecified);
 * the differential properties check those elements against every member instead.
 */
import { sameElement } from '../../src/judge/compareExact.js';
import type { ConventionSpec } from '../../src/spec/conventions.js';
import { callOutcomes } from './referenceOps.js';
import type { OpCall } from '../../src/ops/registry.js';

export function openElements(call: OpCall, convention: ConventionSpec): Set<number> {
  const open = new Set<number>();
  for (const outcome of callOutcomes(call, convention).outcomes) {
    if (outcome.kind !== 'tensor') continue;
    const [first, ...others] = outcome.alternatives;
    for (const other of others) {
      for (let index = 0; index < first!.output.data.length; index++) {
        if (!sameElement(first!.output.data[index]!, other.output.data[index]!, true)) open.add(index);
      }
    }
  }
  return open;
}
