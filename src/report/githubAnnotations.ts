/**
 * GitHub Actions workflow commands for a report: one `::error` annotation per failing test, titled
 * with its first clause, whose message holds the test, why it failed, the shrunk counterexample
 * and the replay command (result.replay, as the run formatted it). Text is escaped by GitHub's
 * rules for workflow commands (%25, %0D, %0A; in properties also %3A and %2C), so that no message
 * can end the annotation or start a command of its own.
 */
import { terminalText } from './terminalText.js';
import type { Report, ReportResult } from './model/Report.js';
import { cutText } from './cutText.js';

/** The longest counterexample shown in an annotation; the report has all of it. */
const MAX_COUNTEREXAMPLE = 2000;

/** Escapes a workflow command's message. */
export function escapeAnnotationData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (file, title). */
export function escapeAnnotationProperty(text: string): string {
  return escapeAnnotationData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The message of a failing test's annotation: what failed, the counterexample and the replay command. */
function annotationMessage(result: ReportResult): string {
  return [
    `${result.id} ${result.status === 'error' ? 'ended in error' : 'failed'} [spec: ${result.spec.join(', ')}]`,
    result.message ?? '',
    result.counterexample === undefined
      ? ''
      : `counterexample: ${cutText(JSON.stringify(result.counterexample) ?? '', MAX_COUNTEREXAMPLE)}`,
    result.replay === undefined ? '' : `replay: ${result.replay}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * The annotation lines of a report, each ending in a newline.
 * @param file the file to attach them to (the adapter module, relative to the workspace), if any
 */
export function githubAnnotations(report: Report, file?: string): string {
  return report.results
    .filter(
      (result) =>
        result.status === 'fail' ||
        result.status === 'error' ||
        (result.status === 'unexpected-pass' && report.expectations?.strict === true),
    )
    .map((result) => {
      const properties = [
        ...(file === undefined ? [] : [`file=${escapeAnnotationProperty(file)}`]),
        `title=${escapeAnnotationProperty(`cnnspec ${result.spec[0] ?? result.id}`)}`,
      ];
      return `::error ${properties.join(',')}::${escapeAnnotationData(terminalText(annotationMessage(result)))}\n`;
    })
    .join('');
}
