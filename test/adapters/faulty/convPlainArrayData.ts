/** An in-process adapter whose convolution answers the right values as a plain array. */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-plain-array-data', async (request) => {
    const right = await referenceAdapter().conv!(request);
    return { shape: right.shape, data: Array.from(right.data) };
  });
