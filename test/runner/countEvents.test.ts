/**
 * Adapter events are counted into rows that ignore numbers, both within one run and when the
 * shards of a run are merged (spec: conformance.shards).
 */
import { describe, expect, it } from 'vitest';
import { countEvents } from '../../src/runner/countEvents.js';
import { mergeReports } from '../../src/runner/mergeReports.js';
import { syntheticReport, syntheticResult } from '../report/syntheticReport.js';

describe('adapter events', () => {
  it('share a row when they differ only in numbers, within a run and across merged shards', () => {
    const timeouts = (ids: number[]) =>
      ids.map((id) => ({ kind: 'timeout', detail: `adapter did not answer request ${id} within 5000 ms` }));
    const unsharded = countEvents([...timeouts([12, 37]), { kind: 'start', detail: 'pid 100' }, { kind: 'start', detail: 'pid 200' }]);
    expect(unsharded).toEqual([
      { kind: 'timeout', detail: 'adapter did not answer request 12 within 5000 ms', count: 2 },
      { kind: 'start', detail: 'pid 100', count: 2 },
    ]);
    const shard = (index: number, ids: number[], pid: number, id: string) =>
      syntheticReport([syntheticResult({ id, status: 'pass' })], {
        run: { shard: { index, count: 2 } },
        events: countEvents([...timeouts(ids), { kind: 'start', detail: `pid ${pid}` }]),
      });
    const merged = mergeReports([shard(1, [12], 100, 'a/1'), shard(2, [37], 200, 'b/1')]);
    expect(merged.events.map(({ kind, count }) => ({ kind, count }))).toEqual(unsharded.map(({ kind, count }) => ({ kind, count })));
  });
});
