/**
 * The warnings of a report's over-broad expectations, one line each, with the failures of the run
 * each one turned into expected ones: for the terminal and every rendering alike
 * (spec: conformance.expectations).
 */
import { describeOverBroad } from '../runner/loadExpectations.js';
import type { Report } from './model/Report.js';

export function overBroadWarnings(report: Report): string[] {
  return (report.expectations?.overBroad ?? []).map((broad) =>
    describeOverBroad(
      broad,
      report.results.filter((result) => result.status === 'expected-fail' && result.expectation?.match === broad.entry).length,
    ),
  );
}
