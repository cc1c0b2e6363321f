/**
 * A conformance run is a function of its seed and its adapter: two runs with the same seed give
 * the same results once timings are removed, counterexamples and fast-check paths included, for
 * a conformant adapter and for a broken one. Shards partition the tests exactly, and each test
 * of a shard gives the same result as in the unsharded run.
 *
 * spec: conformance.adapter, runner.seed, conformance.shards
 */
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { Report } from '../../src/report/model/Report.js';
import { runConformance, type RunOptions } from '../../src/runner/runConformance.js';
import flippedKernel from '../adapters/flippedKernel.js';

/** A subset of the properties, and every fixture. */
const ONLY = ['conv/*', 'pool/*', 'dense/*', 'fixture/*'];
const TIMINGS = new Set(['durationMs', 'startedAt', 'finishedAt', 'adapterMs']);

function run(adapter: Adapter, extra: Partial<RunOptions> = {}): Promise<Report> {
  return runConformance({
    adapter,
    source: adapter.name,
    seed: 20261128,
    numRuns: 5,
    timeoutMs: 30_000,
    only: ONLY,
    replay: (id, seed, path) => `replay ${id} ${seed} ${path}`,
    ...extra,
  });
}

/** A deep copy without the fields that measure time. */
function withoutTimings<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, entry: unknown) => (TIMINGS.has(key) ? undefined : entry))) as T;
}

describe('the same seed against the same adapter', () => {
  it('gives identical reports for the reference', async () => {
    const [first, second] = [await run(referenceAdapter('cnnspec')), await run(referenceAdapter('cnnspec'))];
    expect(first.summary.conformant).toBe(true);
    expect(withoutTimings(second)).toEqual(withoutTimings(first));
  }, 60_000);

  it('gives identical reports for a broken adapter, counterexamples and paths included', async () => {
    const [first, second] = [await run(flippedKernel), await run(flippedKernel)];
    const failures = first.results.filter((result) => result.status === 'fail' && result.kind === 'property');
    // Only meaningful when the comparison covers shrunk counterexamples and their paths.
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((result) => result.counterexample !== undefined && typeof result.path === 'string' && result.path !== '')).toBe(
      true,
    );
    expect(withoutTimings(second)).toEqual(withoutTimings(first));
  }, 60_000);
});

describe('shards', () => {
  it('partition the tests, and every sharded result equals the unsharded one', async () => {
    const whole = withoutTimings(await run(flippedKernel));
    const shards = [];
    for (let index = 1; index <= 3; index++) shards.push(withoutTimings(await run(flippedKernel, { shard: { index, count: 3 } })));
    const ids = shards.flatMap((shard) => shard.results.map((result) => result.id));
    expect(new Set(ids).size).toBe(ids.length); // no test in two shards
    expect([...ids].sort()).toEqual(whole.results.map((result) => result.id).sort());
    const unsharded = new Map(whole.results.map((result) => [result.id, result]));
    for (const result of shards.flatMap((shard) => shard.results)) expect(result).toEqual(unsharded.get(result.id));
    expect(whole.results.some((result) => result.status === 'fail')).toBe(true);
  }, 60_000);
});
