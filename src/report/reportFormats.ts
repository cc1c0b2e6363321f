/**
 * The renderings a run can write, all made from the one JSON report: `json` (report.json, the
 * source), `junit` (junit.xml, for CI gates), `md` (report.md, a CI job summary) and `html`
 * (report.html, one self-contained page with pictures of every failure).
 */
export const REPORT_FORMATS = ['json', 'junit', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_FILE_NAMES: Readonly<Record<ReportFormat, string>> = {
  json: 'report.json',
  junit: 'junit.xml',
  md: 'report.md',
  html: 'report.html',
};

/** `json,html` or `all`, into a list of formats; throws with the allowed values otherwise. */
export function parseReportFormats(text: string): ReportFormat[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 1 && names[0] === 'all') return [...REPORT_FORMATS];
  const unknown = names.filter((name) => !(REPORT_FORMATS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--format takes a comma-separated list of ${REPORT_FORMATS.join(', ')} (or all); got ${JSON.stringify(text)}`);
  }
  return REPORT_FORMATS.filter((format) => names.includes(format));
}
