/**
 * A browser adapter whose convolution never returns (an endless loop in the page), whose dense
 * layer is the reference's, and which prints on the page's console and leaves an error uncaught,
 * so that a test can see a hung page ended at the timeout and the page's output recorded.
 */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';

export default () => {
  const reference = referenceAdapter('cnnspec');
  console.log('loops-on-conv: made in the page');
  setTimeout(() => {
    throw new Error('loops-on-conv: left uncaught in the page');
  }, 0);
  return {
    ...reference,
    name: 'loops-on-conv',
    async conv() {
      for (;;) {
        // spins
      }
    },
  };
};
