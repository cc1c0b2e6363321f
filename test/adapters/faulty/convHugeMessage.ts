/** An in-process adapter whose convolution throws an Error with a message of one megabyte. */
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-huge-message', () => {
    throw new Error(`conv failed: ${'x'.repeat(1024 * 1024)}`);
  });
