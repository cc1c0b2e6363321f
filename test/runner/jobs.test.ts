/**
 * Parallel jobs (spec: conformance.jobs): a run dealt to two jobs, each with an adapter of its
 * own, reports what the serial run reports, test by test and in the same order, but for timings;
 * in-process modules (worker threads) and out-of-process adapters (a process per job) alike. A
 * job whose adapter declares another identity, or whose thread ends, does not lose the run.
 */
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../src/adapter/loadAdapter.js';
import { isolatedAdapter } from '../../src/adapter/isolatedAdapter.js';
import type { Adapter } from '../../src/ops/Adapter.js';
import type { Report, ReportResult } from '../../src/report/model/Report.js';
import { runConformance } from '../../src/runner/runConformance.js';
import type { RunOptions } from '../../src/runner/RunOptions.js';
import type { AdapterSource } from '../../src/runner/jobs/AdapterSource.js';
import { loadExpectations } from '../../src/runner/loadExpectations.js';
import { DEFAULT_SEED } from '../../src/runner/runDefaults.js';

/** A result without its timing. */
const untimed = ({ durationMs: _durationMs, ...rest }: ReportResult): Omit<ReportResult, 'durationMs'> => rest;

/** Everything a report says about the implementation, without timings and process events. */
function verdicts(report: Report): unknown {
  return {
    results: report.results.map(untimed),
    summary: report.summary,
    profiles: report.profiles,
    expectations: report.expectations,
    incomplete: report.run.incomplete,
  };
}

async function run(adapter: Adapter, source: AdapterSource, jobs: number, extra: Partial<RunOptions> = {}): Promise<Report> {
  return runConformance({
    adapter,
    source: 'test',
    seed: DEFAULT_SEED,
    numRuns: 10,
    timeoutMs: 20_000,
    jobs: { count: jobs, source },
    replay: (id, seed, path) => `replay ${id} ${seed} ${path}`,
    ...extra,
  });
}

describe('a run in two jobs reports what the serial run reports (spec: conformance.jobs)', () => {
  it('the reference, in process: every test, the same results in the same order', async () => {
    const adapter = await loadAdapter('reference');
    const serial = await run(adapter, { kind: 'module', spec: 'reference' }, 1);
    const parallel = await run(adapter, { kind: 'module', spec: 'reference' }, 2);
    expect(serial.run.jobs).toBeUndefined();
    expect(parallel.run.jobs).toBe(2);
    expect(parallel.events).toEqual([]);
    expect(verdicts(parallel)).toEqual(verdicts(serial));
    expect(serial.summary.total).toBeGreaterThan(300);
  }, 120_000);

  it('TF.js with its expectations: the same failures, explained by the same defects, with the same replay commands', async () => {
    const adapter = await loadAdapter('tfjs-cpu');
    const file = 'examples/expectations/tfjs-cpu.json';
    const expectations = { file, content: loadExpectations(file) };
    const serial = await run(adapter, { kind: 'module', spec: 'tfjs-cpu' }, 1, { expectations });
    const parallel = await run(adapter, { kind: 'module', spec: 'tfjs-cpu' }, 2, { expectations });
    expect(verdicts(parallel)).toEqual(verdicts(serial));
    expect(serial.summary['expected-fail']).toBeGreaterThan(0);
    // A worker's replay command is the run's own, not the mark the worker left.
    const replays = parallel.results.flatMap((result) => (result.replay === undefined ? [] : [result.replay]));
    expect(replays.every((replay) => replay.startsWith('replay '))).toBe(true);
  }, 180_000);

  it('an out-of-process adapter: a worker job starts its own process', async () => {
    const only = ['pool/*', 'fixture/pool.*'];
    const main = await isolatedAdapter('reference');
    try {
      const serial = await run(main, { kind: 'isolated', spec: 'reference' }, 1, { only, starts: main.starts });
      const parallel = await run(main, { kind: 'isolated', spec: 'reference' }, 2, { only, starts: main.starts });
      expect(verdicts(parallel)).toEqual(verdicts(serial));
      // the worker job's own process, unless the run had no test left for it when it started
      expect([1, 2]).toContain(parallel.adapter.starts);
      expect(parallel.events.filter((event) => event.kind === 'job')).toEqual([]);
    } finally {
      await main.dispose?.();
    }
  }, 120_000);

  it('shards compose with jobs: the two jobs of shard 2/3 give shard 2/3', async () => {
    const adapter = await loadAdapter('reference');
    const shard = { index: 2, count: 3 };
    const serial = await run(adapter, { kind: 'module', spec: 'reference' }, 1, { shard, only: ['conv/*'] });
    const parallel = await run(adapter, { kind: 'module', spec: 'reference' }, 2, { shard, only: ['conv/*'] });
    expect(verdicts(parallel)).toEqual(verdicts(serial));
  }, 120_000);
});

