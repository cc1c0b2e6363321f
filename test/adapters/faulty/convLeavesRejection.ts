/**
 * An in-process adapter whose convolution answers correctly at once but leaves a rejected promise
 * unhandled: the rejection surfaces after its call has settled, while its test is still running.
 */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-leaves-rejection', (request) => {
    void Promise.reject(new Error('conv left a rejected promise'));
    return referenceAdapter().conv!(request);
  });
