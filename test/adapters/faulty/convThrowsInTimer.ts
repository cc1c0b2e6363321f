/**
 * An in-process adapter whose convolution throws inside a timer while its call is still pending
 * (it answers correctly a moment later): an uncaught exception in the adapter's own code.
 */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-throws-in-timer', (request) => {
    setTimeout(() => {
      throw new Error('conv threw in a timer');
    }, 0);
    return new Promise((resolve) => setTimeout(() => resolve(referenceAdapter().conv!(request)), 20));
  });
