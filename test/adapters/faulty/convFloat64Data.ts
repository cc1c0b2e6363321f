/** An in-process adapter whose convolution answers the right values as a Float64Array. */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-float64-data', async (request) => {
    const right = await referenceAdapter().conv!(request);
    return { shape: right.shape, data: Float64Array.from(right.data) };
  });
