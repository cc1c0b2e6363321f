/**
 * The verdict of a run, as the renderings state it (spec: conformance.verdict). A run with
 * failures or errors is not conformant even when it was interrupted; an interrupted run without
 * them is incomplete, since the tests that did not run could still fail.
 */
import type { Report } from './model/Report.js';

export type Verdict = 'conformant' | 'not conformant' | 'incomplete';

export function reportVerdict(report: Report): Verdict {
  if (report.summary.conformant) return 'conformant';
  if (report.summary.fail > 0 || report.summary.error > 0) return 'not conformant';
  if (report.run.incomplete) return 'incomplete';
  // No failure, yet not conformant: strict expectations with an unexpected pass or an unmatched entry.
  return 'not conformant';
}
