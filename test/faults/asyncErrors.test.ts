/**
 * In-process adapters whose code throws asynchronously: in a timer while a call is pending, as a
 * rejected promise that nobody handles after the call has answered, or from a timer of the module
 * outside any call, during the run or after it. Node ends a process on such an error by default;
 * the run instead charges it to the test whose call caused it, or records it as an event of the
 * run, and goes on: the reports are written and valid, and the exit code is the report's verdict.
 * Each run is a process of its own, since the error would otherwise reach the test runner too.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model/Report.js';
import { checkReports } from './checkedRun.js';
import { spawnCnnspec } from './spawnCnnspec.js';

const CONV = ['conv/output-shape/matches-formula', 'fixture/conv.gen-000'];
const DENSE = 'fixture/dense.gen-000';
const SELECTION = [...CONV, DENSE];

async function run(
  module: string,
  onTestFinished: (cleanup: () => void) => void,
  env: NodeJS.ProcessEnv = process.env,
  only = SELECTION,
): Promise<{ code: number | null; err: string; report: Report }> {
  const dir = mkdtempSync(join(tmpdir(), 'cnnspec-async-'));
  const spawned = spawnCnnspec(
    ['run', '--adapter', `test/adapters/faulty/${module}`, '--num-runs', '3', '--only', only.join(','), '--report-dir', dir],
    onTestFinished,
    env,
  );
  const exited = await spawned.exited;
  expect(exited.signal).toBeNull();
  expect(exited.ms).toBeLessThan(25_000);
  const report = checkReports({
    code: exited.code!,
    out: spawned.out(),
    err: spawned.err(),
    ms: exited.ms,
    dir,
    report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report,
  });
  expect(report.results.map((r) => r.id).sort()).toEqual([...only].sort());
  // the exit code is the report's verdict, whatever came after it
  expect(exited.code, spawned.err()).toBe(report.summary.conformant ? 0 : 1);
  return { code: exited.code, err: spawned.err(), report };
}

function expectConvFailed(report: Report, reason: RegExp): void {
  for (const result of report.results) {
    if (CONV.includes(result.id)) {
      expect(result.status, result.id).toBe('fail');
      expect(result.message, result.id).toMatch(reason);
    } else {
      expect({ id: result.id, status: result.status }).toEqual({ id: result.id, status: 'pass' });
    }
  }
}

describe.concurrent('asynchronous errors of an in-process adapter', () => {
  it('a throw in a timer while the call is pending fails that call, and so its test', async ({ onTestFinished }) => {
    const { code, report } = await run('convThrowsInTimer.ts', onTestFinished);
    expect(code).toBe(1);
    expectConvFailed(
      report,
      /adapter conv threw asynchronously \(an uncaught exception, which would have ended the kit\): conv threw in a timer/,
    );
  }, 60_000);

  it('a rejection left unhandled after the call answered fails the test that made the call', async ({ onTestFinished }) => {
    const { code, report } = await run('convLeavesRejection.ts', onTestFinished);
    expect(code).toBe(1);
    expectConvFailed(
      report,
      /adapter conv threw asynchronously after its call had settled \(an unhandled rejection, which would have ended the kit\): conv left a rejected promise/,
    );
  }, 60_000);

  it('a throw outside any call during the run is an event of the run, and every test is judged on its own', async ({ onTestFinished }) => {
    const { code, report } = await run('throwsOutsideCalls.ts', onTestFinished);
    expect(report.results.every((r) => r.status === 'pass')).toBe(true);
    expect(code).toBe(0);
    expect(report.events).toContainEqual({
      kind: 'uncaught',
      detail: "an uncaught exception outside any adapter call (the adapter's code or the kit's): the adapter module threw outside any call",
      count: 1,
    });
  }, 60_000);

  it('a throw after the report was made keeps the report and its exit code, and is shown as a warning', async ({ onTestFinished }) => {
    const { code, err, report } = await run('throwsOutsideCalls.ts', onTestFinished, { ...process.env, FAULTY_THROW_AFTER_MS: '4000' }, [
      DENSE,
    ]);
    expect(report.summary.conformant).toBe(true);
    expect(code).toBe(0);
    expect(err).toContain('cnnspec: warning: after the report was made, "an uncaught exception outside any adapter call');
  }, 60_000);
});
