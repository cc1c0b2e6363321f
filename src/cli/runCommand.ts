/**
 * `cnnspec run`: the whole suite against an adapter, with reports. Exit 0 when conformant, 1 on
 * conformance failures, 2 on a usage or adapter error, 128 + the signal's number when stopped by
 * SIGINT (130), SIGTERM (143) or SIGHUP (129): the partial report is still written, marked
 * incomplete, and no adapter process outlives the run (watchStopSignals).
 */
import { availableParallelism } from 'node:os';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import type { Adapter } from '../ops/Adapter.js';
import { AdapterStartError, execAdapter, type ExecAdapter } from '../adapter/execAdapter.js';
import { isolatedAdapter } from '../adapter/isolatedAdapter.js';
import { BROWSER_ADAPTER_NAMES } from '../browser/browserAdapters.js';
import { browserCommand } from '../browser/browserCommand.js';
import { FixtureLoadError } from '../fixtures/FixtureLoadError.js';
import { BUILTIN_ADAPTERS, loadAdapter, OUT_OF_PROCESS_BUILTINS } from '../adapter/loadAdapter.js';
import { FixtureFolderError, loadFixtureFolders, type FixtureSet } from '../fixtures/loadFixtureFolder.js';
import { ExpectationsError, loadExpectations } from '../runner/loadExpectations.js';
import { overBroadWarnings } from '../report/overBroadWarnings.js';
import { normalizeAdapterError } from '../adapter/normalizeAdapterError.js';
import type { Report, ReportResult } from '../report/model/Report.js';
import { runConformance } from '../runner/runConformance.js';
import { trapAsyncErrors } from '../runner/trapAsyncErrors.js';
import {
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_MAX_ELEMENTS,
  DEFAULT_NUM_RUNS,
  DEFAULT_SEED,
  DEFAULT_START_TIMEOUT_MS,
} from '../runner/runDefaults.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/reportFormats.js';
import { parseFormatOption } from './parseFormatOption.js';
import { writeReports } from '../report/writeReports.js';
import type { CliIo } from './CliIo.js';
import { shellQuote } from '../adapter/shellQuote.js';
import { SelectionError } from '../runner/SelectionError.js';
import { githubAnnotations } from '../report/githubAnnotations.js';
import { loadProfiles, PROFILE_NAMES, resolveProfiles } from '../profiles/loadProfiles.js';
import { ProfileError } from '../profiles/ProfileError.js';
import { profilesWithin } from '../profiles/profilesWithin.js';
import { terminalLine, terminalText } from '../report/terminalText.js';
import { signalExitCode, watchStopSignals, type StopWatch } from './watchStopSignals.js';
import { cliReplayCommand } from '../evidence/replayCommand.js';

export const EXIT_INTERRUPTED = 130;

/** The most asynchronous errors from outside any adapter call that a report records. */
const MAX_STRAY_ERRORS = 100;

const RELIABILITY_HELP = `
Stopping: the first Ctrl-C (SIGINT) finishes the test in flight, SIGTERM and
SIGHUP leave it out; either way the adapter's processes are ended and a partial
report, marked incomplete, is written (exit 130, 143 or 129). A second signal
quits at once. An --exec adapter runs in a process group of its own, which ends
with it: nothing it starts outlives the run. When it fails to start or crashes,
the message quotes the last lines of its standard error (a traceback); a line
on its standard output that is not a protocol message is a warning.

In-process adapters (--adapter): a call that never settles times out, and an
error thrown in a timer or a rejection left unhandled fails the test that caused
it; but a call that blocks synchronously (an endless loop) holds the kit's only
thread: neither --timeout nor Ctrl-C can stop it, only SIGKILL. Give --isolate
to run the adapter in a child process, which the kit kills at the timeout, and
at once on a second Ctrl-C (its calls then cross the protocol of
spec/protocol.md).
`;

interface RunCliOptions {
  adapter?: string;
  exec?: string;
  seed: number;
  numRuns: number;
  only?: string[];
  clause?: string[];
  feature?: string[];
  profile?: string[];
  quiet?: boolean;
  reporter?: Reporter[];
  shard?: { index: number; count: number };
  jobs: number;
  timeout: number;
  expectations?: string;
  reportDir: string;
  maxElements: number;
  path?: string;
  properties: boolean;
  /** False with --no-fixtures; the folders of --fixtures. */
  fixtures?: false | string[];
  builtinFixtures: boolean;
  strictExpectations?: boolean;
  format: ReportFormat[];
  specBaseUrl?: string;
  startTimeout: number;
  isolate?: boolean;
  /** `--browser`: true, or the path of the browser's executable. */
  browser?: boolean | string;
  browserGpu?: boolean;
  browserArg?: string[];
}

