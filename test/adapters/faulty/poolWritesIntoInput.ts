/**
 * An in-process adapter whose pooling runs in place: it writes its (correct) result over the
 * start of the input's buffer and answers with a view of it, where the result fits.
 */
import type { Adapter } from '../../../src/ops/Adapter.js';
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';

export default (): Adapter => {
  const reference = referenceAdapter();
  return {
    ...reference,
    name: 'pool-writes-into-input',
    pool: async (request) => {
      const result = await reference.pool!(request);
      const buffer = request.input.data;
      if (result.data.length > buffer.length) return result;
      buffer.set(result.data);
      return { shape: result.shape, data: buffer.subarray(0, result.data.length) };
    },
  };
};
