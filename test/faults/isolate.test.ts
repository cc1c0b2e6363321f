/**
 * `--isolate`: an in-process adapter module run in a child process of its own. A call that blocks
 * in an endless loop, which nothing in the kit's own thread could interrupt, is killed at the
 * timeout like a hung `--exec` adapter, and a second Ctrl-C ends it at once; everything else an
 * in-process adapter gets (its name, features, replay commands) stays the same. `--help` says
 * what in-process adapters cannot be protected from without it.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { checkReports, cnnspecRun } from './checkedRun.js';
import { processAlive, processEnds } from './processAlive.js';
import { spawnCnnspec } from './spawnCnnspec.js';

const LOOPS = 'test/adapters/faulty/convLoopsForever.ts';
const CONV = ['conv/output-shape/matches-formula', 'fixture/conv.gen-000'];
const DENSE = 'fixture/dense.gen-000';

describe('--isolate', () => {
  it('--help says that an in-process adapter blocking synchronously cannot be interrupted, and offers --isolate', async () => {
    let out = '';
    expect(await runCli(['run', '--help'], { stdout: (text) => (out += text), stderr: () => undefined })).toBe(0);
    expect(out).toMatch(/--isolate\s+run the --adapter in a child process/);
    expect(out.replace(/\s+/g, ' ')).toContain(
      "a call that blocks synchronously (an endless loop) holds the kit's only thread: neither --timeout nor Ctrl-C can stop it, only SIGKILL. Give --isolate",
    );
  });

  it('an adapter stuck in an endless loop is killed at the timeout and restarted; its other tests pass, and the report says it ran isolated', async () => {
    const run = await cnnspecRun([
      '--adapter',
      LOOPS,
      '--isolate',
      '--timeout',
      '1000',
      '--num-runs',
      '3',
      '--only',
      [...CONV, DENSE].join(','),
    ]);
    expect(run.code, run.err).toBe(1);
    expect(run.ms).toBeLessThan(40_000);
    const report = checkReports(run);
    for (const result of report.results) {
      if (CONV.includes(result.id)) {
        expect(result.status, result.id).toBe('fail');
        expect(result.message, result.id).toMatch(/adapter did not answer request \d+ within 1000 ms/);
        expect(result.replay, result.id).toContain(`--adapter '${LOOPS}' --isolate`);
      } else {
        expect({ id: result.id, status: result.status }).toEqual({ id: DENSE, status: 'pass' });
      }
    }
    expect(report.adapter).toMatchObject({ name: 'conv-loops-forever', source: `${LOOPS} (isolated)` });
    expect(report.adapter.starts).toBeGreaterThan(1);
  }, 90_000);

  it('a healthy adapter isolated is judged as in process: the built-in reference is conformant', async () => {
    const run = await cnnspecRun([
      '--adapter',
      'reference',
      '--isolate',
      '--num-runs',
      '3',
      '--only',
      ['conv/output-shape/matches-formula', 'fixture/conv.gen-000', DENSE].join(','),
    ]);
    expect(run.code, run.err).toBe(0);
    const report = checkReports(run);
    expect(report.summary).toMatchObject({ total: 3, pass: 3, conformant: true });
    expect(report.adapter.starts).toBe(1);
  }, 60_000);

  it('a second Ctrl-C ends the run and the looping process at once, whatever the timeout', async ({ onTestFinished }) => {
    const marker = join(mkdtempSync(join(tmpdir(), 'cnnspec-isolate-')), 'looping.pid');
    const dir = mkdtempSync(join(tmpdir(), 'cnnspec-isolate-'));
    const run = spawnCnnspec(
      ['run', '--adapter', LOOPS, '--isolate', '--timeout', '120000', '--only', CONV[1]!, '--report-dir', dir],
      onTestFinished,
      { ...process.env, FAULTY_MARKER: marker },
    );
    const started = performance.now();
    while (!(existsSync(marker) && readFileSync(marker, 'utf8') !== '') && performance.now() - started < 60_000) await sleep(50);
    const pid = Number(readFileSync(marker, 'utf8'));
    onTestFinished(() => {
      if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    });
    expect(pid).not.toBe(run.child.pid); // the loop is not in the kit's process
    run.child.kill('SIGINT');
    while (!/press Ctrl-C again/.test(run.err()) && performance.now() - started < 60_000) await sleep(50);
    const signalled = performance.now();
    run.child.kill('SIGINT');
    const exited = await run.exited;
    expect({ code: exited.code, signal: exited.signal }, run.err()).toEqual({ code: 130, signal: null });
    expect(performance.now() - signalled).toBeLessThan(10_000);
    expect(await processEnds(pid, 5000)).toBe(true);
  }, 90_000);

  it('a module that cannot load is an adapter error that says why; --isolate with --exec is a usage error', async () => {
    const broken = await cnnspecRun(['--adapter', 'test/adapters/throwsOnImport.mjs', '--isolate']);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(
      /adapter exited \(code 2, signal null\) before its hello; its standard error ended with:\n  \| cannot load the adapter module test\/adapters\/throwsOnImport\.mjs: this module cannot be imported/,
    );
    expect(broken.report).toBeUndefined();
    const both = await cnnspecRun(['--exec', 'true', '--isolate']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--isolate runs an --adapter in a child process');
  }, 60_000);
});
