/**
 * `cnnspec report`: renders a saved report.json again (Markdown, HTML, JUnit), or, with
 * `--merge`, joins the reports of the shards of one run into the report of the whole run.
 * Exit 0 when the (merged) run is conformant, 1 when it is not, 2 on a usage or file error.
 */
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadReport, ReportFileError } from '../runner/loadReport.js';
import { mergeReports, MergeError } from '../runner/mergeReports.js';
import type { Report } from '../report/model/Report.js';
import type { ReportFormat } from '../report/reportFormats.js';
import { writeReports } from '../report/writeReports.js';
import type { CliIo } from './CliIo.js';
import { parseFormatOption } from './parseFormatOption.js';
import { terminalText } from '../report/terminalText.js';

interface ReportCliOptions {
  merge?: boolean;
  format?: ReportFormat[];
  out?: string;
  specBaseUrl?: string;
}

export function registerReportCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('report')
    .description('render a saved report.json again, or merge the reports of the shards of one run')
    .argument('<report.json...>', 'a report written by cnnspec run (with --merge: one per shard)')
    .option('--merge', 'join the reports of the shards of one run (--shard i/n) into one report')
    .option('--format <list>', 'renderings to write: json, junit, md, html or all (default: md,html; with --merge: all)', parseFormatOption)
    .option('--out <dir>', "where to write (default: the report's folder; with --merge: reports/out)")
    .option(
      '--spec-base-url <url>',
      'the published spec, where the HTML report links clauses to (default: no links out of the report, which embeds the text of every clause it cites)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  cnnspec report reports/out/report.json --format html\n  cnnspec report --merge shard-1/report.json shard-2/report.json shard-3/report.json --out reports/out\n',
    )
    .action((files: string[], options: ReportCliOptions) => {
      setExit(report(files, options, io));
    });
}

function report(files: string[], options: ReportCliOptions, io: CliIo): number {
  const fail = (message: string): number => {
    io.stderr(`cnnspec: error: ${terminalText(message)}\n`);
    return 2;
  };
  if (!options.merge && files.length !== 1)
    return fail(`give one report to render, or --merge with the reports of every shard (got ${files.length} files)`);
  let result: Report;
  try {
    const reports = files.map((file) => loadReport(file));
    result = options.merge ? mergeReports(reports, files) : reports[0]!;
  } catch (error) {
    if (error instanceof ReportFileError || error instanceof MergeError) return fail(error.message);
    throw error;
  }
  const out = resolve(options.out ?? (options.merge ? 'reports/out' : dirname(files[0]!)));
  const formats = options.format ?? (options.merge ? ['json', 'junit', 'md', 'html'] : ['md', 'html']);
  // Rendered again into its own folder, a report's other files there are renderings of it too.
  const others = !options.merge && sameFolder(out, dirname(resolve(files[0]!))) ? 'keep' : 'remove';
  const written = writeReports(result, out, {
    formats,
    others,
    ...(options.specBaseUrl === undefined ? {} : { specBaseUrl: options.specBaseUrl }),
  });
  for (const failure of written.failures)
    io.stderr(`cnnspec: error: could not write the ${failure.format} report into ${out}: ${failure.message}\n`);
  for (const file of written.removed) io.stderr(`cnnspec: removed ${file}: it belonged to an earlier report\n`);
  const s = result.summary;
  const merged = options.merge
    ? `merged ${files.length} shard report(s)${result.run.missingShards ? `; missing shard(s) ${result.run.missingShards.join(', ')} of ${result.run.mergedFrom?.[0]?.shard.count}` : ''}: `
    : '';
  io.stdout(
    `${merged}${s.total} tests: ${s.pass} pass, ${s.fail} fail, ${s['expected-fail']} expected-fail, ${s['unexpected-pass']} unexpected-pass, ${s.unsupported} unsupported, ${s.error} error\n` +
      `${s.conformant ? 'conformant' : 'not conformant'}${result.run.incomplete ? ' (incomplete)' : ''}; reports: ${written.files.join(', ') || '(none)'}\n`,
  );
  if (written.failures.length > 0) return 2;
  return s.conformant ? 0 : 1;
}

/** Whether two paths name one folder, through symbolic links too. */
function sameFolder(a: string, b: string): boolean {
  const real = (path: string): string => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  return real(a) === real(b);
}