/** Terminal output (always, unless --quiet trims it) and GitHub Actions annotations (auto under GITHUB_ACTIONS=true). */
const REPORTERS = ['default', 'github'] as const;
type Reporter = (typeof REPORTERS)[number];

/** A repeatable option whose values may also be comma lists; a comma inside braces belongs to a glob. */
const collectList = (text: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...text
    .split(/,(?![^{]*\})/)
    .map((part) => part.trim())
    .filter((part) => part !== ''),
];

function parseReporters(text: string, previous: Reporter[] | undefined): Reporter[] {
  const names = collectList(text, previous);
  const unknown = names.find((name) => !(REPORTERS as readonly string[]).includes(name));
  if (unknown !== undefined) throw new InvalidArgumentError(`expected ${REPORTERS.join(' or ')}, got ${JSON.stringify(unknown)}`);
  return names as Reporter[];
}

const positiveInteger =
  (name: string) =>
  (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1)
      throw new InvalidArgumentError(`${name} must be a positive integer, got ${JSON.stringify(text)}`);
    return value;
  };

function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError(`expected i/n with 1 <= i <= n, such as 2/4; got ${JSON.stringify(text)}`);
  }
  return { index, count };
}

export function registerRunCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('run')
    .description('run the properties and golden fixtures against an implementation and write reports')
    .option(
      '--adapter <adapter>',
      `a built-in (${BUILTIN_ADAPTERS.join(', ')}, reference:<convention>; ${OUT_OF_PROCESS_BUILTINS.join(', ')} runs in a child process) or a module exporting an adapter`,
    )
    .option('--exec <command>', 'an adapter process speaking the protocol of spec/protocol.md, e.g. "python3 my_adapter.py"')
    .option('--isolate', 'run the --adapter in a child process that the kit can kill at --timeout and Ctrl-C, even in an endless loop')
    .option(
      '--browser [path]',
      `run the --adapter in a headless Chromium page (a browser built-in: ${BROWSER_ADAPTER_NAMES.join(', ')}; or a module for the page); the path of the browser, by default the first Chromium found`,
    )
    .option('--browser-gpu', "with --browser: use the machine's GPU instead of SwiftShader (software WebGL2 and WebGPU, the default)")
    .option(
      '--browser-arg <flag>',
      'with --browser: one more command-line flag for the browser (repeatable)',
      (flag: string, previous: string[] | undefined) => [...(previous ?? []), flag],
    )
    .option(
      '--seed <n>',
      'fast-check seed',
      (text) => {
        const value = Number(text);
        if (!Number.isInteger(value)) throw new InvalidArgumentError(`the seed must be an integer, got ${JSON.stringify(text)}`);
        return value;
      },
      DEFAULT_SEED,
    )
    .option('--num-runs <n>', 'cases per property', positiveInteger('--num-runs'), DEFAULT_NUM_RUNS)
    .option(
      '--profile <names>',
      `the profiles the run requires, repeatable or comma-separated: ${PROFILE_NAMES.join(', ')} (spec/profiles; default core)`,
      collectList,
    )
    .option(
      '--only <globs>',
      "test ids or globs, repeatable or comma-separated; '!' excludes; a glob matching a prefix selects the tests under it (conv/padding/*)",
      collectList,
    )
    .option('--clause <globs>', "run the tests that check a matching clause ID, e.g. 'pool.ceil-mode*' (repeatable)", collectList)
    .option('--feature <names>', 'run the tests that need one of these features, e.g. pool.avg (repeatable)', collectList)
    .option('--shard <i/n>', 'run shard i of n (shards partition the tests exactly)', parseShard)
    .addOption(
      new Option(
        '--jobs <n>',
        'tests run in n parallel jobs, each with its own adapter (a worker thread; for --exec and --isolate, its own process); 1 runs them one by one',
      )
        .argParser(positiveInteger('--jobs'))
        .default(availableParallelism(), 'the number of cores'),
    )
    .option('--timeout <ms>', 'per-call timeout', positiveInteger('--timeout'), DEFAULT_CALL_TIMEOUT_MS)
    .option(
      '--start-timeout <ms>',
      'how long an --exec adapter may take to start and greet',
      positiveInteger('--start-timeout'),
      DEFAULT_START_TIMEOUT_MS,
    )
    .option('--expectations <file>', 'known deviations of the implementation (spec/schema/expectations-1.schema.json)')
    .option('--strict-expectations', 'fail on unexpected passes and on expectations that match nothing')
    .option('--report-dir <dir>', 'where to write the reports', 'reports/out')
    .addOption(
      new Option('--format <list>', `renderings to write, comma-separated: ${REPORT_FORMATS.join(', ')} or all`)
        .argParser(parseFormatOption)
        .default([...REPORT_FORMATS], 'all'),
    )
    .option(
      '--spec-base-url <url>',
      'the published spec, where the HTML report links clauses to (default: no links out of the report, which embeds the text of every clause it cites)',
    )
    .option('--max-elements <n>', 'largest generated tensor', positiveInteger('--max-elements'), DEFAULT_MAX_ELEMENTS)
    .option('--path <path>', 'replay one counterexample of the property selected with --only (from a failure)')
    .option('--no-properties', 'skip the properties')
    .option('--no-fixtures', 'skip the golden fixtures')
    .option('--quiet', 'print only the failures and the summary')
    .option(
      '--reporter <names>',
      `extra output: github prints ::error annotations for GitHub Actions (default when GITHUB_ACTIONS=true); default turns that off`,
      parseReporters,
    )
    .option(
      '--fixtures <dir>',
      'also run a folder of your own fixtures, hashed by cnnspec fixtures manifest, as tests fixture/<folder name>/<id> (NAME=DIR: fixture/NAME/<id>); repeatable',
      (dir: string, previous: unknown) => [...(Array.isArray(previous) ? (previous as string[]) : []), dir],
    )
    .option('--no-builtin-fixtures', "leave out the kit's own fixtures (with --fixtures: run only yours)")
    .addHelpText('after', RELIABILITY_HELP)
    .action(async (options: RunCliOptions) => {
      setExit(await run(options, io));
    });
}

