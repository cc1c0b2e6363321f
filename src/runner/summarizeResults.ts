/**
 * A run's summary from its results: counts by status and the verdict. Conformant means no
 * failure, no error and a complete run (and, with strict expectations, no unexpected pass and
 * no expectation that matched nothing).
 *
 * @see spec:conformance.verdict
 */
import type { Report, ReportResult, ResultStatus } from '../report/model/Report.js';

export function summarizeResults(
  results: readonly ReportResult[],
  run: { incomplete: boolean; strictExpectations: boolean; unmatchedExpectations: number },
): Report['summary'] {
  const count = (status: ResultStatus): number => results.filter((r) => r.status === status).length;
  const summary = {
    total: results.length,
    pass: count('pass'),
    fail: count('fail'),
    'expected-fail': count('expected-fail'),
    'unexpected-pass': count('unexpected-pass'),
    unsupported: count('unsupported'),
    error: count('error'),
    conformant: false,
  };
  summary.conformant =
    summary.fail === 0 &&
    summary.error === 0 &&
    !run.incomplete &&
    (!run.strictExpectations || (summary['unexpected-pass'] === 0 && run.unmatchedExpectations === 0));
  return summary;
}
