/** An in-process adapter whose convolution throws synchronously instead of returning a promise. */
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-throws-sync', () => {
    throw new Error('conv exploded synchronously');
  });
