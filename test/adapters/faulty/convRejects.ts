/** An in-process adapter whose convolution returns a rejected promise. */
import { withFaultyConv } from './withFaultyConv.js';

export default () => withFaultyConv('conv-rejects', () => Promise.reject(new Error('conv rejected its promise')));
