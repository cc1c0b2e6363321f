/**
 * An expectation that matched, in words for the renderings: the defect and the part of its
 * signature that explained the failure, or, for an entry by test id or feature, that it is
 * seed-fragile (spec: conformance.expectations).
 */
import type { ReportResult } from './model/Report.js';

export function describeExpectation(expectation: NonNullable<ReportResult['expectation']>): string {
  const link = expectation.link === undefined ? '' : ` (${expectation.link})`;
  if (expectation.defect !== undefined) return `${expectation.defect} (${expectation.part ?? 'signature'}): ${expectation.reason}${link}`;
  return `${expectation.reason}${link}${expectation.seedFragile === true ? ` [matched by ${expectation.match}, not by a defect signature: seed-fragile]` : ''}`;
}
