/**
 * Writes a run's reports into the report folder, in the formats asked for, JSON first: a
 * rendering that fails is recorded and the others are still written, so nothing is lost. Every
 * file is written atomically.
 */
import { join } from 'node:path';
import { renderHtml } from '../report/renderHtml.js';
import { renderMarkdown } from '../report/renderMarkdown.js';
import type { Report } from './Report.js';
import { REPORT_FILE_NAMES, REPORT_FORMATS, type ReportFormat } from './reportFormats.js';
import { renderJunit } from './renderJunit.js';
import { writeFileAtomic } from './writeFileAtomic.js';

export interface WriteReportsOptions {
  formats?: readonly ReportFormat[];
  /** Where the HTML page links clause IDs to (default: the installed kit's spec folder). */
  specBaseUrl?: string;
}

export interface WrittenReports {
  files: string[];
  /** Renderings that could not be made, with why. */
  failures: { format: ReportFormat; message: string }[];
}

const RENDERERS: Readonly<Record<ReportFormat, (report: Report, options: WriteReportsOptions) => string>> = {
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
  junit: (report) => renderJunit(report),
  md: (report) => renderMarkdown(report),
  html: (report, options) => renderHtml(report, options.specBaseUrl === undefined ? {} : { specBaseUrl: options.specBaseUrl }),
};

export function writeReports(report: Report, dir: string, options: WriteReportsOptions = {}): WrittenReports {
  const formats = options.formats ?? REPORT_FORMATS;
  const written: WrittenReports = { files: [], failures: [] };
  for (const format of REPORT_FORMATS.filter((f) => formats.includes(f))) {
    const file = join(dir, REPORT_FILE_NAMES[format]);
    try {
      writeFileAtomic(file, RENDERERS[format](report, options));
      written.files.push(file);
    } catch (error) {
      written.failures.push({ format, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return written;
}
