import { InvalidArgumentError } from 'commander';
import { parseReportFormats, type ReportFormat } from '../report/reportFormats.js';

/** `--format` for commander: a usage error names the allowed values. */
export function parseFormatOption(text: string): ReportFormat[] {
  try {
    return parseReportFormats(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
