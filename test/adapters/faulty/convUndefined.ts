/** An in-process adapter whose convolution resolves to undefined. */
import { withFaultyConv } from './withFaultyConv.js';

export default () => withFaultyConv('conv-undefined', () => Promise.resolve(undefined));
