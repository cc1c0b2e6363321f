/** An in-process adapter whose convolution returns a promise that never settles. */
import { withFaultyConv } from './withFaultyConv.js';

export default () => withFaultyConv('conv-never-settles', () => new Promise(() => undefined));
