/**
 * Interrupting a real `cnnspec run` process: one Ctrl-C finishes the current test and writes a
 * partial report marked incomplete (exit 130); a second quits at once, leaving no half-written
 * file. SIGTERM and SIGHUP leave the test in flight out instead of waiting for it (exit 143 and
 * 129), and any of the three while an adapter has yet to greet ends it. No adapter process
 * outlives the run. And the reason no file is ever half written: writeFileAtomic writes a
 * temporary file and renames it, so a crash at any point leaves the old file or the new one.
 *
 * spec: runner.exit-codes, runner.reports
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import type { Report } from '../../src/report/model/Report.js';
import { checkReports, root } from './checkedRun.js';
import { NEW_CONTENT, OLD_CONTENT } from './crashMidWrite.js';
import { processAlive, processEnds } from './processAlive.js';
import { spawnCnnspec, waitFor } from './spawnCnnspec.js';

/** Properties that each take a while against an adapter that delays every call by 50 ms. */
const SLOW_TESTS = [
  'conv/bias/adds-a-constant-per-channel',
  'conv/linearity/input',
  'conv/linearity/weight',
  'conv/output-shape/matches-formula',
  'dense/bias/adds-a-constant-per-feature',
  'dense/linearity/input',
  'dense/output-shape/matches-formula',
  'pool/max/monotone',
];

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  dir: string;
  /** Milliseconds from the last SIGINT to the exit. */
  exitAfterMs: number;
}

/** What the run says on its first SIGINT. */
const ACKNOWLEDGED = /press Ctrl-C again to quit at once/;

/**
 * A failed assertion or timeout must not leave the run behind. The hook is the test's own: in
 * concurrent tests the global one may belong to another test, and kill this run when that ends.
 */
function killWhenTestEnds(child: ChildProcess, onTestFinished: TestContext['onTestFinished']): void {
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

/**
 * Spawns `cnnspec run` against the slow adapter and sends SIGINT after the first result, or 300
 * ms into the first test; with `count` 2, again once the run has said it got the first (signals
 * sent in quick succession may arrive as one).
 */
function interruptRun(
  count: 1 | 2,
  numRuns: number,
  after: 'first result' | 'start',
  onTestFinished: TestContext['onTestFinished'],
): Promise<Interrupted> {
  const dir = mkdtempSync(join(tmpdir(), 'cnnspec-interrupt-'));
  const args = [
    '--import',
    'tsx',
    'src/cli/main.ts',
    'run',
    '--adapter',
    'test/adapters/faulty/slowCalls.ts',
    '--num-runs',
    String(numRuns),
    '--only',
    SLOW_TESTS.join(','),
    '--report-dir',
    dir,
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  killWhenTestEnds(child, onTestFinished);
  let out = '';
  let err = '';
  let lastSignalAt = 0;
  const interrupt = (): void => {
    lastSignalAt = performance.now();
    child.kill('SIGINT');
  };
  child.stderr.on('data', (chunk: Buffer) => {
    const before = ACKNOWLEDGED.test(err);
    err += chunk.toString();
    if (count === 2 && !before && ACKNOWLEDGED.test(err)) interrupt();
  });
  const moment = after === 'first result' ? /^pass /m : /^cnnspec run: /m;
  child.stdout.on('data', (chunk: Buffer) => {
    const before = moment.test(out);
    out += chunk.toString();
    if (!before && moment.test(out)) setTimeout(interrupt, after === 'first result' ? 0 : 300);
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, out, err, dir, exitAfterMs: performance.now() - lastSignalAt }));
  });
}

const running = processAlive;

