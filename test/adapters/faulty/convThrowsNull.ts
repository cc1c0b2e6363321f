/** An in-process adapter whose convolution rejects with null. */
import { withFaultyConv } from './withFaultyConv.js';

export default () => withFaultyConv('conv-throws-null', () => Promise.reject(null as unknown as Error));
