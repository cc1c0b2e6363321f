/**
 * A failed conformance test as the lines a person reads: what failed and its clauses, the
 * invariant or fixture, what went wrong, the shrunk counterexample and the command that replays
 * it, in the layout of the property suite's own failures (properties/runProperty.ts).
 */
import { describeExpectation } from '../report/describeExpectation.js';
import type { ReportResult } from '../report/model/Report.js';

export function formatTestFailure(result: ReportResult): string {
  const what = result.kind === 'property' ? `property ${result.id}` : `fixture ${result.id.replace(/^fixture\//, '')}`;
  const verdict =
    result.status === 'unexpected-pass'
      ? 'passed, but an expectation says it fails'
      : result.status === 'error'
        ? 'could not run'
        : 'failed';
  const lines = [`${what} ${verdict} [spec: ${result.spec.join(', ')}]`, `  ${result.description}`];
  if (result.message !== undefined) lines.push(indent(result.message));
  if (result.evidence?.form !== undefined) lines.push(`  API form: ${result.evidence.form}`);
  if (result.evidence?.otherForms !== undefined) lines.push(`  other calls: ${result.evidence.otherForms.join('; ')}`);
  if (result.expectation !== undefined) {
    lines.push(`  expectation ${result.expectation.match}: ${describeExpectation(result.expectation)}`);
  }
  if (result.counterexample !== undefined) {
    lines.push(`  counterexample (after ${result.shrinks ?? 0} shrinks): ${JSON.stringify(result.counterexample)}`);
  }
  if (result.replay !== undefined) lines.push(`  replay: ${result.replay}`);
  return lines.join('\n');
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