async function run(options: RunCliOptions, io: CliIo): Promise<number> {
  const stop = watchStopSignals(io);
  try {
    return await runWatched(options, io, stop);
  } finally {
    stop.release();
  }
}

async function runWatched(options: RunCliOptions, io: CliIo, stop: StopWatch): Promise<number> {
  const color = pc.createColors(io.isTTY === true && process.env.NO_COLOR === undefined);
  const fail = (message: string): number => {
    io.stderr(`cnnspec: error: ${terminalText(message)}\n`);
    return 2;
  };
  if ((options.adapter === undefined) === (options.exec === undefined)) {
    return fail('give exactly one of --adapter <name or module> and --exec <command> (see cnnspec run --help)');
  }
  if (options.path !== undefined && options.only?.length !== 1)
    return fail('--path replays one property: give it with --only <property id>');
  try {
    resolveProfiles(options.profile ?? []);
  } catch (error) {
    if (error instanceof ProfileError) return fail(error.message);
    throw error;
  }
  const reporters = options.reporter ?? (process.env.GITHUB_ACTIONS === 'true' ? ['default', 'github'] : ['default']);
  const quiet = options.quiet === true;
  let fixtureSets: FixtureSet[] = [];
  try {
    // before the adapter starts: a folder that fails its checks is a usage error, and no process is started for nothing
    fixtureSets = Array.isArray(options.fixtures) ? loadFixtureFolders(options.fixtures) : [];
  } catch (error) {
    if (error instanceof FixtureFolderError) return fail(error.message);
    if (error instanceof FixtureLoadError)
      return fail(
        `the fixtures of a --fixtures folder fail their checks, so no test ran and no report was written:\n${error.message}\n(cnnspec fixtures check <dir> gives every file its verdict)`,
      );
    throw error;
  }
  let expectations;
  try {
    expectations =
      options.expectations === undefined ? undefined : { file: options.expectations, content: loadExpectations(options.expectations) };
  } catch (error) {
    if (error instanceof ExpectationsError) return fail(`${error.message}\n(fix the file or leave out --expectations)`);
    throw error;
  }
  const strays: { kind: string; detail: string }[] = [];
  /** Once the report is made, an error can no longer go into it: it is shown instead. */
  let reportMade = false;
  // An in-process adapter's asynchronous error would end the kit: it becomes a fault instead. The
  // trap stays after the run, since a timer the adapter left may fire while the process winds
  // down, and the exit code must stay the report's.
  trapAsyncErrors((error, kind) => {
    const detail = `${kind} outside any adapter call (the adapter's code or the kit's): ${normalizeAdapterError('code', error).message}`;
    if (reportMade) {
      io.stderr(`cnnspec: warning: after the report was made, ${JSON.stringify(detail.slice(0, 500))}\n`);
      return;
    }
    if (strays.length < MAX_STRAY_ERRORS) strays.push({ kind: 'uncaught', detail });
    else if (strays.length === MAX_STRAY_ERRORS)
      strays.push({ kind: 'uncaught', detail: `further uncaught errors are not recorded (the first ${MAX_STRAY_ERRORS} are)` });
  });
  if (options.isolate === true && options.exec !== undefined)
    return fail('--isolate runs an --adapter in a child process; an --exec adapter is one already');
  const browser = options.browser !== undefined && options.browser !== false;
  if (!browser && (options.browserGpu === true || options.browserArg !== undefined))
    return fail('--browser-gpu and --browser-arg set up the browser of --browser: give --browser too');
  if (browser && (options.exec !== undefined || options.isolate === true))
    return fail('--browser runs an --adapter in a browser page, out of process: it takes neither --exec nor --isolate');
  let browserExec: string | undefined;
  try {
    // spec: browser.channel — to the runner the page is an --exec adapter with a process of its own
    browserExec = browser
      ? browserCommand({
          adapter: options.adapter!,
          ...(typeof options.browser === 'string' ? { executablePath: options.browser } : {}),
          ...(options.browserGpu === true ? { gpu: true } : {}),
          ...(options.browserArg === undefined ? {} : { args: options.browserArg }),
        })
      : undefined;
  } catch (error) {
    return fail((error as Error).message);
  }
  const execCommand = options.exec ?? browserExec;
  const isolated = options.isolate === true || (execCommand === undefined && OUT_OF_PROCESS_BUILTINS.includes(options.adapter!));
  const browserArgument = browser
    ? ` --browser${typeof options.browser === 'string' ? ` ${shellQuote(options.browser)}` : ''}${options.browserGpu === true ? ' --browser-gpu' : ''}${(options.browserArg ?? []).map((flag) => ` --browser-arg ${shellQuote(flag)}`).join('')}`
    : '';
  const adapterArgument =
    options.exec !== undefined
      ? `--exec ${shellQuote(options.exec)}`
      : `--adapter ${shellQuote(options.adapter!)}${options.isolate === true ? ' --isolate' : ''}${browserArgument}`;
  // The replay requires the same profiles, or a test the run did not require could fail there.
  const profileArgument =
    options.profile === undefined || options.profile.length === 0 ? '' : ` --profile ${shellQuote(options.profile.join(','))}`;
  let adapter: Adapter;
  try {
    const processOptions = {
      timeoutMs: options.timeout,
      startTimeoutMs: options.startTimeout,
      signal: stop.signal,
      onNonProtocolLine: warnOnce(io),
    };
    adapter =
      execCommand !== undefined
        ? await execAdapter({ command: execCommand, ...processOptions })
        : isolated
          ? await isolatedAdapter(options.adapter!, processOptions)
          : await loadAdapter(options.adapter!);
  } catch (error) {
    const stopped = stop.stopped();
    if (stopped !== undefined) {
      io.stderr(`cnnspec: ${stopped} while the adapter was starting: it was ended, no test ran, and no report was written\n`);
      return signalExitCode(stopped);
    }
    if (error instanceof AdapterStartError || (error instanceof Error && error.name === 'AdapterLoadError')) return fail(error.message);
    throw error;
  }
  stop.started();
  const exec = execCommand !== undefined || isolated ? (adapter as ExecAdapter) : undefined;
  if (!quiet)
    io.stdout(
      `cnnspec run: ${terminalLine(adapter.name)} ${terminalLine(adapter.version)}, convention ${terminalLine(conventionJson(adapter.convention))}, ${adapter.features.length} features${options.shard ? `, shard ${options.shard.index}/${options.shard.count}` : ''}${options.jobs > 1 ? `, up to ${options.jobs} jobs` : ''}\n`,
    );
  const reportDir = resolve(options.reportDir);
  let report: Report;
  try {
    report = await runConformance({
      adapter,
      source:
        options.exec !== undefined
          ? `exec: ${options.exec}`
          : browser
            ? `${options.adapter!} (browser${options.browserGpu === true ? ', GPU' : ', SwiftShader'})`
            : options.isolate === true
              ? `${options.adapter!} (isolated)`
              : isolated
                ? `${options.adapter!} (out of process)`
                : options.adapter!,
      seed: options.seed,
      numRuns: options.numRuns,
      maxElements: options.maxElements,
      timeoutMs: options.timeout,
      ...(options.only === undefined ? {} : { only: options.only }),
      ...(options.clause === undefined ? {} : { clauses: options.clause }),
      ...(options.feature === undefined ? {} : { features: options.feature }),
      ...(options.profile === undefined ? {} : { profiles: options.profile }),
      ...(options.shard === undefined ? {} : { shard: options.shard }),
      jobs: {
        count: options.jobs,
        source:
          execCommand !== undefined
            ? { kind: 'exec', command: execCommand }
            : isolated
              ? { kind: 'isolated', spec: options.adapter! }
              : { kind: 'module', spec: options.adapter! },
        startTimeoutMs: options.startTimeout,
      },
      ...(options.path === undefined ? {} : { path: options.path }),
      ...(expectations === undefined ? {} : { expectations }),
      strictExpectations: options.strictExpectations === true,
      properties: options.properties,
      fixtures: options.fixtures !== false,
      builtinFixtures: options.builtinFixtures,
      fixtureSets,
      // The expectations travel with the replay: the cases a listed defect explains are set aside,
      // and the path of a counterexample counts on it (spec: conformance.expectations).
      replay: cliReplayCommand(`${adapterArgument}${profileArgument}`, options.expectations, (id) => fixtureArgument(fixtureSets, id)),
      interrupted: () => stop.stopped() !== undefined,
      signal: stop.signal,
      events: () => [...(exec?.events() ?? []), ...strays],
      ...(exec === undefined ? {} : { starts: exec.starts }),
      onProgress: ({ done, total, id, result }) => {
        if (quiet) return;
        if (io.isTTY === true) {
          const width = 30;
          const filled = Math.round((done / Math.max(total, 1)) * width);
          io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${id.slice(0, 60).padEnd(60)}`);
          if (done === total) io.stderr('\n');
        } else if (result !== undefined) {
          io.stdout(`${statusWord(result, color)} ${result.id} (${Math.round(result.durationMs)} ms)\n`);
        }
      },
    });
  } catch (error) {
    // The suite itself is broken (see loadFixtures): no test ran, so no report is written.
    if (error instanceof FixtureLoadError) {
      return fail(
        `the golden fixtures fail their checks, so no test ran and no report was written:\n${error.message}\n` +
          "(the kit's own fixtures are held to their manifest: keep your own cases in a folder of your own, hash it with cnnspec fixtures manifest DIR and run it with --fixtures DIR)",
      );
    }
    // spec: conformance.selection — nothing selected is a usage error, not a conformant run
    if (error instanceof SelectionError) return fail(`${error.message}; no test ran and no report was written`);
    throw error;
  } finally {
    reportMade = true;
    await adapter.dispose?.().catch(() => undefined);
  }
  const written = writeReports(report, reportDir, {
    formats: options.format,
    ...(options.specBaseUrl === undefined ? {} : { specBaseUrl: options.specBaseUrl }),
  });
  printFailures(report, io, color);
  if (reporters.includes('github')) io.stdout(githubAnnotations(report, annotationFile(options)));
  const s = report.summary;
  io.stdout(
    `\n${s.total} tests: ${color.green(`${s.pass} pass`)}, ${s.fail > 0 ? color.red(`${s.fail} fail`) : `${s.fail} fail`}, ${s['expected-fail']} expected-fail, ${s['unexpected-pass']} unexpected-pass, ${s.unsupported} unsupported, ${s.error} error` +
      ` in ${(report.run.durationMs / 1000).toFixed(1)} s (adapter ${(report.run.adapterMs / 1000).toFixed(1)} s${report.run.jobs === undefined ? '' : `, added over ${report.run.jobs} jobs`})\n`,
  );
  if (report.summary.total === 0 && options.shard !== undefined) {
    // spec: conformance.selection — only a selection smaller than the shard count leaves a shard empty
    io.stdout(
      `shard ${options.shard.index}/${options.shard.count} holds no test: the selection has ${report.run.selected ?? 0} test(s), fewer than the ${options.shard.count} shards\n`,
    );
  }
  printProfiles(report, adapter, io, color);
  if (report.expectations && report.expectations.unmatched.length > 0) {
    io.stdout(
      color.yellow(`expectations that match nothing: ${report.expectations.unmatched.map((entry) => terminalLine(entry)).join(', ')}\n`),
    );
  }
  const defects = report.expectations?.defects ?? [];
  if (defects.length > 0) {
    io.stdout(
      `defects explaining failures: ${defects.map(({ defect, explained }) => `${terminalLine(defect)} ${explained}`).join(', ')}\n`,
    );
  }
  const fragile = report.expectations?.warnings ?? [];
  if (fragile.length > 0) {
    // spec: conformance.expectations
    io.stdout(
      color.yellow(
        `${fragile.length} expectation(s) match by test id or feature and are seed-fragile; name the defect instead (first: ${terminalLine(fragile[0]!)})\n`,
      ),
    );
  }
  for (const warning of overBroadWarnings(report)) io.stdout(color.yellow(`warning: ${terminalLine(warning, 2000)}\n`));
  for (const warning of idleFolderWarnings(report, fixtureSets)) io.stdout(color.yellow(`warning: ${terminalLine(warning, 2000)}\n`));
  for (const r of report.results.filter((r) => r.status === 'unexpected-pass')) {
    io.stdout(color.yellow(`unexpected pass: ${r.id} (expected to fail: ${terminalLine(r.expectation?.reason ?? '')})\n`));
  }
  const uncaught = report.events.filter((e) => e.kind === 'uncaught').reduce((sum, e) => sum + e.count, 0);
  if (uncaught > 0)
    io.stdout(
      color.yellow(`${uncaught} error(s) thrown asynchronously outside the tests they would fail, recorded in the report's events\n`),
    );
  io.stdout(
    `${report.summary.conformant ? color.green('conformant') : color.red('not conformant')}${report.run.incomplete ? ' (incomplete: interrupted)' : ''}; reports: ${written.files.join(', ') || '(none)'}\n`,
  );
  for (const failure of written.failures)
    io.stderr(`cnnspec: error: could not write the ${failure.format} report into ${reportDir}: ${failure.message}\n`);
  for (const file of written.removed) io.stderr(`cnnspec: removed ${file}: it belonged to an earlier report\n`);
  if (written.failures.length > 0) return 2;
  const stopped = stop.stopped();
  if (stopped !== undefined) {
    // an in-process adapter may still be busy in the test left out: it must not hold the exit up
    if (stopped !== 'SIGINT') setTimeout(() => process.exit(signalExitCode(stopped)), 0).unref();
    return signalExitCode(stopped);
  }
  if (report.run.incomplete) return EXIT_INTERRUPTED;
  return report.summary.conformant ? 0 : 1;
}

/**
 * Which published profiles the adapter meets (spec: conformance.profiles), why each profile the
 * run required is not met, and, when the adapter lacks an op or feature of one, the profiles it
 * can choose instead.
 */
function printProfiles(report: Report, adapter: Adapter, io: CliIo, color: ReturnType<typeof pc.createColors>): void {
  if (report.run.shard !== undefined) {
    io.stdout('profiles: judged on the report of all shards merged (cnnspec report --merge)\n');
    return;
  }
  const verdicts = report.profiles ?? [];
  const met = verdicts.filter((verdict) => verdict.met).map((verdict) => verdict.name);
  io.stdout(`conformant to profiles: ${met.length === 0 ? 'none' : color.green(met.join(', '))}\n`);
  const required = report.run.profile.split(',');
  for (const verdict of verdicts.filter((candidate) => required.includes(candidate.name) && !candidate.met)) {
    const paint = verdict.failing > 0 || verdict.unsupported > 0 ? color.red : (text: string) => text;
    io.stdout(paint(`profile ${verdict.name} not met: ${verdict.reason ?? ''}\n`));
  }
  const within = profilesWithin(loadProfiles(), adapter).map((profile) => profile.name);
  const beyond = required.filter((name) => !within.includes(name));
  if (beyond.length > 0) {
    const choice =
      within.length === 0
        ? 'no published profile fits its methods and features (spec/profiles)'
        : `choose profiles it can meet with --profile ${within.join(',')}`;
    io.stdout(color.yellow(`the adapter lacks an op or feature of profile ${beyond.join(', ')}: ${choice}\n`));
  }
}

/** The adapter module as a path from the working directory, for annotations; none for a built-in or a command. */
function annotationFile(options: RunCliOptions): string | undefined {
  if (options.adapter === undefined) return undefined;
  const path = options.adapter;
  if (!/[\\/]|\.[cm]?[jt]s$/.test(path)) return undefined;
  const fromCwd = relative(process.cwd(), resolve(path));
  return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? undefined : fromCwd.split('\\').join('/');
}

/**
 * One warning per run for the first line of an --exec adapter's standard output that is not a
 * protocol message (spec: protocol.framing): a stray print is easy to miss among the report's
 * events, and the next one may be taken for an answer's line.
 */
function warnOnce(io: CliIo): (line: string) => void {
  let warned = false;
  return (line) => {
    if (warned) return;
    warned = true;
    io.stderr(
      `${io.isTTY === true ? '\n' : ''}cnnspec: warning: the adapter wrote a line that is not a protocol message to its standard output: ${terminalLine(JSON.stringify(line), 200)}\n` +
        "  (a stray print? its standard output is for protocol messages only: write diagnostics to standard error; every such line is counted in the report's events)\n",
    );
  };
}

/**
 * A folder of one's own none of whose fixtures ran (each unsupported: another convention, a
 * feature or op the adapter lacks) would leave a run "conformant" without a word about it.
 */
function idleFolderWarnings(report: Report, sets: readonly FixtureSet[]): string[] {
  const warnings: string[] = [];
  for (const set of sets) {
    const results = report.results.filter((result) => result.id.startsWith(`fixture/${set.name}/`));
    if (results.length === 0 || results.some((result) => result.status !== 'unsupported')) continue;
    warnings.push(
      `none of the ${results.length} fixture(s) of ${set.dir} ran, all unsupported (first: ${results[0]!.message ?? 'no reason given'})`,
    );
  }
  return warnings;
}

/** The --fixtures a replay of a folder's test needs: that folder, under its name. */
function fixtureArgument(sets: readonly FixtureSet[], id: string): string {
  const set = sets.find((candidate) => id.startsWith(`fixture/${candidate.name}/`));
  if (set === undefined) return '';
  return ` --fixtures ${shellQuote(set.name === basename(resolve(set.dir)) ? set.dir : `${set.name}=${set.dir}`)}`;
}

function statusWord(result: ReportResult, color: ReturnType<typeof pc.createColors>): string {
  const word = result.status.padEnd(15);
  if (result.status === 'pass') return color.green(word);
  if (result.status === 'fail' || result.status === 'error') return color.red(word);
  if (result.status === 'unsupported') return color.dim(word);
  return color.yellow(word);
}

function printFailures(report: Report, io: CliIo, color: ReturnType<typeof pc.createColors>): void {
  for (const r of report.results.filter((r) => r.status === 'fail' || r.status === 'error')) {
    io.stdout(
      `\n${color.red(r.status.toUpperCase())} ${r.id} [spec: ${r.spec.join(', ')}]\n  ${r.description}\n  ${terminalText(r.message ?? '')}\n`,
    );
    if (r.evidence?.form !== undefined) io.stdout(`  API form: ${terminalLine(r.evidence.form)}\n`);
    if (r.evidence?.otherForms !== undefined) io.stdout(`  other calls: ${terminalLine(r.evidence.otherForms.join('; '), 2000)}\n`);
    if (r.counterexample !== undefined)
      io.stdout(`  counterexample (after ${r.shrinks} shrinks): ${terminalLine(JSON.stringify(r.counterexample), 2000)}\n`);
    if (r.replay !== undefined) io.stdout(`  replay: ${terminalLine(r.replay, 10_000)}\n`);
  }
}

/** The convention as JSON for the terminal; never a throw (validated at the handshake, but an in-process value may still refuse). */
function conventionJson(convention: unknown): string {
  try {
    return JSON.stringify(convention) ?? String(convention);
  } catch (error) {
    return `(not printable: ${(error as Error).message})`;
  }
}
