/**
 * An in-process adapter whose convolution answers with a Proxy of a Float32Array that claims the
 * length the shape needs while the array behind it holds one element.
 */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-proxy-data', async (request) => {
    const right = await referenceAdapter().conv!(request);
    const data = new Proxy(new Float32Array(1), {
      get: (target, key) => (key === 'length' ? right.data.length : Reflect.get(target, key)),
    });
    return { shape: right.shape, data };
  });
