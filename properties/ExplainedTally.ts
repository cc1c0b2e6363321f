/**
 * The failing cases of a property that listed deviations explained (spec:
 * conformance.expectations), counted per defect and part of its signature.
 */
import type { Explained, Explanation } from './Explanation.js';

export class ExplainedTally {
  private readonly counts = new Map<string, Explanation & { cases: number }>();

  record(explanation: Explanation): void {
    const key = `${explanation.defect} ${explanation.part}`;
    const entry = this.counts.get(key) ?? { ...explanation, cases: 0 };
    entry.cases += 1;
    this.counts.set(key, entry);
  }

  summary(): Explained {
    return [...this.counts.values()];
  }
}
