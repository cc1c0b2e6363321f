/**
 * `cnnspec run --browser` end to end in Debian's Chromium: the reference in a page is judged as
 * in Node, in two jobs with a page each (spec: browser.channel); a hung page is ended at the
 * timeout, a crashed page replaced, and the page's console and uncaught errors land in the report
 * (spec: browser.faults); what cannot start exits 2 saying what was tried (spec: browser.start,
 * browser.module).
 *
 * Without /usr/bin/chromium the tests that need it are skipped, unless CI is set: CI installs
 * Chromium, so there its absence is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { execAdapter } from '../../src/adapter/execAdapter.js';
import { browserCommand } from '../../src/browser/browserCommand.js';
import { runCli } from '../../src/cli/runCli.js';
import { checkReports, cnnspecRun } from '../faults/checkedRun.js';
import { processAlive, processEnds } from '../faults/processAlive.js';
import { spawnCnnspec } from '../faults/spawnCnnspec.js';
import { skipWithoutChromium } from './chromiumSkip.js';

const skip = skipWithoutChromium;
const withBrowser = describe.skipIf(skip);
const SELECTION = ['dense/**', 'pool/max/**', 'fixture/conv.gen-00*', 'conv/padding/**'].join(',');
const LOOPS = 'test/adapters/browser/loopsOnConv.ts';

/** The process ids under `pid` whose command line has `needle`. */
function descendants(pid: number, needle: string): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3]! }));
  const under = new Set([pid]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const row of table)
      if (under.has(row.ppid) && !under.has(row.pid)) {
        under.add(row.pid);
        grown = true;
      }
  }
  return table.filter((row) => under.has(row.pid) && row.pid !== pid && row.args.includes(needle)).map((row) => row.pid);
}

withBrowser('the reference in a page (spec: browser.channel)', () => {
  it('gets the verdicts of the Node run, test by test, in two jobs with a page each; the report and replays name the browser', async () => {
    const node = await cnnspecRun(['--adapter', 'reference', '--num-runs', '20', '--only', SELECTION]);
    const page = await cnnspecRun(['--browser', '--adapter', 'reference', '--num-runs', '20', '--only', SELECTION, '--jobs', '2']);
    expect(page.code, page.err).toBe(node.code);
    const inNode = checkReports(node);
    const inPage = checkReports(page);
    expect(inPage.results.length).toBeGreaterThan(20);
    expect(inPage.results.map((r) => [r.id, r.status, r.numRuns])).toEqual(inNode.results.map((r) => [r.id, r.status, r.numRuns]));
    expect(inPage.adapter.source).toBe('reference (browser, SwiftShader)');
    expect(inPage.run.jobs).toBe(2);
    // a job whose browser is still starting when no test is left is released (spec: conformance.jobs)
    expect([1, 2]).toContain(inPage.adapter.starts);
    const replay = `--adapter reference --browser`;
    expect(JSON.stringify(inPage)).not.toContain('--adapter reference --isolate');
    expect(inPage.results.every((r) => r.replay === undefined || r.replay.includes(replay))).toBe(true);
  }, 120_000);
});

withBrowser('a page that fails (spec: browser.faults)', () => {
  it('a call looping in the page times out and the page is replaced; other tests pass; console and page errors are recorded', async () => {
    const run = await cnnspecRun([
      '--browser',
      '--adapter',
      LOOPS,
      '--timeout',
      '2000',
      '--num-runs',
      '3',
      '--only',
      'fixture/conv.gen-000,fixture/dense.gen-000',
    ]);
    expect(run.code, run.err).toBe(1);
    const report = checkReports(run);
    const status = Object.fromEntries(report.results.map((r) => [r.id, r.status]));
    expect(status).toEqual({ 'fixture/conv.gen-000': 'fail', 'fixture/dense.gen-000': 'pass' });
    expect(report.results.find((r) => r.id === 'fixture/conv.gen-000')?.message).toMatch(/did not answer request \d+ within 2000 ms/);
    expect(report.adapter.starts).toBe(2);
    const events = JSON.stringify(report.events ?? report.adapter);
    expect(events).toContain('console.log: loops-on-conv: made in the page');
    expect(events).toContain('page error: loops-on-conv: left uncaught in the page');
  }, 120_000);

  it('a crashed page ends its process with exit 3 and the next call gets a fresh page', async () => {
    const adapter = await execAdapter({ command: browserCommand({ adapter: 'reference' }), timeoutMs: 30_000 });
    try {
      const request = {
        input: { shape: [1, 1, 2, 2], data: new Float32Array([1, 2, 3, 4]) },
        weight: { shape: [1, 1, 1, 1], data: new Float32Array([2]) },
        params: { layout: 'channels-first' as const },
      };
      expect([...(await adapter.conv!(request)).data]).toEqual([2, 4, 6, 8]);
      const server = Number(/pid (\d+)/.exec(adapter.events().find((e) => e.kind === 'start')!.detail)![1]);
      const renderers = descendants(server, '--type=renderer');
      expect(renderers.length).toBeGreaterThan(0);
      for (const pid of renderers) process.kill(pid, 'SIGKILL');
      const started = performance.now();
      while (!adapter.events().some((e) => e.kind === 'exit') && performance.now() - started < 10_000)
        await new Promise((r) => setTimeout(r, 50));
      expect(adapter.events().map((e) => e.detail)).toEqual(
        expect.arrayContaining([
          'the page crashed (its renderer process is gone); exiting for a fresh page',
          'adapter exited (code 3, signal null)',
        ]),
      );
      expect([...(await adapter.conv!(request)).data]).toEqual([2, 4, 6, 8]);
      expect(adapter.starts()).toBe(2);
    } finally {
      await adapter.dispose?.();
    }
  }, 60_000);
});

