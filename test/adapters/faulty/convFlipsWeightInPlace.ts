/**
 * An in-process adapter that computes a true convolution (the kernel flipped, against
 * conv.no-flip) by flipping its weight tensor in place and correlating with it.
 */
import type { Adapter } from '../../../src/ops/Adapter.js';
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';
import { flipKernel } from '../../mutants/mutants.js';

export default (): Adapter => {
  const reference = referenceAdapter();
  return {
    ...reference,
    name: 'conv-flips-weight-in-place',
    conv: async (request) => {
      request.weight.data.set(flipKernel(request).data);
      return reference.conv!(request);
    },
  };
};
