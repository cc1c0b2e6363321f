/**
 * An in-process adapter whose convolution answers with a Float32Array subclass that claims the
 * length the shape needs while it holds one element: read past its end, the kit would see
 * undefined, and NaN in every comparison.
 */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-lying-length', async (request) => {
    const right = await referenceAdapter().conv!(request);
    const claimed = right.data.length;
    class Lying extends Float32Array {
      override get length(): number {
        return claimed;
      }
    }
    return { shape: right.shape, data: new Lying(1) };
  });
