/** An in-process adapter whose convolution throws a string, not an Error. */
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-throws-string', () => {
    throw 'conv broke';
  });
