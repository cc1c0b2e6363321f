/**
 * One `cnnspec run` in a fresh process (`node --import tsx src/cli/main.ts run ...`, or the compiled
 * `node dist/src/cli/main.js run ...`), timed from
 * spawn to exit, with the report it wrote. The reports go to a fresh folder that is removed
 * afterwards; exit codes 0 (conformant) and 1 (failures) both count as a finished run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../src/files/packageRoot.js';
import type { Report } from '../../src/report/model/Report.js';
import { timeCommand, tsxArgs } from './timeCommand.js';

/** Seconds of CPU (user and system) a run's process used, by thread (bench/support/cpuAccount.mjs). */
export interface CpuAccount {
  /** The run's own thread: job 1. */
  main: number;
  /** The worker jobs' threads (jobs 2 and up). */
  jobThreads: number;
  /** The process's other threads: V8's compiler and garbage-collector helpers, libuv's pool. */
  helpers: number;
  /** Child processes the run waited for: an `--exec` adapter, a browser. */
  children: number;
}

export interface CnnspecRun {
  wallMs: number;
  report: Report;
  /** With `cpu: true`, on Linux. */
  cpu?: CpuAccount;
}

export interface RunCnnspecOptions {
  /** Node options before the script, e.g. `--cpu-prof`. */
  nodeOptions?: readonly string[];
  /** Report formats. @defaultValue the CLI's default (all) */
  format?: string;
  /** Run the compiled CLI (`dist/`, what an installed package runs; `npm run build` first) instead of the sources through tsx. */
  compiled?: boolean;
  /** Account for the CPU time of the run by thread (Linux only; `cpu` is left out elsewhere). */
  cpu?: boolean;
}

export async function runCnnspec(args: readonly string[], options: RunCnnspecOptions = {}): Promise<CnnspecRun> {
  const dir = mkdtempSync(join(tmpdir(), 'cnnspec-bench-run-'));
  try {
    const format = options.format === undefined ? [] : ['--format', options.format];
    const cliArgs = ['run', ...args, ...format, '--report-dir', dir];
    const compiledCli = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
    if (options.compiled === true && !existsSync(compiledCli)) throw new Error(`${compiledCli} is missing: run npm run build first`);
    const [command, cli] =
      options.compiled === true ? [process.execPath, [compiledCli, ...cliArgs]] : tsxArgs(join('src', 'cli', 'main.ts'), cliArgs);
    const cpuFile = join(dir, 'cpu.jsonl');
    const cpuOptions =
      options.cpu === true ? ['--import', pathToFileURL(join(packageRoot(), 'bench', 'support', 'cpuAccount.mjs')).href] : [];
    const timed = await timeCommand(command, [...cpuOptions, ...(options.nodeOptions ?? []), ...cli], {
      cwd: packageRoot(),
      okCodes: [0, 1],
      env: options.cpu === true ? { ...process.env, CNNSPEC_BENCH_CPU_FILE: cpuFile } : process.env,
    });
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    const account = existsSync(cpuFile)
      ? readFileSync(cpuFile, 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('{"main"'))
          .map((line) => JSON.parse(line) as CpuAccount)[0]
      : undefined;
    return { wallMs: timed.wallMs, report, ...(account === undefined ? {} : { cpu: account }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
