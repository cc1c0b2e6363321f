/**
 * The same conformance run twice in one fresh process, as `cnnspec run` makes it (default
 * settings, no reports written): the first pays for everything done once per process (compiling
 * the code just in time, the schemas, loading the fixtures), the second shows the steady state.
 * Prints one JSON line: `[{ durationMs, adapterMs }, { durationMs, adapterMs }]`.
 *
 *   node --import tsx bench/support/runTwiceInProcess.ts <built-in adapter>
 */
import { loadAdapter } from '../../src/adapter/loadAdapter.js';
import { DEFAULT_CALL_TIMEOUT_MS, DEFAULT_NUM_RUNS, DEFAULT_SEED } from '../../src/runner/runDefaults.js';
import { runConformance } from '../../src/runner/runConformance.js';

const source = process.argv[2] ?? 'reference';
const adapter = await loadAdapter(source);
const runs: { durationMs: number; adapterMs: number }[] = [];
for (let run = 0; run < 2; run++) {
  const report = await runConformance({
    adapter,
    source,
    seed: DEFAULT_SEED,
    numRuns: DEFAULT_NUM_RUNS,
    timeoutMs: DEFAULT_CALL_TIMEOUT_MS,
    replay: () => '',
  });
  runs.push({ durationMs: report.run.durationMs, adapterMs: report.run.adapterMs });
}
await adapter.dispose?.();
process.stdout.write(`${JSON.stringify(runs)}\n`);
