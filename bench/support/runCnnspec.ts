/**
 * One `cnnspec run` in a fresh process (`node --import tsx src/cli/main.ts run ...`, or the compiled
 * `node dist/src/cli/main.js run ...`), timed from
 * spawn to exit, with the report it wrote. The reports go to a fresh folder that is removed
 * afterwards; exit codes 0 (conformant) and 1 (failures) both count as a finished run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/files/packageRoot.js';
import type { Report } from '../../src/report/model/Report.js';
import { timeCommand, tsxArgs } from './timeCommand.js';

export interface CnnspecRun {
  wallMs: number;
  report: Report;
}

export interface RunCnnspecOptions {
  /** Node options before the script, e.g. `--cpu-prof`. */
  nodeOptions?: readonly string[];
  /** Report formats. @defaultValue the CLI's default (all) */
  format?: string;
  /** Run the compiled CLI (`dist/`, what an installed package runs; `npm run build` first) instead of the sources through tsx. */
  compiled?: boolean;
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
    const timed = await timeCommand(command, [...(options.nodeOptions ?? []), ...cli], { cwd: packageRoot(), okCodes: [0, 1] });
    return { wallMs: timed.wallMs, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
