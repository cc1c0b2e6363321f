/**
 * Writes a run's reports into the report folder as one set, all or nothing, so that the folder
 * never holds renderings of two different reports side by side (a report.json saying "not
 * conformant" beside an older report.html saying "conformant"):
 *
 * 1. every rendering is made in memory; one that fails is recorded and the others go on;
 * 2. the renderings are written into a fresh staging folder inside the report folder (inside,
 *    not beside it, so that the final renames never cross file systems, even when the report
 *    folder is a symbolic link or a mount point); if any write fails (a full disk), the staging
 *    folder is removed and the report folder is left exactly as it was;
 * 3. report files of formats this set does not have, left by an earlier report, are removed
 *    (and listed in `removed`), so that what stays belongs to this report;
 * 4. each staged file replaces its namesake by a rename, which never leaves half a file.
 *
 * Should a rename fail halfway through step 4, the report files of both sets are removed: the
 * folder then holds no report rather than a mixed one, and the failures say so. Only a process
 * killed within step 4 (between two renames, microseconds) can leave a mix; one killed earlier
 * leaves the earlier set whole and at most its staging folder (`.cnnspec-reports.*.tmp`).
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from './renderHtml.js';
import { renderMarkdown } from './renderMarkdown.js';
import type { Report } from './model/Report.js';
import { REPORT_FILE_NAMES, REPORT_FORMATS, type ReportFormat } from './reportFormats.js';
import { renderJunit } from './renderJunit.js';

export interface WriteReportsOptions {
  formats?: readonly ReportFormat[];
  /** The published spec, for the HTML page's links out (default: none; the page embeds the clauses it cites). */
  specBaseUrl?: string;
  /**
   * Report files already in the folder of formats this call does not write: `remove` (the
   * default) when they belong to another report, `keep` when they are renderings of this same
   * report (a saved report rendered again into its own folder).
   */
  others?: 'remove' | 'keep';
}

export interface WrittenReports {
  files: string[];
  /** Renderings that could not be made or written, with why. */
  failures: { format: ReportFormat; message: string }[];
  /** Report files of an earlier report that were removed so as not to stand beside this one. */
  removed: string[];
}

const RENDERERS: Readonly<Record<ReportFormat, (report: Report, options: WriteReportsOptions) => string>> = {
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
  junit: (report) => renderJunit(report),
  md: (report) => renderMarkdown(report),
  html: (report, options) => renderHtml(report, options.specBaseUrl === undefined ? {} : { specBaseUrl: options.specBaseUrl }),
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Whether anything (a file, a link, a folder) is at `path`, without following a link. */
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export function writeReports(report: Report, dir: string, options: WriteReportsOptions = {}): WrittenReports {
  const formats = options.formats ?? REPORT_FORMATS;
  const written: WrittenReports = { files: [], failures: [], removed: [] };
  const rendered: { format: ReportFormat; content: string }[] = [];
  for (const format of REPORT_FORMATS.filter((f) => formats.includes(f))) {
    try {
      rendered.push({ format, content: RENDERERS[format](report, options) });
    } catch (error) {
      written.failures.push({ format, message: messageOf(error) });
    }
  }
  const notWritten = (failed: ReportFormat, error: unknown, after: string): void => {
    for (const { format } of rendered) {
      written.failures.push({
        format,
        message:
          format === failed
            ? `${messageOf(error)}; ${after}`
            : `not written, because the ${failed} report could not be (a set of reports is written whole or not at all)`,
      });
    }
  };

  let staging: string;
  try {
    mkdirSync(dir, { recursive: true });
    staging = join(dir, `.cnnspec-reports.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    mkdirSync(staging);
  } catch (error) {
    for (const { format } of rendered) written.failures.push({ format, message: `${messageOf(error)}; nothing was written` });
    return written;
  }
  const removeStaging = (): void => rmSync(staging, { recursive: true, force: true });

  for (const { format, content } of rendered) {
    try {
      // flush: a file that does not fit on the disk fails here, before anything replaces the earlier set
      writeFileSync(join(staging, REPORT_FILE_NAMES[format]), content, { flag: 'wx', flush: true });
    } catch (error) {
      removeStaging();
      notWritten(format, error, 'nothing was written, and the folder keeps the reports it had');
      return written;
    }
  }

  const names = new Set(rendered.map(({ format }) => REPORT_FILE_NAMES[format]));
  const stale =
    options.others === 'keep' ? [] : REPORT_FORMATS.map((format) => REPORT_FILE_NAMES[format]).filter((name) => !names.has(name));
  for (const name of stale) {
    const path = join(dir, name);
    if (!present(path)) continue;
    try {
      unlinkSync(path);
      written.removed.push(path);
    } catch (error) {
      removeStaging();
      for (const { format } of rendered) {
        written.failures.push({
          format,
          message: `not written, because ${path} of an earlier report could not be removed (${messageOf(error)}), and the two would disagree`,
        });
      }
      return written;
    }
  }

  const moved: string[] = [];
  for (const { format } of rendered) {
    const name = REPORT_FILE_NAMES[format];
    try {
      renameSync(join(staging, name), join(dir, name));
      moved.push(join(dir, name));
    } catch (error) {
      // Some files are new and the rest old: remove both rather than leave a mixed set.
      for (const { format: other } of rendered) {
        const path = join(dir, REPORT_FILE_NAMES[other]);
        if (moved.includes(path) || present(path)) {
          try {
            unlinkSync(path);
            if (!moved.includes(path)) written.removed.push(path);
          } catch {
            // nothing more can be done; the failure below names the folder
          }
        }
      }
      removeStaging();
      notWritten(
        format,
        error,
        'the report files of this report and of the earlier one were removed, so that the folder holds no mixed set',
      );
      return written;
    }
  }
  written.files.push(...moved);
  removeStaging();
  return written;
}
