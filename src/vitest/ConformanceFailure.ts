/**
 * The error a failed conformance test throws. Its message is the whole failure report; the stack
 * is left out because it would point into the kit, not at the implementation under test.
 */
import type { ReportResult } from '../report/model/Report.js';
import { formatTestFailure } from './formatTestFailure.js';

export class ConformanceFailure extends Error {
  readonly result: ReportResult;

  constructor(result: ReportResult) {
    super(formatTestFailure(result));
    this.name = 'ConformanceFailure';
    this.result = result;
    this.stack = `${this.name}: ${this.message}`;
  }
}