// The runs mostly wait (on the slow adapter, or a hung one), so they share the wall time.
describe.concurrent('interrupting a run', () => {
  it('one SIGINT: finishes the current test, writes every report marked incomplete, exits 130', async ({ onTestFinished }) => {
    const run = await interruptRun(1, 3, 'first result', onTestFinished);
    expect({ code: run.code, signal: run.signal }, run.err).toEqual({ code: 130, signal: null });
    expect(run.err).toContain('interrupted; finishing the current test and writing a partial report');
    const report = checkReports({
      code: run.code!,
      out: run.out,
      err: run.err,
      ms: 0,
      dir: run.dir,
      report: JSON.parse(readFileSync(join(run.dir, 'report.json'), 'utf8')) as Report,
    });
    expect(report.run.incomplete).toBe(true);
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.length).toBeLessThan(SLOW_TESTS.length);
    expect(report.results.every((r) => r.status === 'pass')).toBe(true); // the test in flight was finished, not cut
    expect(report.summary.conformant).toBe(false);
    expect(run.out).toContain('(incomplete: interrupted)');
  }, 120_000);

  it('a second SIGINT: quits at once, without waiting for the test in flight, and leaves no half-written file', async ({
    onTestFinished,
  }) => {
    const run = await interruptRun(2, 100, 'start', onTestFinished);
    expect({ code: run.code, signal: run.signal }, run.err).toEqual({ code: 130, signal: null });
    expect(run.exitAfterMs).toBeLessThan(3000); // a test here takes many times that
    expect(run.out).not.toContain('(incomplete: interrupted)');
    const files = readdirSync(run.dir);
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    if (existsSync(join(run.dir, 'report.json')))
      expect(() => JSON.parse(readFileSync(join(run.dir, 'report.json'), 'utf8')) as unknown).not.toThrow();
  }, 120_000);

  it('a second SIGINT also ends an adapter process that hangs: it does not outlive the run', async ({ onTestFinished }) => {
    const marker = join(mkdtempSync(join(tmpdir(), 'cnnspec-interrupt-')), 'struck');
    const exec = `${process.execPath} test/adapters/faulty/faultyProcess.mjs hangs once=${marker}`;
    const args = [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'run',
      '--exec',
      exec,
      '--timeout',
      '60000',
      '--only',
      'conv/output-shape/matches-formula',
      '--report-dir',
      mkdtempSync(join(tmpdir(), 'cnnspec-interrupt-')),
    ];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    killWhenTestEnds(child, onTestFinished);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      const before = ACKNOWLEDGED.test(err);
      err += chunk.toString();
      if (!before && ACKNOWLEDGED.test(err)) child.kill('SIGINT');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const started = performance.now();
    while (!existsSync(marker) && performance.now() - started < 60_000) await sleep(50);
    const adapterPid = Number(/process (\d+)/.exec(readFileSync(marker, 'utf8'))![1]);
    expect(running(adapterPid)).toBe(true); // hanging on the request, with the kit waiting for it
    child.kill('SIGINT'); // the second follows once the run has said it got this one
    expect(await exited, err).toBe(130);
    const ended = performance.now();
    while (running(adapterPid) && performance.now() - ended < 5000) await sleep(50);
    if (running(adapterPid)) process.kill(adapterPid, 'SIGKILL'); // not left behind by the test either
    expect(performance.now() - ended).toBeLessThan(5000);
  }, 120_000);
});

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** A shell command that notes its pid in a fresh file and becomes `command` (exec keeps the pid). */
function notingPid(command: string): { exec: string; pid: () => number | undefined } {
  const file = join(mkdtempSync(join(tmpdir(), 'cnnspec-interrupt-')), 'adapter.pid');
  return {
    exec: `echo $$ > '${file}'; exec ${command}`,
    pid: () => (existsSync(file) && readFileSync(file, 'utf8').trim() !== '' ? Number(readFileSync(file, 'utf8')) : undefined),
  };
}

