/** An in-process adapter whose convolution answers the right shape with one element too few. */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-wrong-length', async (request) => {
    const right = await referenceAdapter().conv!(request);
    return { shape: right.shape, data: right.data.subarray(1) };
  });
