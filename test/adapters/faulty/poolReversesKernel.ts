/**
 * An in-process adapter that converts the pooling parameters to its framework's axis order in
 * place: it reverses the per-axis arrays of the record it is given, then pools with the record.
 */
import type { Adapter } from '../../../src/ops/Adapter.js';
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';

export default (): Adapter => {
  const reference = referenceAdapter();
  return {
    ...reference,
    name: 'pool-reverses-kernel',
    pool: async (request) => {
      const params = request.params as unknown as Record<string, unknown>;
      for (const key of ['kernel', 'strides', 'dilations']) if (Array.isArray(params[key])) (params[key] as number[]).reverse();
      return reference.pool!({ ...request, params: { ...request.params } });
    },
  };
};
