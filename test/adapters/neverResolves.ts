/** An in-process adapter whose convolution never settles. */
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';

export default () => ({ ...referenceAdapter(), name: 'never-resolves', conv: () => new Promise(() => undefined) });