withBrowser('stopping a run (spec: browser.faults)', () => {
  it('SIGTERM while a page loops ends the run with its partial report, and the browser with it', async ({ onTestFinished }) => {
    const dir = mkdtempSync(join(tmpdir(), 'cnnspec-browser-'));
    const run = spawnCnnspec(
      [
        'run',
        '--browser',
        '--adapter',
        LOOPS,
        '--timeout',
        '120000',
        '--jobs',
        '1',
        '--only',
        'fixture/dense.gen-000,fixture/conv.gen-000',
        '--report-dir',
        dir,
      ],
      onTestFinished,
    );
    const started = performance.now();
    let browsers: number[] = [];
    while (browsers.length === 0 && performance.now() - started < 60_000) {
      await sleep(200);
      browsers = descendants(run.child.pid!, '--type=renderer');
    }
    expect(browsers.length).toBeGreaterThan(0);
    const everyBrowserProcess = descendants(run.child.pid!, 'chrom');
    onTestFinished(() => {
      for (const pid of everyBrowserProcess) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    });
    await sleep(3000); // the dense test passes, then the convolution loops in the page
    run.child.kill('SIGTERM');
    const exited = await run.exited;
    expect({ code: exited.code, signal: exited.signal }, run.err()).toEqual({ code: 143, signal: null });
    for (const pid of everyBrowserProcess) expect(await processEnds(pid, 10_000), `browser process ${pid}`).toBe(true);
    expect(existsSync(join(dir, 'report.json'))).toBe(true);
  }, 90_000);
});

describe('what cannot start (spec: browser.start, browser.module)', () => {
  it('no browser at the path given: exit 2 naming it, no report', async () => {
    const run = await cnnspecRun(['--browser', '/nonexistent/chrome', '--adapter', 'reference', '--only', 'fixture/dense.gen-000']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('cannot start the browser adapter reference: no browser at /nonexistent/chrome (given with --browser)');
    expect(run.report).toBeUndefined();
  }, 60_000);

  it('a module with a Node built-in is refused at bundling; an unknown adapter is a usage error; --browser takes neither --exec nor --isolate', async () => {
    const fs = await cnnspecRun(['--browser', '--adapter', 'test/adapters/browser/importsNodeFs.ts', '--only', 'fixture/dense.gen-000']);
    expect(fs.code).toBe(2);
    expect(fs.err).toMatch(/cannot bundle the browser adapter .*importsNodeFs\.ts for the page: .*"node:fs"/);
    const unknown = await cnnspecRun(['--browser', '--adapter', 'tfjs-webgl3']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no browser adapter "tfjs-webgl3"');
    expect((await cnnspecRun(['--browser', '--exec', 'true'])).err).toContain('--browser runs an --adapter in a browser page');
    expect((await cnnspecRun(['--browser-gpu', '--adapter', 'reference'])).err).toContain('give --browser too');
  }, 60_000);

  withBrowser('with a browser', () => {
    it("an adapter whose factory fails in the page: exit 2 quoting the adapter's own message", async () => {
      const run = await cnnspecRun(['--browser', '--adapter', 'test/adapters/browser/factoryThrows.ts', '--only', 'fixture/dense.gen-000']);
      expect(run.code).toBe(2);
      expect(run.err).toContain('no WebGPU adapter: navigator.gpu.requestAdapter() returned null');
      expect(run.report).toBeUndefined();
    }, 60_000);
  });
});

it('run --help names the browser options and the built-in browser adapters', async () => {
  let out = '';
  expect(await runCli(['run', '--help'], { stdout: (text) => (out += text), stderr: () => undefined })).toBe(0);
  const help = out.replace(/\s+/g, ' ');
  expect(help).toContain(
    '--browser [path] run the --adapter in a headless Chromium page (a browser built-in: reference, tfjs-webgl, tfjs-webgpu, onnxruntime-web-webgpu, onnxruntime-web-wasm;',
  );
  expect(help).toContain('--browser-gpu with --browser:');
  expect(help).toContain('--browser-arg <flag> with --browser:');
});
