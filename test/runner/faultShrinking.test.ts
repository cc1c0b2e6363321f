/**
 * Shrinking a failure stops at an adapter fault that would make every further step expensive: a
 * timeout at once, crashes after a few (spec: conformance.capabilities). Cheap failures still
 * shrink all the way.
 */
import { describe, expect, it } from 'vitest';
import { AdapterFault, type Adapter, type ConvRequest } from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { guardAdapter } from '../../src/runner/guardAdapter.js';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { MAX_FAULTS_WHILE_SHRINKING, runProperty } from '../../properties/runProperty.js';

const differential = ALL_PROPERTIES.find((p) => p.id === 'conv/differential/exact-domain')!;
const options = { seed: 20261128, numRuns: 40 };

function counting(conv: (request: ConvRequest) => Promise<never>): { adapter: Adapter; calls: () => number } {
  let calls = 0;
  const reference = referenceAdapter('cnnspec');
  return {
    adapter: { ...reference, conv: (request) => ((calls += 1), conv(request)) },
    calls: () => calls,
  };
}

describe('shrinking and adapter faults', () => {
  it('reports the first case that timed out without shrinking it through more timeouts', async () => {
    const { adapter, calls } = counting(() => new Promise<never>(() => undefined));
    const result = await runProperty(differential, guardAdapter(adapter, 50), options);
    expect(result.status).toBe('fail');
    expect(calls()).toBe(1);
    expect(result.status === 'fail' && result.message).toMatch(/did not settle within 50 ms \(shrinking stopped at an adapter fault\)$/);
  });

  it('shrinks through a few crashes, then stops', async () => {
    const { adapter, calls } = counting(() => Promise.reject(new AdapterFault('adapter exited (code 3) while request 1 was in flight')));
    const result = await runProperty(differential, adapter, options);
    expect(result.status).toBe('fail');
    expect(calls()).toBe(MAX_FAULTS_WHILE_SHRINKING);
  });

  it('shrinks an ordinary failure as far as it goes', async () => {
    const { adapter, calls } = counting(() => Promise.reject(new Error('not implemented')));
    const result = await runProperty(differential, adapter, options);
    expect(result.status === 'fail' && result.shrinks).toBeGreaterThan(MAX_FAULTS_WHILE_SHRINKING);
    expect(calls()).toBeGreaterThan(MAX_FAULTS_WHILE_SHRINKING);
  });
});