describe.concurrent('stopping a run with any signal leaves no adapter process behind', () => {
  it.for(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s while the adapter has yet to greet: the adapter is ended and the kit exits at once, 128 + the signal',
    { timeout: 90_000 },
    async (signal, { onTestFinished }) => {
      const adapter = notingPid('sleep 1000');
      const dir = mkdtempSync(join(tmpdir(), 'cnnspec-interrupt-'));
      const run = spawnCnnspec(['run', '--exec', adapter.exec, '--start-timeout', '120000', '--report-dir', dir], onTestFinished);
      const started = performance.now();
      while (adapter.pid() === undefined && performance.now() - started < 60_000) await sleep(50);
      const pid = adapter.pid()!;
      onTestFinished(() => {
        if (running(pid)) process.kill(pid, 'SIGKILL');
      });
      expect(running(pid)).toBe(true); // started, so the kit watches for signals: it does from before the start
      run.child.kill(signal);
      const exited = await run.exited;
      expect({ code: exited.code, signal: exited.signal }, run.err()).toEqual({ code: EXIT_CODES[signal], signal: null });
      expect(run.err()).toContain(`${signal} while the adapter was starting: it was ended, no test ran, and no report was written`);
      expect(existsSync(join(dir, 'report.json'))).toBe(false);
      expect(await processEnds(pid, 5000)).toBe(true);
    },
  );

  it('SIGTERM mid-run with a hung adapter: ends it at once, leaves the test in flight out, writes the partial report, exits 143', async ({
    onTestFinished,
  }) => {
    const marker = join(mkdtempSync(join(tmpdir(), 'cnnspec-interrupt-')), 'struck');
    const adapter = notingPid(`'${process.execPath}' test/adapters/faulty/faultyProcess.mjs hangs 'once=${marker}'`);
    const dir = mkdtempSync(join(tmpdir(), 'cnnspec-interrupt-'));
    const only = ['dense/output-shape/matches-formula', 'fixture/conv.gen-000']; // the dense test passes, then the convolution hangs
    const run = spawnCnnspec(
      ['run', '--exec', adapter.exec, '--timeout', '120000', '--num-runs', '3', '--only', only.join(','), '--report-dir', dir],
      onTestFinished,
    );
    const started = performance.now();
    while (!existsSync(marker) && performance.now() - started < 60_000) await sleep(50);
    const pid = adapter.pid()!;
    onTestFinished(() => {
      if (running(pid)) process.kill(pid, 'SIGKILL');
    });
    expect(running(pid)).toBe(true); // hanging on the request, with the kit waiting for it
    const signalled = performance.now();
    run.child.kill('SIGTERM');
    const exited = await run.exited;
    expect({ code: exited.code, signal: exited.signal }, run.err()).toEqual({ code: 143, signal: null });
    expect(performance.now() - signalled).toBeLessThan(20_000); // the request's timeout is 120 s
    expect(run.err()).toContain('SIGTERM: ending the adapter, leaving the test in flight out and writing a partial report');
    const report = checkReports({
      code: exited.code!,
      out: run.out(),
      err: run.err(),
      ms: 0,
      dir,
      report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report,
    });
    expect(report.run.incomplete).toBe(true);
    expect(report.results.map((r) => [r.id, r.status])).toEqual([['dense/output-shape/matches-formula', 'pass']]);
    expect(await processEnds(pid, 5000)).toBe(true);
  }, 120_000);

  it("SIGTERM mid-run with two jobs whose adapters both hang: ends every job's adapter process, leaves both tests out, exits 143 (spec: conformance.jobs)", async ({
    onTestFinished,
  }) => {
    const pids = join(mkdtempSync(join(tmpdir(), 'cnnspec-interrupt-')), 'adapter.pids');
    const exec = `echo $$ >> '${pids}'; exec '${process.execPath}' test/adapters/faulty/faultyProcess.mjs hangs`;
    const noted = (): number[] => (existsSync(pids) ? readFileSync(pids, 'utf8').trim().split('\n').filter(Boolean).map(Number) : []);
    const dir = mkdtempSync(join(tmpdir(), 'cnnspec-interrupt-'));
    const only = ['fixture/conv.gen-000', 'conv/linearity/input']; // both call the convolution, which hangs
    const run = spawnCnnspec(
      ['run', '--exec', exec, '--jobs', '2', '--timeout', '120000', '--only', only.join(','), '--report-dir', dir],
      onTestFinished,
    );
    const started = performance.now();
    while (noted().length < 2 && performance.now() - started < 60_000) await sleep(50);
    await sleep(1500); // both greeted and hanging on their convolution
    onTestFinished(() => {
      for (const pid of noted()) if (running(pid)) process.kill(pid, 'SIGKILL');
    });
    expect(noted()).toHaveLength(2);
    expect(noted().every((pid) => running(pid))).toBe(true);
    run.child.kill('SIGTERM');
    const exited = await run.exited;
    expect({ code: exited.code, signal: exited.signal }, run.err()).toEqual({ code: 143, signal: null });
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    expect(report.run.incomplete).toBe(true);
    expect(report.run.jobs).toBe(2);
    expect(report.results).toEqual([]);
    for (const pid of noted()) expect(await processEnds(pid, 5000)).toBe(true);
  }, 120_000);

  it('SIGHUP mid-run with a busy in-process adapter: leaves the test in flight out, writes the partial report, exits 129', async ({
    onTestFinished,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), 'cnnspec-interrupt-'));
    const run = spawnCnnspec(
      ['run', '--adapter', 'test/adapters/faulty/slowCalls.ts', '--num-runs', '10', '--only', SLOW_TESTS.join(','), '--report-dir', dir],
      onTestFinished,
    );
    await waitFor(run.out, /^pass /m, 60_000);
    run.child.kill('SIGHUP');
    const exited = await run.exited;
    expect({ code: exited.code, signal: exited.signal }, run.err()).toEqual({ code: 129, signal: null });
    const report = checkReports({
      code: exited.code!,
      out: run.out(),
      err: run.err(),
      ms: 0,
      dir,
      report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report,
    });
    expect(report.run.incomplete).toBe(true);
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.length).toBeLessThan(SLOW_TESTS.length);
    expect(report.results.every((r) => r.status === 'pass')).toBe(true); // the test in flight was left out, not failed
  }, 120_000);
});

describe('writeFileAtomic under a crash', () => {
  const crash = (when: 'during-write' | 'after-rename'): Promise<{ dir: string; signal: NodeJS.Signals | null; code: number | null }> => {
    const dir = mkdtempSync(join(tmpdir(), 'cnnspec-atomic-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/faults/crashMidWrite.ts', join(dir, 'report.json'), when], {
      cwd: root,
      stdio: 'ignore',
    });
    return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ dir, signal, code })));
  };

  it('a crash while the new content is being written leaves the old file whole; the half-written file is only the temporary one', async () => {
    const { dir, signal } = await crash('during-write');
    expect(signal).toBe('SIGKILL');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(OLD_CONTENT);
    const temporary = readdirSync(dir).filter((name) => name !== 'report.json');
    expect(temporary).toHaveLength(1);
    expect(temporary[0]).toMatch(/^\.report\.json\.\d+\.\d+\.tmp$/);
    expect(readFileSync(join(dir, temporary[0]!), 'utf8')).toBe(NEW_CONTENT.slice(0, NEW_CONTENT.length / 2));
  }, 60_000);

  it('a crash right after the rename leaves the new file whole, and no temporary file', async () => {
    const { dir, signal } = await crash('after-rename');
    expect(signal).toBe('SIGKILL');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(NEW_CONTENT);
    expect(readdirSync(dir)).toEqual(['report.json']);
  }, 60_000);
});
