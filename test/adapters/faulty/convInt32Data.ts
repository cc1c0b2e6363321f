/** An in-process adapter whose convolution answers its values as an Int32Array. */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-int32-data', async (request) => {
    const right = await referenceAdapter().conv!(request);
    return { shape: right.shape, data: Int32Array.from(right.data, Math.round) };
  });
