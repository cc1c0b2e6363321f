/** An in-process adapter whose convolution answers the right shape with NaN everywhere. */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-nan', async (request) => {
    const right = await referenceAdapter().conv!(request);
    return { shape: right.shape, data: new Float32Array(right.data.length).fill(Number.NaN) };
  });
