/** An in-process adapter whose convolution resolves to a number instead of a tensor. */
import { withFaultyConv } from './withFaultyConv.js';

export default () => withFaultyConv('conv-non-object', () => Promise.resolve(42));