describe('a job that cannot run does not lose the run (spec: conformance.jobs)', () => {
  it('a worker adapter that declares another identity takes no test: the run thread takes them all', async () => {
    const spec = 'test/adapters/otherInWorkers.ts';
    const adapter = await loadAdapter(spec);
    const only = ['dense/*'];
    const serial = await run(adapter, { kind: 'module', spec }, 1, { only });
    const parallel = await run(adapter, { kind: 'module', spec }, 2, { only });
    expect(verdicts(parallel)).toEqual(verdicts(serial));
    expect(parallel.events).toEqual([
      expect.objectContaining({
        kind: 'job',
        detail: expect.stringMatching(
          /^job 2 ended early: its adapter declares version "2\.0\.0", not the run's "1\.0\.0"; the other jobs took its tests$/,
        ),
      }),
    ]);
  }, 120_000);

  it('a worker thread that exits in a test: that test is an error naming why, every other test has its verdict', async () => {
    const spec = 'test/adapters/exitsInWorkers.ts';
    const adapter = await loadAdapter(spec);
    const only = ['conv/bias/*', 'conv/linearity/*', 'conv/output-shape/*', 'conv/no-flip/*', 'conv/groups/*'];
    const parallel = await run(adapter, { kind: 'module', spec }, 2, { only });
    const serial = await run(adapter, { kind: 'module', spec }, 1, { only });
    const errors = parallel.results.filter((result) => result.status === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^job 2, which ran this test, ended while it ran: its thread exited with code 7/);
    expect(parallel.results.map((result) => result.id)).toEqual(serial.results.map((result) => result.id));
    const others = (report: Report) => report.results.filter((result) => result.id !== errors[0]!.id).map(untimed);
    expect(others(parallel)).toEqual(others(serial));
    expect(parallel.events).toEqual([expect.objectContaining({ kind: 'job', detail: expect.stringMatching(/^job 2 ended early/) })]);
  }, 120_000);
});

describe('a run does not wait for a job that would take no test (spec: conformance.jobs)', () => {
  it('a few fast tests: the run ends before the worker has loaded its adapter, with the serial verdicts and no event', async () => {
    const adapter = await loadAdapter('reference');
    const only = ['dense/output-shape/matches-formula', 'dense/bias/adds-a-constant-per-feature'];
    const serial = await run(adapter, { kind: 'module', spec: 'reference' }, 1, { only });
    const parallel = await run(adapter, { kind: 'module', spec: 'reference' }, 2, { only });
    expect(verdicts(parallel)).toEqual(verdicts(serial));
    expect(parallel.events).toEqual([]);
  }, 60_000);

  it('an --exec adapter still starting when no test is left is ended, not waited for', async () => {
    // a process that greets only after 20 s: the run must not wait for it
    const main = await isolatedAdapter('reference');
    try {
      const started = performance.now();
      const parallel = await run(main, { kind: 'exec', command: `sleep 20; exec ${process.execPath} -e 0` }, 2, {
        only: ['dense/output-shape/matches-formula'],
        starts: main.starts,
      });
      expect(performance.now() - started).toBeLessThan(15_000);
      expect(parallel.summary).toMatchObject({ total: 1, pass: 1 });
      expect(parallel.events.filter((event) => event.kind === 'job')).toEqual([]);
    } finally {
      await main.dispose?.();
    }
  }, 60_000);
});
