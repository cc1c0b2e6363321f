/**
 * Writes a run's reports into the report folder: report.json (the one source) and junit.xml.
 * Every file is written atomically.
 */
import { join } from 'node:path';
import type { Report } from './Report.js';
import { renderJunit } from './renderJunit.js';
import { writeFileAtomic } from './writeFileAtomic.js';

export function writeReports(report: Report, dir: string): string[] {
  const files = [join(dir, 'report.json'), join(dir, 'junit.xml')];
  writeFileAtomic(files[0]!, `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(files[1]!, renderJunit(report));
  return files;
}
