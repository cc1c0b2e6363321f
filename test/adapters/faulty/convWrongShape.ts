/** An in-process adapter whose convolution answers a well-formed tensor of the wrong shape. */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-wrong-shape', async (request) => {
    const right = await referenceAdapter().conv!(request);
    return { shape: [right.data.length + 1], data: new Float32Array(right.data.length + 1) };
  });
