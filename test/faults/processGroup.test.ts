/**
 * An `--exec` adapter runs in a process group of its own, which the kit ends with it: a child
 * the adapter started (`sleep 1000 & exec adapter`) keeps its standard output open, and would
 * otherwise keep the kit from exiting after the run, and a crash of the adapter from being seen
 * before the request's timeout. The adapter's exit is the end of its answers; nothing it started
 * outlives the run.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReports, cnnspecRun, root } from './checkedRun.js';
import { processAlive, processEnds } from './processAlive.js';
import { spawnCnnspec } from './spawnCnnspec.js';

const script = join(root, 'test', 'adapters', 'faulty', 'faultyProcess.mjs');
const SELECTION = ['conv/output-shape/matches-formula', 'fixture/conv.gen-000', 'fixture/dense.gen-000'];
/** A request timeout far beyond what any assertion below allows: a crash must be seen without it. */
const LONG_TIMEOUT_MS = 60_000;

/** A shell command that starts `sleep 1000` in the background, notes its pid, and execs the faulty adapter in `mode`. */
function withChild(mode: string): { exec: string; childPid: () => number } {
  const dir = mkdtempSync(join(tmpdir(), 'cnnspec-group-'));
  const pidFile = join(dir, 'child.pid');
  return {
    exec: `sleep 1000 & echo $! > '${pidFile}'; exec '${process.execPath}' '${script}' ${mode} 'once=${join(dir, 'struck')}'`,
    childPid: () => {
      expect(existsSync(pidFile)).toBe(true);
      return Number(readFileSync(pidFile, 'utf8'));
    },
  };
}

describe('an adapter whose child holds its standard output', () => {
  it('the kit exits as soon as the run is done, and the child is ended with the adapter', async ({ onTestFinished }) => {
    const adapter = withChild('healthy');
    const run = spawnCnnspec(
      [
        'run',
        '--exec',
        adapter.exec,
        '--num-runs',
        '3',
        '--only',
        SELECTION.join(','),
        '--report-dir',
        mkdtempSync(join(tmpdir(), 'cnnspec-group-')),
      ],
      onTestFinished,
    );
    const outcome = await Promise.race([
      run.exited,
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 30_000)),
    ]);
    expect(outcome, run.err()).not.toBe('still running');
    expect(outcome).toMatchObject({ code: 0, signal: null });
    expect(run.out()).toMatch(/^conformant; reports: /m);
    expect(await processEnds(adapter.childPid(), 5000)).toBe(true);
  }, 60_000);

  it('a crash of the adapter fails the request in flight at once, not at its timeout, and the child is ended', async () => {
    const adapter = withChild('sigkill-on-conv');
    const run = await cnnspecRun([
      '--exec',
      adapter.exec,
      '--num-runs',
      '3',
      '--timeout',
      String(LONG_TIMEOUT_MS),
      '--only',
      SELECTION.join(','),
    ]);
    expect(run.code, run.err).toBe(1);
    const report = checkReports(run);
    const failed = report.results.filter((r) => r.status !== 'pass');
    expect(failed.map((r) => r.id)).toEqual(['conv/output-shape/matches-formula']);
    expect(failed[0]!.message).toMatch(/adapter exited \(code null, signal SIGKILL: killed by SIGKILL\) while request \d+ was in flight/);
    expect(run.ms).toBeLessThan(20_000); // the timeout is 60 s
    expect(await processEnds(adapter.childPid(), 5000)).toBe(true);
  }, 90_000);

  it('a child that left the group (setsid) is out of reach, but holds the kit up no longer than a moment after the adapter exits', async ({
    onTestFinished,
  }) => {
    const adapter = withChild('healthy');
    const exec = adapter.exec.replace(/^sleep 1000 &/, 'setsid sleep 1000 &');
    const run = spawnCnnspec(
      [
        'run',
        '--exec',
        exec,
        '--num-runs',
        '1',
        '--only',
        'fixture/dense.gen-000',
        '--format',
        'json',
        '--report-dir',
        mkdtempSync(join(tmpdir(), 'cnnspec-group-')),
      ],
      onTestFinished,
    );
    const outcome = await Promise.race([
      run.exited,
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 30_000)),
    ]);
    const childPid = adapter.childPid();
    onTestFinished(() => {
      if (processAlive(childPid)) process.kill(childPid, 'SIGKILL'); // the kit could not: the test does
    });
    expect(outcome, run.err()).not.toBe('still running');
    expect(outcome).toMatchObject({ code: 0, signal: null });
  }, 60_000);
});
