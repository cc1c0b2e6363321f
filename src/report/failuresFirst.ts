/**
 * The results a reader must look at, in the order of their weight: failures, then errors, then
 * unexpected passes (an expectation that no longer holds), each group in run order.
 */
import type { ReportResult, ResultStatus } from './model/Report.js';

export const ATTENTION_ORDER: readonly ResultStatus[] = ['fail', 'error', 'unexpected-pass'];

export function failuresFirst(results: readonly ReportResult[]): ReportResult[] {
  return ATTENTION_ORDER.flatMap((status) => results.filter((result) => result.status === status));
}
