/**
 * An in-process adapter whose pooling answers in a buffer of its own and overwrites it on its
 * next call (of the same output size): every answer is correct when it is given.
 */
import type { Adapter } from '../../../src/ops/Adapter.js';
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';

export default (): Adapter => {
  const reference = referenceAdapter();
  let buffer = new Float32Array(0);
  return {
    ...reference,
    name: 'pool-reuses-answer',
    pool: async (request) => {
      const result = await reference.pool!(request);
      if (buffer.length !== result.data.length) buffer = new Float32Array(result.data.length);
      buffer.set(result.data);
      return { shape: result.shape, data: buffer };
    },
  };
};
