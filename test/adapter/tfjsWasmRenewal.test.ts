/**
 * A call that breaks TF.js's wasm module (a trap) is answered with its error, and a fresh module
 * replaces the broken one, so that later calls in the same process answer correctly: one bad case
 * does not spoil the others, in process or out of process (spec: protocol.timeouts).
 */
import { describe, expect, it } from 'vitest';
import type { Adapter, PoolRequest } from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { tfjsAdapter, tfjsWasmFailure, tfjsWasmRenewals } from '../../src/adapter/tfjsAdapter.js';
import { makeTensor } from '../../src/tensor/tensor.js';

/** A window longer than the input by one: TF.js's wasm module traps on the output size 0. */
const trapping: PoolRequest = {
  input: makeTensor([1, 1, 2, 2]),
  params: { kind: 'max', kernel: [1, 3], strides: [1, 1], padding: 'valid', layout: 'channels-first' },
};
const valid: PoolRequest = {
  input: makeTensor(
    [1, 1, 3, 4],
    Float32Array.from({ length: 12 }, (_, i) => (i * 7) % 5),
  ),
  params: { kind: 'max', kernel: [2, 2], strides: [1, 2], padding: 'valid', layout: 'channels-first' },
};

describe('the TF.js adapter on the wasm backend', () => {
  it('renews a module that a call broke, and answers the next calls correctly', async () => {
    const adapter: Adapter = await tfjsAdapter('wasm', { forms: 'first', renewBrokenModule: true });
    const expected = await referenceAdapter('tfjs').pool!(valid);
    try {
      for (let round = 1; round <= 3; round++) {
        const before = tfjsWasmRenewals();
        await expect(adapter.pool!(trapping)).rejects.toThrow(/memory access out of bounds/);
        expect({ round, renewed: tfjsWasmRenewals() - before, failure: tfjsWasmFailure() }).toEqual({
          round,
          renewed: 1,
          failure: undefined,
        });
        const answer = await adapter.pool!(valid);
        expect({ round, shape: answer.shape, data: Array.from(answer.data) }).toEqual({
          round,
          shape: expected.shape,
          data: Array.from(expected.data),
        });
      }
    } finally {
      await adapter.dispose?.();
    }
  }, 30_000);

  it('renews the module after a call with a numeric pad without counting it as broken', async () => {
    // The renewal after a numeric pad is a precaution (spec: defect.tfjs-nonsquare-pad): only a
    // call that broke the module counts, so that an out-of-process adapter reports real breakage.
    const adapter: Adapter = await tfjsAdapter('wasm', { renewBrokenModule: true });
    try {
      const before = tfjsWasmRenewals();
      const forms: string[] = [];
      // The form is spread over the requests by their digest: vary the values until one call has a numeric pad.
      for (let seed = 0; seed < 40 && !forms.some((form) => form.includes('(number)')); seed++) {
        const request: PoolRequest = {
          input: makeTensor(
            [1, 1, 3, 3],
            Float32Array.from({ length: 9 }, (_, i) => (i * 7 + seed) % 11),
          ),
          params: { kind: 'max', kernel: [2, 2], strides: [1, 1], padding: { begin: [1, 1], end: [1, 1] }, layout: 'channels-first' },
        };
        forms.push((await adapter.pool!(request)).form ?? '');
      }
      expect(forms.some((form) => form.includes('(number)'))).toBe(true);
      expect({ renewed: tfjsWasmRenewals() - before, failure: tfjsWasmFailure() }).toEqual({ renewed: 0, failure: undefined });
    } finally {
      await adapter.dispose?.();
    }
  }, 30_000);
});
