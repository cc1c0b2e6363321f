/**
 * An in-process adapter whose pooling reuses its input's buffer: it answers correctly, then
 * clears the input for its next use.
 */
import type { Adapter } from '../../../src/ops/Adapter.js';
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';

export default (): Adapter => {
  const reference = referenceAdapter();
  return {
    ...reference,
    name: 'pool-zeroes-input',
    pool: async (request) => {
      const answer = await reference.pool!(request);
      request.input.data.fill(0);
      return answer;
    },
  };
};
