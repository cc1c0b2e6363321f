/** An in-process adapter whose convolution calls process.exit(3), once synchronously and once after an await. */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';
import { withFaultyConv } from './withFaultyConv.js';

let calls = 0;

export default () =>
  withFaultyConv('conv-calls-exit', async (request) => {
    calls += 1;
    if (calls % 2 === 1) process.exit(3);
    await Promise.resolve();
    process.exit(3);
    return referenceAdapter().conv!(request); // reached only if the exit is trapped
  });
