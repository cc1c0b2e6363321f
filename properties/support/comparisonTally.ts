/**
 * The room a property's passing cases left under their bounds: every tensor comparison a check
 * makes is added to the tally of the property in progress, so that a passing property's result
 * can say how close the implementation came to the tolerance model's bound (spec:
 * conformance.tolerance). A GPU's arithmetic (browser.gpu-arithmetic) shows there as a margin
 * smaller than a CPU's, long before it fails.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ComparisonReport } from '../../src/judge/tolerance.js';
import type { FixtureComparison } from '../../src/report/model/Report.js';

export class ComparisonTally {
  private rounded = 0;
  private margin = Infinity;
  private maxUlp = 0;

  record(report: ComparisonReport): void {
    // an exact comparison has no room to report: only bounds for rounded results do
    if (!report.pass || report.metric === 'exact' || report.elements === 0) return;
    this.rounded += 1;
    this.margin = Math.min(this.margin, report.margin);
    if (Number.isFinite(report.maxUlp)) this.maxUlp = Math.max(this.maxUlp, report.maxUlp);
  }

  /** The tightest margin over every rounded comparison, or undefined when there was none. */
  summary(): FixtureComparison | undefined {
    if (this.rounded === 0) return undefined;
    return { metric: 'dot-product', margin: this.margin, maxUlp: this.maxUlp, comparisons: this.rounded };
  }
}

const storage = new AsyncLocalStorage<ComparisonTally>();

/** Adds a comparison to the tally in progress, if any. */
export function recordComparison(report: ComparisonReport): void {
  storage.getStore()?.record(report);
}

/** Runs `body`, adding the comparisons it makes to `tally`. */
export function withComparisonTally<T>(tally: ComparisonTally, body: () => Promise<T>): Promise<T> {
  return storage.run(tally, body);
}
