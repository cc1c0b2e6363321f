/**
 * `cnnspec run --adapter tfjs-wasm` serves the backend in a child process that renews a module a
 * trap broke (serveTfjs), so that the calls after a trap still get TF.js's real answers; in the
 * kit's own process every call after the first trap would fail (spec: protocol.timeouts).
 */
import { describe, expect, it } from 'vitest';
import { checkReports, cnnspecRun } from '../faults/checkedRun.js';

const TRAPS = 'pool/invalid/configurations-are-rejected';
const LATER = ['pool/max/monotone', 'pool/output-shape/matches-formula'];

describe('--adapter tfjs-wasm', () => {
  it('runs out of process: invalid configurations trap the module, it is renewed, and later tests pass', async () => {
    const run = await cnnspecRun([
      '--adapter',
      'tfjs-wasm',
      '--timeout',
      '5000',
      '--num-runs',
      '5',
      '--format',
      'json,junit',
      '--expectations',
      'examples/expectations/tfjs-wasm.json',
      '--only',
      [TRAPS, ...LATER].join(','),
    ]);
    expect(run.code, run.err).toBe(0);
    const report = checkReports(run);
    expect(report.adapter).toMatchObject({ name: 'tfjs-wasm', source: 'tfjs-wasm (out of process)' });
    expect(report.adapter.starts).toBeGreaterThanOrEqual(1);
    const renewed = report.events.filter((event) => event.kind === 'stderr' && event.detail.includes('a fresh module replaced it'));
    expect(renewed.reduce((sum, event) => sum + event.count, 0)).toBeGreaterThan(0);
    expect(report.results.map((result) => [result.id, result.status])).toEqual([
      [TRAPS, 'expected-fail'],
      ...LATER.map((id) => [id, 'pass']),
    ]);
  }, 120_000);
});
