/**
 * A configuration that would allocate or compute more than the limits is refused before
 * anything is allocated: with E_TOO_LARGE, within a few milliseconds, and without the process's
 * array buffers growing. Ops are called with small tensors whose configuration (pads, window)
 * makes the output or the work huge; planners, which need no tensors, with huge shapes.
 *
 * spec: error.limits
 */
import { describe, expect, it } from 'vitest';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { conv } from '../../src/ops/conv/conv.js';
import { dense } from '../../src/ops/dense/dense.js';
import { globalPool } from '../../src/ops/global-pool/globalPool.js';
import { pad, planPad } from '../../src/ops/pad/pad.js';
import { planConv } from '../../src/ops/conv/planConv.js';
import { planDense } from '../../src/ops/dense/planDense.js';
import { planGlobalPool } from '../../src/ops/global-pool/planGlobalPool.js';
import { planPool } from '../../src/ops/pool/planPool.js';
import { pool } from '../../src/ops/pool/pool.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { DEFAULT_LIMITS } from '../../src/spec/limits.js';

const TIME_LIMIT_MS = 50;
/** The largest growth of the process's array buffers a refusal may cause. */
const MEMORY_LIMIT_BYTES = 4 * 2 ** 20;

interface Refusal {
  parameter: string;
  ms: number;
  grownBytes: number;
}

/** Calls once to warm up, then measures a second call: its error, duration and array-buffer growth. */
function refusal(action: () => unknown): Refusal {
  const attempt = (): Refusal => {
    const before = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    try {
      action();
    } catch (error) {
      const ms = performance.now() - started;
      const grownBytes = process.memoryUsage().arrayBuffers - before;
      if (!(error instanceof CnnSpecError)) throw error;
      expect(error.code, error.message).toBe('E_TOO_LARGE');
      expect(error.clause).toBe('error.limits');
      return { parameter: error.parameter, ms, grownBytes };
    }
    throw new Error('the call was not refused');
  };
  attempt();
  return attempt();
}

/** A tensor of the given shape, allocated before measuring. */
const zeros = (shape: number[]) => makeTensor(shape);

const huge: [string, () => unknown, 'output' | 'operations' | 'shape'][] = [
  // Ops on small tensors whose configuration is huge.
  [
    'conv with pads of 1e9',
    () => conv(zeros([1, 1, 4, 4]), zeros([1, 1, 3, 3]), undefined, { padding: { begin: 1e9, end: 1e9 } }),
    'output',
  ],
  [
    'conv needing 2^40 multiply-accumulates',
    () => conv(zeros([1, 2 ** 16, 1, 1]), zeros([1, 2 ** 16, 1, 1]), undefined, { padding: { begin: 2047, end: 2048 } }),
    'operations',
  ],
  [
    'max pooling with pads of 1e9',
    () => pool(zeros([1, 1, 4, 4]), { kind: 'max', kernel: 2, strides: 1, padding: { begin: 1e9, end: 1e9 } }),
    'output',
  ],
  [
    'average pooling with a window of 2^32 taps',
    () => pool(zeros([1, 1, 1, 1]), { kind: 'avg', kernel: 2 ** 16, strides: 1, padding: { begin: 2 ** 16 - 1, end: 0 } }),
    'operations',
  ],
  ['pad of 1e9 on every side', () => pad(zeros([1, 1, 4, 4]), { padding: { begin: 1e9, end: 1e9 } }), 'output'],
  ['dense with 2^28 outputs', () => dense(zeros([2 ** 14, 1]), zeros([1, 2 ** 14]), undefined), 'output'],
  [
    'global pooling beyond limits set by the caller',
    () => globalPool(zeros([1, 1, 64, 64]), { kind: 'avg' }, { ...DEFAULT_LIMITS, maxOperations: 1000 }),
    'operations',
  ],
  // Planners on huge shapes.
  ['planConv of an input of [1, 1, 1e6, 1e6]', () => planConv({}, [1, 1, 1e6, 1e6], [1, 1, 1, 1]), 'output'],
  ['planConv needing 2^40 multiply-accumulates', () => planConv({}, [1, 2 ** 10, 2 ** 6, 2 ** 6], [2 ** 10, 2 ** 10, 8, 8]), 'operations'],
  ['planPool of an input of [1, 1, 1e6, 1e6]', () => planPool({ kind: 'max', kernel: 1 }, [1, 1, 1e6, 1e6]), 'output'],
  ['planPad with pads of 1e9', () => planPad({ padding: { begin: 1e9, end: 1e9 } }, [1, 1, 1e6, 1e6]), 'output'],
  ['planDense of 2^46 multiply-accumulates', () => planDense({}, [2 ** 16, 2 ** 20], [2 ** 20, 2 ** 10]), 'operations'],
  ['planGlobalPool of an input of [1, 1, 1e6, 1e6]', () => planGlobalPool({ kind: 'max' }, [1, 1, 1e6, 1e6]), 'operations'],
  ['makeTensor of [1e6, 1e6]', () => makeTensor([1e6, 1e6]), 'shape'],
];

describe('huge configurations', () => {
  for (const [name, action, parameter] of huge) {
    it(`${name}: refused with E_TOO_LARGE, fast and without allocating`, () => {
      const measured = refusal(action);
      expect(measured.parameter).toBe(parameter);
      expect(measured.ms).toBeLessThan(TIME_LIMIT_MS);
      expect(measured.grownBytes).toBeLessThan(MEMORY_LIMIT_BYTES);
    });
  }

  it('the measurement sees an allocation of the size it guards against', () => {
    // The same probe around a call that does allocate 64 MiB: the growth must show.
    const before = process.memoryUsage().arrayBuffers;
    const kept = makeTensor([2 ** 24]);
    expect(process.memoryUsage().arrayBuffers - before).toBeGreaterThanOrEqual(MEMORY_LIMIT_BYTES);
    expect(kept.data.length).toBe(2 ** 24);
  });
});
